import type { StackFrame, TestCaseResult, TestReport } from '../../../src/testing/report.ts';

export interface TestSpec {
  file: string;
  name: string;
  failed?: { frames: StackFrame[] };
  flaky?: boolean;
}

/** A TestReport of the given tests, grouped by file, as the test runner produces it. */
export function reportOf(tests: TestSpec[]): TestReport {
  const byFile = new Map<string, TestCaseResult[]>();
  for (const test of tests) {
    const result: TestCaseResult = {
      id: `${test.file} > ${test.name}`,
      file: test.file,
      namePath: [test.name],
      status: test.failed ? 'failed' : 'passed',
      durationMs: 1,
      ...(test.flaky ? { flaky: true } : {}),
      ...(test.failed ? { failure: { message: 'expected 1 to be 2', frames: test.failed.frames } } : {}),
    };
    byFile.set(test.file, [...(byFile.get(test.file) ?? []), result]);
  }
  const failed = tests.filter((test) => test.failed).length;
  return {
    version: 1,
    runner: 'vitest',
    command: 'vitest run',
    sandbox: 'local',
    startedAt: new Date(0).toISOString(),
    wallMs: 10,
    totals: { files: byFile.size, tests: tests.length, passed: tests.length - failed, failed, skipped: 0, flaky: 0 },
    files: [...byFile].map(([file, results]) => ({
      file,
      status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
      durationMs: 1,
      tests: results,
    })),
  };
}
