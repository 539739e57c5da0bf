import type { TestCoverage } from './localize/coverage.ts';
import type { HotRunner } from './validate/hot.ts';

export type CoverageResult =
  | { ok: true; tests: TestCoverage[]; ms: number }
  | { ok: false; reason: string; ms: number };

/**
 * Per-test line coverage of the unpatched project, for spectrum-based fault localization (Ochiai).
 *
 * Taken inside the sandbox by the warm validator worker: one extra vitest run with a setup file
 * that reads V8's precise block coverage through the test thread's inspector before and after
 * every test, mapped back to source lines through vitest's own source maps (see
 * validate/scripts/coverage-setup.ts). When it cannot be had (the run hit its limit, the worker
 * failed), the result says why and localization falls back to stack frames.
 */
export async function collectCoverage(runner: HotRunner): Promise<CoverageResult> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  try {
    const result = await runner.coverage();
    if (result.timedOut) return { ok: false, reason: 'the coverage run hit its time limit', ms: ms() };
    const tests = result.tests
      .filter((test) => test.state === 'passed' || test.state === 'failed')
      .map((test) => ({ testId: test.id, passed: test.state === 'passed', lines: test.lines }));
    return { ok: true, tests, ms: ms() };
  } catch (error) {
    return { ok: false, reason: `coverage failed: ${error instanceof Error ? error.message : String(error)}`, ms: ms() };
  }
}
