import { describe, expect, it } from 'vitest';
import { relationalOperator } from '../../../src/suggest/repair/operators/relational-operator.ts';
import { editsAt, mutants } from './context.ts';

describe('relational-operator', () => {
  const source = 'export function inStock(qty: number, min: number) {\n  if (qty < min) return false;\n  return true;\n}\n';

  it('offers <= first, then the flipped comparisons, each as a one-token edit', () => {
    const edits = editsAt(relationalOperator, source, 'if (qty', 'src/cart.ts');
    expect(edits.map((e) => [e.replacement, e.weight])).toEqual([
      ['<=', 1],
      ['>', 0.4],
      ['>=', 0.3],
    ]);
    expect(edits[0]).toMatchObject({ file: 'src/cart.ts', start: source.indexOf('<'), end: source.indexOf('<') + 1 });
    expect(edits[0]!.description).toBe('replace `<` with `<=` at src/cart.ts:2');
  });

  it('patches only the operator token', () => {
    expect(mutants(relationalOperator, source, 'if (qty')[0]).toBe(source.replace('qty < min', 'qty <= min'));
  });

  it('does not touch comparisons in nested statements or other units', () => {
    const nested = 'function f(a: number[]) {\n  for (const x of a) {\n    if (x > 2) return x;\n  }\n  return a.length > 0;\n}\n';
    expect(mutants(relationalOperator, nested, 'for (const')).toEqual([]);
    expect(mutants(relationalOperator, nested, 'return a.length')).toEqual([
      nested.replace('a.length > 0', 'a.length >= 0'),
      nested.replace('a.length > 0', 'a.length < 0'),
      nested.replace('a.length > 0', 'a.length <= 0'),
    ]);
  });

  it('ignores `<` of type arguments', () => {
    expect(mutants(relationalOperator, 'const m = new Map<string, number>();\n', 'const m')).toEqual([]);
  });
});
