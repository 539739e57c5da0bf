import { describe, expect, it } from 'vitest';
import { arithmeticOperator } from '../../../src/suggest/repair/operators/arithmetic-operator.ts';
import { mutants } from './context.ts';

describe('arithmetic-operator', () => {
  it('fixes a wrong operator in a pricing function: `1 + discount` -> `1 - discount`', () => {
    const source = 'export function discounted(price: number, discount: number): number {\n  return price * (1 + discount);\n}\n';
    const results = mutants(arithmeticOperator, source, 'return price');
    expect(results).toContain(source.replace('1 + discount', '1 - discount'));
    expect(results).toEqual([
      source.replace('price * (', 'price / ('),
      source.replace('price * (', 'price + ('),
      source.replace('1 + discount', '1 - discount'),
      source.replace('1 + discount', '1 * discount'),
    ]);
  });

  it('swaps compound assignments', () => {
    const source = 'function f(total: number, x: number) {\n  total -= x;\n  return total;\n}\n';
    expect(mutants(arithmeticOperator, source, 'total -=')).toEqual([source.replace('-=', '+=')]);
  });

  it('leaves string concatenation alone', () => {
    const source = "function greet(name: string) {\n  return 'Hello, ' + name + '!';\n}\n";
    expect(mutants(arithmeticOperator, source, 'return')).toEqual([]);
  });
});
