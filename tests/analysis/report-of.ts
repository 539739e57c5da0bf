import { totalsOf } from '../../src/testing/build-report.ts';
import type { TestCaseResult, TestFileResult, TestReport } from '../../src/testing/report.ts';

/** A report holding exactly `tests`, as a run of their files would give it. */
export function reportOf(tests: readonly TestCaseResult[]): TestReport {
  const byFile = new Map<string, TestCaseResult[]>();
  for (const test of tests) byFile.set(test.file, [...(byFile.get(test.file) ?? []), test]);
  const files: TestFileResult[] = [...byFile].map(([file, fileTests]) => ({
    file,
    status: fileTests.some((test) => test.status === 'failed') ? 'failed' : 'passed',
    durationMs: fileTests.reduce((sum, test) => sum + test.durationMs, 0),
    tests: fileTests,
  }));
  return {
    version: 1,
    runner: 'vitest',
    command: 'vitest run',
    sandbox: 'local/none',
    startedAt: new Date(0).toISOString(),
    wallMs: 0,
    totals: totalsOf(files),
    files,
  };
}
