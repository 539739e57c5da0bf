import { describe, expect, it } from 'vitest';
import { evaluate, tokenize } from '../src/expr.ts';

describe('expressions', () => {
  it('tokenizes compact input', () => {
    expect(tokenize('12+3.5')).toEqual([
      { type: 'num', value: 12 },
      { type: 'op', value: '+' },
      { type: 'num', value: 3.5 },
    ]);
  });

  it('tokenizes input with spaces', () => {
    expect(tokenize('1 + 2').map((t) => t.value)).toEqual([1, '+', 2]);
  });

  it('rejects unknown characters', () => {
    expect(() => tokenize('2^3')).toThrow("unexpected '^' at 1");
  });

  it('respects precedence and parentheses', () => {
    expect(evaluate('2*(3+4)-5/5')).toBe(13);
  });

  it('evaluates spaced expressions', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
  });

  it('supports unary minus', () => {
    expect(evaluate('-(2+3)*2')).toBe(-10);
  });

  it('reports a missing parenthesis', () => {
    expect(() => evaluate('(1+2')).toThrow('missing )');
  });
});
