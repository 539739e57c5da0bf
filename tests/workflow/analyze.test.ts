import { describe, expect, it } from 'vitest';
import { analyze, rankFindings } from '../../src/analysis/analyze.ts';
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import { failuresAnalyzer } from '../../src/analysis/failures.ts';
import type { Finding } from '../../src/contract/finding.ts';
import { reportOf } from './reports.ts';

describe('failures analyzer', () => {
  it('makes one high failure finding per failing test, located in the code under test', async () => {
    const report = reportOf({ 't.test.ts > sums > adds': 'failed', 't.test.ts > sums > zero': 'passed' });
    const test = report.files[0]?.tests[0];
    if (!test?.failure) throw new Error('fixture');
    test.failure.frames = [
      { file: 'tests/t.test.ts', line: 9 },
      { file: 'src/sum.ts', line: 4, column: 10 },
    ];
    test.failure.expected = '3';
    test.failure.actual = '4';
    expect(await analyze({ report })).toEqual([
      {
        id: 'failure:t.test.ts > sums > adds',
        category: 'failure',
        priority: 'high',
        message: 'sums > adds: AssertionError: sums adds failed',
        location: { file: 'src/sum.ts', line: 4, column: 10 },
        tests: ['t.test.ts > sums > adds'],
        evidence: 'AssertionError: sums adds failed\nexpected: 3\nactual:   4',
      },
    ]);
  });

  it('falls back to the test frame, then to the test file', () => {
    const report = reportOf({ 't.test.ts > a': 'failed', 't.test.ts > b': 'failed' });
    const [a, b] = report.files[0]?.tests ?? [];
    if (!a?.failure || !b?.failure) throw new Error('fixture');
    a.failure.frames = [{ file: 'tests/t.test.ts', line: 3 }];
    b.failure.frames = [];
    const findings = failuresAnalyzer.analyze({ report }) as Finding[];
    expect(findings.map((f) => f.location)).toEqual([{ file: 'tests/t.test.ts', line: 3, column: undefined }, { file: 't.test.ts' }]);
  });

  it('reports load errors and run errors as high failures', () => {
    const report = reportOf(
      {},
      { fileErrors: { 'x.test.ts': 'SyntaxError: bad\nstack' }, error: { kind: 'compile', message: 'tsc failed\nmore' } },
    );
    const findings = failuresAnalyzer.analyze({ report }) as Finding[];
    expect(findings.map((f) => [f.id, f.priority, f.message])).toEqual([
      ['run-error:compile', 'high', 'test run failed (compile): tsc failed'],
      ['file-error:x.test.ts', 'high', 'x.test.ts failed to load: SyntaxError: bad'],
    ]);
  });
});

describe('rankFindings', () => {
  const f = (id: string, priority: Finding['priority'], tests: number, file = 'a.ts', line = 1): Finding => ({
    id,
    category: 'failure',
    priority,
    message: id,
    tests: Array.from({ length: tests }, (_, i) => `t${i}`),
    location: { file, line },
  });

  it('orders by priority, then tests shown, then location, and drops duplicate ids', () => {
    const ranked = rankFindings([
      f('low', 'low', 5),
      f('h1', 'high', 1, 'b.ts'),
      f('h2', 'high', 3),
      f('h1', 'medium', 9),
      f('h3', 'high', 1, 'a.ts', 7),
    ]);
    expect(ranked.map((x) => x.id)).toEqual(['h2', 'h3', 'h1', 'low']);
  });

  it('merges analyzers in order, the first one winning a shared id', async () => {
    const one: Analyzer = { name: 'one', analyze: () => [f('x', 'high', 1)] };
    const two: Analyzer = { name: 'two', analyze: async () => [f('x', 'low', 1), f('y', 'medium', 1)] };
    const found = await analyze({ report: reportOf({}) }, [one, two]);
    expect(found.map((x) => [x.id, x.priority])).toEqual([
      ['x', 'high'],
      ['y', 'medium'],
    ]);
  });
});
