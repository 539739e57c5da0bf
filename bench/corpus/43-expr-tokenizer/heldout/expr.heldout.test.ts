import { describe, expect, it } from 'vitest';
import { evaluate, tokenize } from '../src/expr.ts';

describe('expressions (held out)', () => {
  it('ignores any amount of whitespace', () => {
    expect(evaluate('  ( 1 +2 )\t*\n 3  ')).toBe(9);
    expect(evaluate('10   /   4')).toBe(2.5);
  });

  it('spaced and compact input tokenize the same', () => {
    expect(tokenize(' 8 * ( 2 - 1 ) ')).toEqual(tokenize('8*(2-1)'));
  });

  it('reads multi-digit numbers next to spaces', () => {
    expect(tokenize('100 20').map((t) => t.value)).toEqual([100, 20]);
  });

  it('rejects dangling input', () => {
    expect(() => evaluate('1 2')).toThrow(SyntaxError);
    expect(() => evaluate('3 *')).toThrow('unexpected end of expression');
  });
});
