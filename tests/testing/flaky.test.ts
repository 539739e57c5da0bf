import { describe, expect, it } from 'vitest';
import { buildTestReport } from '../../src/testing/build-report.ts';
import { mergeRerun, rerunCandidates } from '../../src/testing/flaky.ts';
import { allTests } from '../../src/testing/report.ts';
import { vitestAdapter } from '../../src/testing/runners/vitest.ts';

const { rerunArgs } = vitestAdapter;

import { capturedRun } from './captures.ts';

describe('flaky-test guard', () => {
  it('reruns only the failing tests, by file and exact full name', () => {
    const report = buildTestReport(capturedRun('buggy'));
    expect(rerunArgs(rerunCandidates(report))).toEqual([
      'tests/cart.test.ts',
      'tests/orders.test.ts',
      'tests/paginate.test.ts',
      '--testNamePattern',
      '^(?:totals > taxes the discounted amount|order history > lists newest first without cancelled orders|' +
        'order history > includes cancelled orders when asked|paginate > returns the last, partial page|' +
        'paginate > has no next page at the end)$',
    ]);
  });

  it('escapes names so the pattern matches them literally', () => {
    const [test] = allTests(buildTestReport(capturedRun('buggy')));
    const odd = { ...test!, namePath: ['a (b)', 'costs $5.00? [x]|y'] };
    const pattern = rerunArgs([odd]).at(-1)!;
    expect(new RegExp(pattern).test('a (b) > costs $5.00? [x]|y')).toBe(true);
    expect(new RegExp(pattern).test('a (b) > costs $5000? [x]|y')).toBe(false);
  });

  it('does not rerun a run that broke', () => {
    expect(rerunCandidates(buildTestReport(capturedRun('compile-error')))).toEqual([]);
  });

  it('marks a test that failed and then passed on the real rerun as flaky and passed', () => {
    const first = buildTestReport(capturedRun('flaky', 0));
    const rerun = buildTestReport(capturedRun('flaky', 1));
    expect(first.totals).toMatchObject({ tests: 3, passed: 1, failed: 2 });
    // The rerun ran just the two failing tests; the stable one was filtered out.
    expect(
      allTests(rerun)
        .filter((t) => t.status !== 'skipped')
        .map((t) => t.namePath.join(' > ')),
    ).toEqual(['passes from the second run on', 'always fails']);

    const merged = mergeRerun(first, rerun);
    expect(merged.totals).toEqual({ files: 1, tests: 3, passed: 2, failed: 1, skipped: 0, flaky: 1 });
    const byName = new Map(allTests(merged).map((t) => [t.namePath.join(' > '), t]));
    expect(byName.get('passes from the second run on')).toMatchObject({ status: 'passed', flaky: true });
    expect(byName.get('passes from the second run on')?.failure).toBeUndefined();
    expect(byName.get('always fails')).toMatchObject({ status: 'failed' });
    expect(byName.get('always fails')?.flaky).toBeUndefined();
    expect(byName.get('is stable')).toMatchObject({ status: 'passed' });
    expect(byName.get('is stable')?.flaky).toBeUndefined();
    expect(merged.files[0]?.status).toBe('failed');
  });

  it('never lets a broken rerun or a skipped test change the first results', () => {
    const first = buildTestReport(capturedRun('flaky', 0));
    expect(mergeRerun(first, buildTestReport(capturedRun('crash')))).toEqual(first);
    // In the first run's own results nothing failed-then-passed, so merging it changes nothing.
    expect(mergeRerun(first, first)).toEqual(first);
  });
});
