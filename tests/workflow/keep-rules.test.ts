import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contract/finding.ts';
import { compareReports, durationChanges, runDrift } from '../../src/loop/compare.ts';
import { decidePatch, type TargetEvidence } from '../../src/loop/keep-rules.ts';
import { findingKind, resolutionOf } from '../../src/loop/resolution.ts';
import type { TestReport, TestStatus } from '../../src/testing/report.ts';
import { reportOf } from './reports.ts';

// Keep or revert for changes aimed at findings other than failing tests.

const SLOW = 't.test.ts > slow';

/** A report whose tests have the given statuses and durations (ms). */
function timed(tests: Record<string, [TestStatus, number]>): TestReport {
  const report = reportOf(Object.fromEntries(Object.entries(tests).map(([id, [status]]) => [id, status])));
  for (const file of report.files) for (const test of file.tests) test.durationMs = tests[test.id]?.[1] ?? 0;
  return report;
}

/** An error-handling finding in src/ingest.ts, shaped as the analyzer makes them. */
function ingestFinding(rule: string, line: number, priority: Finding['priority'], message: string): Finding {
  const location = { file: 'src/ingest.ts', line, column: 5 };
  return { id: `error-handling:${rule}:src/ingest.ts:${line}:5`, category: 'error-handling', priority, message, location, tests: [] };
}
const floating = ingestFinding('floating-promise', 41, 'high', 'Promise neither awaited nor handled in flush (src/ingest.ts:41)');
const emptyCatch = ingestFinding('empty-catch', 18, 'medium', 'Empty catch block in parseLine (src/ingest.ts:18)');
const slowFinding: Finding = {
  id: `performance:${SLOW}`,
  category: 'performance',
  priority: 'medium',
  message: 'Slow test "slow"',
  location: { file: 'src/events.ts', line: 13 },
  tests: [SLOW],
};

/** `finding` with its location (and id) moved down by `by` lines, as a change above it does. */
function moved(finding: Finding, by: number): Finding {
  const { file, line = 0, column } = finding.location ?? { file: '' };
  const kind = findingKind(finding);
  return { ...finding, id: `${kind}:${line + by}${column !== undefined ? `:${column}` : ''}`, location: { file, line: line + by, column } };
}

const green = reportOf({ 't.test.ts > a': 'passed', 't.test.ts > b': 'passed' });

function evidence(
  finding: Finding,
  before: Finding[],
  after: Finding[] | undefined,
  reports = { before: green, after: green },
): TargetEvidence {
  return { finding, before: { report: reports.before, findings: before }, after: { report: reports.after, findings: after } };
}

describe('findingKind and resolutionOf', () => {
  it('follows a finding by rule and file, not by line', () => {
    expect(findingKind(floating)).toBe('error-handling:floating-promise:src/ingest.ts');
    expect(findingKind(moved(floating, 3))).toBe(findingKind(floating));
    expect(findingKind(slowFinding)).toBe(slowFinding.id);
    expect(findingKind({ ...slowFinding, location: { file: 'src/x.ts', line: 1 } })).toBe(slowFinding.id);
  });

  it('counts a finding that only moved as still there, and one of a kind that grew as introduced', () => {
    expect(resolutionOf(floating, [floating, emptyCatch], [moved(floating, 2), moved(emptyCatch, 2)])).toEqual({
      resolved: false,
      introduced: [],
    });
    const second = moved(emptyCatch, 10);
    expect(resolutionOf(floating, [floating, emptyCatch], [emptyCatch, second])).toEqual({ resolved: true, introduced: [second] });
  });
});

