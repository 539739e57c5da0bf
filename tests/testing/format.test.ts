import { describe, expect, it } from 'vitest';
import { buildTestReport } from '../../src/testing/build-report.ts';
import { mergeRerun } from '../../src/testing/flaky.ts';
import { formatReport } from '../../src/testing/format.ts';
import { capturedRun } from './captures.ts';

describe('formatReport', () => {
  it('sums up a green run in one line', () => {
    expect(formatReport(buildTestReport(capturedRun('green')))).toMatch(/^vitest: 17 tests in 2 files: 17 passed \(\d+\.\d s\)$/);
  });

  it('names each failing test with where it failed and why', () => {
    const text = formatReport(buildTestReport(capturedRun('buggy')));
    expect(text.split('\n')[0]).toMatch(/^vitest: 23 tests in 3 files: 18 passed, 5 failed \(/);
    expect(text).toContain(
      [
        'FAIL tests/paginate.test.ts > paginate > returns the last, partial page',
        '  at src/paginate.ts:18 (paginate) <- tests/paginate.test.ts:28',
        '  RangeError: page 3 is outside 1..3',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        'FAIL tests/orders.test.ts > order history > includes cancelled orders when asked',
        '  at tests/orders.test.ts:16',
        "  AssertionError: expected [ 'o3', 'o1' ] to deeply equal [ 'o3', 'o2', 'o1' ]",
        '  expected: [ "o3", "o2", "o1", ]',
        '  actual:   [ "o3", "o1", ]',
      ].join('\n'),
    );
    expect(text.match(/^FAIL /gm)).toHaveLength(5);
  });

  it('shows why a run broke and which file did not load', () => {
    const text = formatReport(buildTestReport(capturedRun('compile-error')));
    expect(text).toMatch(/^error \(compile\): 1 test file failed to load: tests\/broken\.spec\.ts/m);
    expect(text).toMatch(/^FAIL tests\/broken\.spec\.ts: Transform failed with 1 error: \[PARSE_ERROR\]/m);
  });

  it('lists flaky tests', () => {
    const report = mergeRerun(buildTestReport(capturedRun('flaky', 0)), buildTestReport(capturedRun('flaky', 1)));
    const text = formatReport(report);
    expect(text).toContain('2 passed, 1 failed, 1 flaky');
    expect(text).toContain('flaky (failed, then passed on a rerun): tests/counter.spec.ts > passes from the second run on');
  });
});
