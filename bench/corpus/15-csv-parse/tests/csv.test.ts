import { describe, expect, it } from 'vitest';
import { column, parseCsv, splitLine, sumColumn } from '../src/csv.ts';

describe('splitLine', () => {
  it('splits plain fields', () => {
    expect(splitLine('a,b,,c')).toEqual(['a', 'b', '', 'c']);
  });

  it('keeps delimiters inside quotes', () => {
    expect(splitLine('"Smith, J",42')).toEqual(['Smith, J', '42']);
  });

  it('unescapes doubled quotes', () => {
    expect(splitLine('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
  });
});

describe('parseCsv', () => {
  it('returns no rows for a header alone', () => {
    expect(parseCsv('name,qty\n')).toEqual([]);
  });

  it('parses every data row', () => {
    expect(parseCsv('name,qty\napple,3\npear,5')).toEqual([
      { name: 'apple', qty: '3' },
      { name: 'pear', qty: '5' },
    ]);
  });

  it('sums a numeric column', () => {
    expect(sumColumn(parseCsv('item,qty\na,1\nb,2\nc,4'), 'qty')).toBe(7);
  });

  it('returns empty input as no rows', () => {
    expect(parseCsv('')).toEqual([]);
    expect(column([], 'x')).toEqual([]);
  });
});
