import { describe, expect, it } from 'vitest';
import { offByOneLiteral } from '../../../src/suggest/repair/operators/off-by-one-literal.ts';
import { editsAt, mutants } from './context.ts';

describe('off-by-one-literal', () => {
  it('moves an integer literal by one each way', () => {
    const source = "export function truncate(text: string, max: number) {\n  return text.slice(0, max - 2) + '…';\n}\n";
    expect(mutants(offByOneLiteral, source, 'return')).toEqual([
      source.replace('slice(0,', 'slice(1,'),
      source.replace('slice(0,', 'slice(-1,'),
      source.replace('max - 2', 'max - 3'),
      source.replace('max - 2', 'max - 1'),
    ]);
  });

  it('treats `-1` as one literal and weighs a new negative value lower', () => {
    const source = 'function has(a: number[], x: number) {\n  return a.indexOf(x) !== -1;\n}\n';
    expect(mutants(offByOneLiteral, source, 'return')).toEqual([source.replace('-1', '0'), source.replace('-1', '-2')]);
    const zero = 'function first(a: number[]) {\n  return a[0];\n}\n';
    expect(editsAt(offByOneLiteral, zero, 'return').map((e) => [e.replacement, e.weight])).toEqual([
      ['1', 1],
      ['-1', 0.5],
    ]);
  });

  it('leaves non-integers, object keys and literal types alone', () => {
    const source = 'function f(): 1 | 2 {\n  const o = { 1: 1.5 };\n  return 1;\n}\n';
    expect(mutants(offByOneLiteral, source, 'const o')).toEqual([]);
  });
});
