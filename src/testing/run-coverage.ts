import { SandboxFileNotFoundError } from '../sandbox/errors.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { allTests } from './report.ts';
import { runTests } from './run-tests.ts';
import { runnerAdapter } from './runners/registry.ts';
import { COVERAGE_FILE, RUNNER_NAMES, type RunnerName } from './runners/runner.ts';
import { readTestCoverage, type TestCoverage } from './test-coverage.ts';

/** Per-test coverage, or why there is none (localization then falls back to stack frames). */
export type CoverageResult = { ok: true; tests: TestCoverage[] } | { ok: false; reason: string };

export interface CoverageRunOptions {
  testCommand?: string;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Runs the suite once more with the runner's per-test coverage setup and reads what each test
 * executed. Only the runs of tests that ran count, and only when at least one failing test is among
 * them: spectrum-based localization needs a failure to point with.
 */
export async function collectTestCoverage(sandbox: Sandbox, runner: string, options: CoverageRunOptions = {}): Promise<CoverageResult> {
  if (!isRunnerName(runner)) return { ok: false, reason: `no per-test coverage for ${runner} commands` };
  const adapter = runnerAdapter(runner);
  if (!adapter.coverage) return { ok: false, reason: `no per-test coverage for ${adapter.label}` };
  const report = await runTests(sandbox, { ...options, coverage: true });
  if (report.error) return { ok: false, reason: `the coverage run broke: ${report.error.message}` };
  const text = await sandbox.readFile(COVERAGE_FILE).catch((error: unknown) => {
    if (error instanceof SandboxFileNotFoundError) return '';
    throw error;
  });
  const ran = new Map(allTests(report).map((test) => [test.id, test.status]));
  const tests = readTestCoverage(text, sandbox.workdir).filter((test) => {
    const status = ran.get(test.testId);
    return status === 'passed' || status === 'failed';
  });
  if (tests.length === 0) return { ok: false, reason: `the coverage run of ${adapter.label} recorded no test` };
  if (!tests.some((test) => !test.passed)) return { ok: false, reason: 'no failing test in the coverage run' };
  return { ok: true, tests };
}

function isRunnerName(name: string): name is RunnerName {
  return (RUNNER_NAMES as readonly string[]).includes(name);
}
