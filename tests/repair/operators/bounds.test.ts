import { describe, expect, it } from 'vitest';
import { bounds } from '../../../src/suggest/repair/operators/bounds.ts';
import { mutants } from './context.ts';

describe('bounds', () => {
  it('fixes an off-by-one page offset in a pagination function: `page * size` -> `(page - 1) * size`', () => {
    const source =
      'export function paginate<T>(items: T[], page: number, size: number): T[] {\n  const start = page * size;\n  return items.slice(start, start + size);\n}\n';
    expect(mutants(bounds, source, 'const start')).toEqual([
      source.replace('page * size', '(page + 1) * size'),
      source.replace('page * size', '(page - 1) * size'),
      source.replace('page * size', 'page * (size + 1)'),
      source.replace('page * size', 'page * (size - 1)'),
    ]);
  });

  it('shifts slice arguments and drops an excess `- 1`', () => {
    const source = 'function page<T>(items: T[], offset: number, size: number) {\n  return items.slice(offset, offset + size - 1);\n}\n';
    expect(mutants(bounds, source, 'return')).toEqual([
      source.replace('slice(offset,', 'slice(offset + 1,'),
      source.replace('slice(offset,', 'slice(offset - 1,'),
      source.replace('offset + size - 1)', 'offset + size)'),
    ]);
  });

  it('shifts .length, indexes and zero-based date parts', () => {
    const source = 'function last(a: number[], d: Date) {\n  return a[a.length] + d.getMonth();\n}\n';
    expect(mutants(bounds, source, 'return')).toEqual([
      source.replace('a[a.length]', 'a[a.length + 1]'),
      source.replace('a[a.length]', 'a[a.length - 1]'),
      source.replace('d.getMonth()', '(d.getMonth() + 1)'),
      source.replace('d.getMonth()', '(d.getMonth() - 1)'),
    ]);
  });

  it('leaves assignment targets alone', () => {
    const source = 'function clear(a: number[]) {\n  a.length = 0;\n}\n';
    expect(mutants(bounds, source, 'a.length')).toEqual([]);
  });
});
