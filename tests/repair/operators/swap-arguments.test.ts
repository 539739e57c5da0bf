import { describe, expect, it } from 'vitest';
import { swapArguments } from '../../../src/suggest/repair/operators/swap-arguments.ts';
import { editsAt, mutants } from './context.ts';

describe('swap-arguments', () => {
  it('fixes swapped arguments in a date function', () => {
    const source = 'export function daysUntil(today: Date, deadline: Date) {\n  return daysBetween(deadline, today);\n}\n';
    expect(mutants(swapArguments, source, 'return')).toEqual([
      source.replace('daysBetween(deadline, today)', 'daysBetween(today, deadline)'),
    ]);
    expect(editsAt(swapArguments, source, 'return')[0]!.description).toBe('swap `deadline` and `today` at src/example.ts:2');
  });

  it('swaps any two of the first arguments, adjacent pairs weighted higher, and month/day in a template', () => {
    const source = 'function f(y: number, m: number, d: number) {\n  return `${m}/${d}` + String(new Date(y, m, d));\n}\n';
    const edits = editsAt(swapArguments, source, 'return');
    expect(edits.map((e) => [e.replacement, e.weight])).toEqual([
      ['d}/${m', 0.8],
      ['m, y', 1],
      ['d, m, y', 0.6],
      ['d, m', 1],
    ]);
  });

  it('swaps simple operands of `-` and leaves identical arguments alone', () => {
    const source = 'function f(a: number, b: number) {\n  return Math.max(a, a) + (b - a);\n}\n';
    expect(mutants(swapArguments, source, 'return')).toEqual([source.replace('b - a', 'a - b')]);
  });
});
