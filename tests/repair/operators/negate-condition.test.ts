import { describe, expect, it } from 'vitest';
import { negateCondition } from '../../../src/suggest/repair/operators/negate-condition.ts';
import { mutants } from './context.ts';

describe('negate-condition', () => {
  it('negates an if condition: a call gets a bare `!`', () => {
    const source =
      'function miss(cache: Map<string, number>, key: string) {\n  if (cache.has(key)) {\n    return 1;\n  }\n  return 0;\n}\n';
    expect(mutants(negateCondition, source, 'if (')).toEqual([source.replace('if (cache.has(key))', 'if (!cache.has(key))')]);
  });

  it('negates a comparison by its opposite operator, and a compound condition in parentheses', () => {
    const source = 'function f(a: number, b: number) {\n  while (a < b) a++;\n  return a > 0 && b > 0 ? a : b;\n}\n';
    expect(mutants(negateCondition, source, 'while')).toEqual([source.replace('while (a < b)', 'while (a >= b)')]);
    expect(mutants(negateCondition, source, 'return')).toEqual([source.replace('a > 0 && b > 0 ?', '!(a > 0 && b > 0) ?')]);
  });

  it('removes an existing negation instead of doubling it', () => {
    const source = 'function f(ok: boolean) {\n  if (!ok) return 1;\n  return 2;\n}\n';
    expect(mutants(negateCondition, source, 'if (')).toEqual([source.replace('if (!ok)', 'if (ok)')]);
  });

  it('has nothing to negate in a statement without a condition', () => {
    expect(mutants(negateCondition, 'function f() {\n  return 1;\n}\n', 'return')).toEqual([]);
  });
});
