import { describe, expect, it } from 'vitest';
import { column, parseCsv } from '../src/csv.ts';

describe('parseCsv (held out)', () => {
  it('parses a single data row', () => {
    expect(parseCsv('id,name\n1,Ada')).toEqual([{ id: '1', name: 'Ada' }]);
  });

  it('handles CRLF, blank lines and header whitespace', () => {
    expect(parseCsv('id , name\r\n\r\n1,Ada\r\n2,Grace\r\n')).toEqual([
      { id: '1', name: 'Ada' },
      { id: '2', name: 'Grace' },
    ]);
  });

  it('fills missing fields with empty strings', () => {
    expect(parseCsv('a,b,c\n1\n4,5,6')).toEqual([
      { a: '1', b: '', c: '' },
      { a: '4', b: '5', c: '6' },
    ]);
  });

  it('supports another delimiter and quoted values', () => {
    const rows = parseCsv('city;note\n"Paris";"a;b"\nRome;x', ';');
    expect(column(rows, 'note')).toEqual(['a;b', 'x']);
  });
});