describe('decidePatch for error-handling and quality findings', () => {
  const clean = { fixed: [], broken: [], stillFailing: [], newErrors: [] };

  it('keeps a change when the finding is gone, even though every line below it moved', () => {
    expect(decidePatch(clean, evidence(floating, [floating, emptyCatch], [moved(emptyCatch, 3)]))).toEqual({
      keep: true,
      effect: `resolves error-handling finding: ${floating.message}`,
    });
  });

  it('reverts a change that leaves the finding in place', () => {
    expect(decidePatch(clean, evidence(floating, [floating], [moved(floating, 1)]))).toEqual({
      keep: false,
      reason: `the error-handling finding it targets is still there: ${floating.message}`,
    });
  });

  it('reverts a change that trades the finding for one as urgent, and tolerates a less urgent one', () => {
    const swallowed = ingestFinding('swallowed-error', 18, 'medium', 'Catch block swallows the error');
    expect(decidePatch(clean, evidence(emptyCatch, [emptyCatch], [swallowed]))).toEqual({
      keep: false,
      reason: 'it resolves the error-handling finding but brings in 1 finding as urgent: Catch block swallows the error',
    });
    const longer: Finding = {
      id: 'quality:long-function:src/ingest.ts:13',
      category: 'quality',
      priority: 'low',
      message: 'parseLine is 70 lines long',
      location: { file: 'src/ingest.ts', line: 13 },
      tests: [],
    };
    expect(decidePatch(clean, evidence(emptyCatch, [emptyCatch], [longer]))).toMatchObject({ keep: true });
  });

  it('never keeps a change that breaks a passing test or adds an error, whatever it resolves', () => {
    const broke = compareReports(green, reportOf({ 't.test.ts > a': 'passed', 't.test.ts > b': 'failed' }));
    expect(decidePatch(broke, evidence(floating, [floating], []))).toEqual({ keep: false, reason: 'broke 1 passing test: t.test.ts > b' });
    expect(decidePatch({ ...clean, newErrors: ['u.test.ts: SyntaxError'] }, evidence(floating, [floating], []))).toMatchObject({
      keep: false,
    });
  });

  it('reverts when the changed code was not analyzed, or the change names no current finding', () => {
    expect(decidePatch(clean, evidence(floating, [floating], undefined))).toEqual({
      keep: false,
      reason: 'the changed code was not analyzed, so whether the finding is gone is unknown',
    });
    expect(decidePatch(clean)).toEqual({
      keep: false,
      reason: 'fixed nothing: no test was failing, and it names no current finding to resolve',
    });
  });

  it('keeps a change that fixes a failing test whatever its target', () => {
    const red = reportOf({ 't.test.ts > a': 'failed' });
    const fixed = compareReports(red, reportOf({ 't.test.ts > a': 'passed' }));
    expect(decidePatch(fixed, evidence(floating, [floating], [floating]))).toEqual({ keep: true, effect: 'fixes 1 test' });
  });
});

describe('decidePatch for performance findings', () => {
  const clean = { fixed: [], broken: [], stillFailing: [], newErrors: [] };
  const run = (slowMs: number, othersMs = 5) =>
    timed({
      [SLOW]: ['passed', slowMs],
      't.test.ts > a': ['passed', othersMs],
      't.test.ts > b': ['passed', othersMs],
      't.test.ts > c': ['passed', othersMs],
    });
  const speedup = (before: TestReport, after: TestReport) =>
    decidePatch(clean, evidence(slowFinding, [slowFinding], [], { before, after }));

  it('keeps a change that makes the slow test at least 20% faster', () => {
    expect(speedup(run(2000), run(12))).toEqual({ keep: true, effect: `faster: ${SLOW} 2000 ms -> 12 ms (-99%)` });
    expect(speedup(run(1000), run(800))).toMatchObject({ keep: true });
  });

  it('reverts a change that gains less than 20%, or less than the noise floor', () => {
    expect(speedup(run(1000), run(850))).toEqual({
      keep: false,
      reason: `not measurably faster: ${SLOW} 1000 ms -> 850 ms (-15%); needs 20% and 50 ms less`,
    });
    expect(speedup(run(100), run(70))).toMatchObject({ keep: false });
    expect(speedup(run(1000), run(1400))).toMatchObject({ keep: false, reason: expect.stringContaining('(+40%)') });
  });

  it('takes out the drift of the other tests: all of them faster is the machine, not the change', () => {
    // Everything ran 30% faster; the slow test too, so the change did nothing for it.
    expect(speedup(run(1000, 100), run(700, 70))).toEqual({
      keep: false,
      reason: `not measurably faster: ${SLOW} 1000 ms -> 700 ms (-30%); needs 20% and 50 ms less (allowing for the other tests' -30% in the same run)`,
    });
    // The others got slower, the slow test much faster: kept.
    expect(speedup(run(1000, 100), run(500, 150))).toMatchObject({ keep: true });
  });

  it('cannot judge a slow test that did not pass in both runs', () => {
    const failed = timed({ [SLOW]: ['failed', 10], 't.test.ts > a': ['passed', 5] });
    expect(speedup(run(1000), failed)).toEqual({
      keep: false,
      reason: `cannot tell whether it is faster: ${SLOW} did not pass in both runs`,
    });
  });
});

describe('durationChanges and runDrift', () => {
  it('pairs the durations of tests that passed in both runs', () => {
    const before = timed({ [SLOW]: ['passed', 900], 't.test.ts > a': ['failed', 3] });
    const after = timed({ [SLOW]: ['passed', 90], 't.test.ts > a': ['passed', 3] });
    expect(durationChanges(before, after, [SLOW, 't.test.ts > a'])).toEqual([{ test: SLOW, beforeMs: 900, afterMs: 90 }]);
  });

  it('is 1 when too few other tests last long enough to tell', () => {
    const before = timed({ [SLOW]: ['passed', 900], 't.test.ts > a': ['passed', 100], 't.test.ts > b': ['passed', 10] });
    const after = timed({ [SLOW]: ['passed', 90], 't.test.ts > a': ['passed', 200], 't.test.ts > b': ['passed', 20] });
    expect(runDrift(before, after, [SLOW])).toBe(1);
  });
});
