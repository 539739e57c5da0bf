// A jest reporter the jest test process (jest-test-process.ts) adds to its runs, which run in band:
// every test file and test that starts or ends is a sign of life for the worker's watch. Loaded by
// jest with import(), so it shares the test process's module of test-process.ts.
import { progress } from './test-process.ts';

export default class ProgressReporter {
  onRunStart(): void {
    progress();
  }
  onTestFileStart(): void {
    progress();
  }
  /** Jest's name for onTestFileStart before 26. */
  onTestStart(): void {
    progress();
  }
  onTestCaseStart(): void {
    progress();
  }
  onTestCaseResult(): void {
    progress();
  }
  onTestFileResult(): void {
    progress();
  }
  getLastError(): undefined {
    return undefined;
  }
}
