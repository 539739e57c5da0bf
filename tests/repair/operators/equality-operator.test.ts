import { describe, expect, it } from 'vitest';
import { equalityOperator } from '../../../src/suggest/repair/operators/equality-operator.ts';
import { mutants } from './context.ts';

describe('equality-operator', () => {
  it('negates the comparison first, then offers the loose/strict variant', () => {
    const source = 'function isEmpty(s: string) {\n  return s.length === 0;\n}\n';
    expect(mutants(equalityOperator, source, 'return')).toEqual([source.replace('===', '!=='), source.replace('===', '==')]);
  });

  it('turns loose equality strict (the `0 == ""` bug)', () => {
    const source = 'function same(a: unknown, b: unknown) {\n  return a == b;\n}\n';
    expect(mutants(equalityOperator, source, 'return')).toEqual([source.replace('==', '!='), source.replace('==', '===')]);
  });
});
