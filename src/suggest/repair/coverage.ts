import type { CoverageResult } from '../../testing/run-coverage.ts';
import type { HotRunner } from './validate/hot.ts';

/**
 * Per-test line coverage of the unpatched project, for spectrum-based fault localization (Ochiai),
 * as the warm validator took it.
 *
 * Taken inside the sandbox by the warm validator worker, in its run of the unpatched project
 * (`HotRunner.start({ coverage: true })`): a setup file reads V8's precise block coverage through
 * the test thread's inspector before and after every test, and the worker maps the lines back to
 * source lines through vitest's own source maps (see validate/scripts/coverage-setup.ts). Other
 * runners take it in a run of their own command (testing/run-coverage.ts). When there is none, the
 * result says why and localization falls back to stack frames.
 */
export function perTestCoverage(runner: HotRunner): CoverageResult {
  const entries = runner.coverage;
  if (!entries) return { ok: false, reason: 'the warm validator was started without coverage' };
  const tests = entries
    .filter((test) => test.state === 'passed' || test.state === 'failed')
    .map((test) => ({ testId: test.id, passed: test.state === 'passed', lines: test.lines }));
  if (!tests.some((test) => !test.passed)) return { ok: false, reason: 'no failing test in the coverage run' };
  return { ok: true, tests };
}
