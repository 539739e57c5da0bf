import { totalsOf } from './build-report.ts';
import { allTests, type TestCaseResult, type TestFileResult, type TestReport } from './report.ts';

/** The failing tests worth a rerun; none when the run itself broke. */
export function rerunCandidates(report: TestReport): TestCaseResult[] {
  if (report.error) return [];
  return allTests(report).filter((t) => t.status === 'failed');
}

/**
 * Folds a rerun into the first report: a test that failed before and passes now is passed and flaky;
 * anything else keeps its first result, so a rerun can never make a report worse.
 */
export function mergeRerun(report: TestReport, rerun: TestReport): TestReport {
  if (rerun.error) return report;
  const passedNow = new Map(
    allTests(rerun)
      .filter((t) => t.status === 'passed')
      .map((t) => [t.id, t]),
  );
  const files = report.files.map((file): TestFileResult => {
    const tests = file.tests.map((test): TestCaseResult => {
      const again = passedNow.get(test.id);
      if (test.status !== 'failed' || !again) return test;
      const { failure: _failure, ...rest } = test;
      return { ...rest, status: 'passed', flaky: true, durationMs: again.durationMs };
    });
    const failed = file.error !== undefined || tests.some((t) => t.status === 'failed');
    return { ...file, status: failed ? 'failed' : file.status === 'skipped' ? 'skipped' : 'passed', tests };
  });
  return { ...report, files, totals: totalsOf(files) };
}
