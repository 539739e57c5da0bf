import { describe, expect, it } from 'vitest';
import { wrongMethod } from '../../../src/suggest/repair/operators/wrong-method.ts';
import { mutants } from './context.ts';

describe('wrong-method', () => {
  it('offers the sibling rounding functions of Math.floor', () => {
    const source = 'function roundTo(cents: number, step: number) {\n  return Math.floor(cents / step) * step;\n}\n';
    expect(mutants(wrongMethod, source, 'return')).toEqual([
      source.replace('floor', 'ceil'),
      source.replace('floor', 'round'),
      source.replace('floor', 'trunc'),
    ]);
  });

  it('swaps case conversion, array ends and quantifiers', () => {
    const source = 'function f(s: string, a: string[]) {\n  a.unshift(s.toUpperCase());\n  return a.some((x) => x === s);\n}\n';
    expect(mutants(wrongMethod, source, 'a.unshift')).toEqual([
      source.replace('unshift', 'push'),
      source.replace('toUpperCase', 'toLowerCase'),
    ]);
    expect(mutants(wrongMethod, source, 'return')).toEqual([source.replace('some', 'every')]);
  });

  it('swaps UTC date getters and global parse functions', () => {
    const source = 'function f(d: Date, s: string) {\n  return d.getHours() + parseInt(s);\n}\n';
    expect(mutants(wrongMethod, source, 'return')).toEqual([
      source.replace('getHours', 'getUTCHours'),
      source.replace('parseInt', 'parseFloat'),
    ]);
  });

  it('does not rename methods outside its sibling table', () => {
    expect(mutants(wrongMethod, 'function f(a: number[]) {\n  return a.join(",");\n}\n', 'return')).toEqual([]);
  });
});
