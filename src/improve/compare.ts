import { allTests, type TestReport, type TestStatus } from '../testing/report.ts';

/** How a re-test differs from the run before it, test by test (ids are stable across runs). */
export interface TestComparison {
  /** Did not pass before (failed, or missing because its file or the run broke), pass now. */
  fixed: string[];
  /** Passed before, do not pass now (failed or missing). */
  broken: string[];
  /** Failed before and still do not pass. */
  stillFailing: string[];
  /** Run or file errors present now that were not before (e.g. the change does not compile). */
  newErrors: string[];
}

export function compareReports(before: TestReport, after: TestReport): TestComparison {
  const was = statusById(before);
  const now = statusById(after);
  const fixed: string[] = [];
  const broken: string[] = [];
  const stillFailing: string[] = [];
  for (const [id, status] of now) if (status === 'passed' && was.get(id) !== 'passed') fixed.push(id);
  for (const [id, status] of was) {
    if (status === 'passed' && now.get(id) !== 'passed') broken.push(id);
    if (status === 'failed' && now.get(id) !== 'passed') stillFailing.push(id);
  }
  const oldErrors = new Set(errorsOf(before));
  const newErrors = errorsOf(after).filter((e) => !oldErrors.has(e));
  return { fixed: fixed.sort(), broken: broken.sort(), stillFailing: stillFailing.sort(), newErrors };
}

function statusById(report: TestReport): Map<string, TestStatus> {
  return new Map(allTests(report).map((t) => [t.id, t.status]));
}

function errorsOf(report: TestReport): string[] {
  const errors = report.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error?.split('\n', 1)[0]}`);
  if (report.error) errors.unshift(`${report.error.kind}: ${report.error.message.split('\n', 1)[0]}`);
  return errors;
}
