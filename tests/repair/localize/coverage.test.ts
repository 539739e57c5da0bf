import { describe, expect, it } from 'vitest';
import { coveredLinesFromV8, TestCoverageSchema } from '../../../src/suggest/repair/localize/coverage.ts';

describe('coveredLinesFromV8', () => {
  const text = ['function f(x) {', '  if (x) {', '    return 1;', '  }', '', '  return 2;', '}', 'f(0);', ''].join('\n');
  const offset = (needle: string): number => text.indexOf(needle);

  it('takes the innermost range of each character, as V8 block coverage nests', () => {
    const lines = coveredLinesFromV8(text, [
      { functionName: '', ranges: [{ startOffset: 0, endOffset: text.length, count: 1 }] },
      {
        functionName: 'f',
        ranges: [
          { startOffset: 0, endOffset: offset('}\nf(0)') + 1, count: 1 },
          // the `if` body never ran
          { startOffset: offset('{\n    return 1'), endOffset: offset('  }') + 3, count: 0 },
        ],
      },
    ]);
    expect(lines).toEqual([1, 2, 6, 7, 8]);
  });

  it('does not count blank lines and clamps ranges to the text', () => {
    expect(coveredLinesFromV8('a\n\n  \nb', [{ functionName: '', ranges: [{ startOffset: -5, endOffset: 999, count: 2 }] }])).toEqual([
      1, 4,
    ]);
  });
});

describe('TestCoverageSchema', () => {
  it('accepts what the validator produces and rejects line 0', () => {
    expect(TestCoverageSchema.parse({ testId: 't', passed: false, lines: { 'src/a.ts': [1, 2] } }).lines['src/a.ts']).toEqual([1, 2]);
    expect(TestCoverageSchema.safeParse({ testId: 't', passed: true, lines: { 'src/a.ts': [0] } }).success).toBe(false);
  });
});
