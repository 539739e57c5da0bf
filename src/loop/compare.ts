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

/** How long one test took before and after a change (both runs passed it). */
export interface DurationChange {
  test: string;
  beforeMs: number;
  afterMs: number;
}

/** Durations of `tests` in both runs; a test that did not pass in either run has no comparable time. */
export function durationChanges(before: TestReport, after: TestReport, tests: readonly string[]): DurationChange[] {
  const was = passedDurations(before);
  const now = passedDurations(after);
  return tests.flatMap((test) => {
    const beforeMs = was.get(test);
    const afterMs = now.get(test);
    return beforeMs === undefined || afterMs === undefined ? [] : [{ test, beforeMs, afterMs }];
  });
}

/** Below this a test's time is mostly timer resolution and scheduling, too coarse to tell drift by. */
const DRIFT_MIN_MS = 50;
/** Fewer timed tests than this and the median is no estimate. */
const DRIFT_MIN_TESTS = 3;

/**
 * How much slower (above 1) or faster (below 1) the machine ran the tests other than `changed` in
 * the second run: the median ratio of their durations. A change to some tests' code says nothing
 * about the others, so their drift is noise (load, caches) to take out of the changed tests'
 * times. 1 when too few other tests last long enough to tell.
 */
export function runDrift(before: TestReport, after: TestReport, changed: readonly string[]): number {
  const excluded = new Set(changed);
  const was = passedDurations(before);
  const ratios: number[] = [];
  for (const [test, afterMs] of passedDurations(after)) {
    const beforeMs = was.get(test);
    if (excluded.has(test) || beforeMs === undefined || beforeMs < DRIFT_MIN_MS) continue;
    ratios.push(afterMs / beforeMs);
  }
  if (ratios.length < DRIFT_MIN_TESTS) return 1;
  ratios.sort((a, b) => a - b);
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? (ratios[middle] as number) : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2;
}

function passedDurations(report: TestReport): Map<string, number> {
  return new Map(
    allTests(report)
      .filter((t) => t.status === 'passed')
      .map((t) => [t.id, t.durationMs]),
  );
}
