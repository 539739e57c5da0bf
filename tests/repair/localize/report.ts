import type { StackFrame, TestCaseResult, TestReport } from '../../../src/testing/report.ts';
import { reportOf as reportOfResults } from '../../analysis/report-of.ts';

export interface TestSpec {
  file: string;
  name: string;
  failed?: { frames: StackFrame[] };
  flaky?: boolean;
}

/** A TestReport of the given tests: passing unless `failed` gives the failure's stack frames. */
export function reportOf(tests: TestSpec[]): TestReport {
  return reportOfResults(
    tests.map(
      (test): TestCaseResult => ({
        id: `${test.file} > ${test.name}`,
        file: test.file,
        namePath: [test.name],
        status: test.failed ? 'failed' : 'passed',
        durationMs: 1,
        ...(test.flaky ? { flaky: true } : {}),
        ...(test.failed ? { failure: { message: 'expected 1 to be 2', frames: test.failed.frames } } : {}),
      }),
    ),
  );
}
