import { describe, expect, it } from 'vitest';
import { unaryOperator } from '../../../src/suggest/repair/operators/unary-operator.ts';
import { mutants } from './context.ts';

describe('unary-operator', () => {
  it('drops a `!`', () => {
    const source = 'function closed(open: boolean) {\n  return !open;\n}\n';
    expect(mutants(unaryOperator, source, 'return')).toEqual([source.replace('!open', 'open')]);
  });

  it('moves ++ to the other side where the value is used, and flips it to --', () => {
    const source = 'class Ids {\n  last = 0;\n  next() {\n    return this.last++;\n  }\n}\n';
    expect(mutants(unaryOperator, source, 'return this.last')).toEqual([
      source.replace('this.last++', 'this.last--'),
      source.replace('this.last++', '++this.last'),
    ]);
  });

  it('does not offer ++x for x++ when the value is discarded (same behaviour)', () => {
    const source = 'function count(n: number) {\n  for (let i = 0; i < n; i++) {}\n  return n;\n}\n';
    expect(mutants(unaryOperator, source, 'for (')).toEqual([source.replace('i++', 'i--')]);
  });

  it('negates one operand of && / ||', () => {
    const source = 'function ok(a: boolean, b: boolean) {\n  return a && b;\n}\n';
    expect(mutants(unaryOperator, source, 'return')).toEqual([source.replace('a && b', '!a && b'), source.replace('a && b', 'a && !b')]);
  });

  it('drops a unary minus from an expression, not from a negative literal', () => {
    const source = 'function f(x: number) {\n  return -x + -1;\n}\n';
    expect(mutants(unaryOperator, source, 'return')).toEqual([source.replace('-x', 'x')]);
  });
});
