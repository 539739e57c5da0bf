import { describe, expect, it } from 'vitest';
import { dropTerm } from '../../../src/suggest/repair/operators/drop-term.ts';
import { mutants } from './context.ts';

describe('drop-term', () => {
  it('drops each term of a chain of &&', () => {
    const source = 'function workday(d: number) {\n  return d !== 0 && d !== 6 && d !== 5;\n}\n';
    expect(mutants(dropTerm, source, 'return')).toEqual([
      source.replace(' && d !== 5', ''),
      source.replace('d !== 0 && d !== 6 && ', ''),
      source.replace(' && d !== 6', ''),
      source.replace('d !== 0 && ', ''),
    ]);
  });

  it('drops an added term with its parentheses: `(taxable + shipping) * rate` -> `taxable * rate`', () => {
    const source =
      'function tax(taxable: number, shipping: number, rate: number) {\n  return Math.round((taxable + shipping) * rate);\n}\n';
    expect(mutants(dropTerm, source, 'return')).toEqual([source.replace('(taxable + shipping) * rate', 'taxable * rate')]);
  });

  it('keeps the left side of `??` only, and leaves `x + 1` to the bounds operator', () => {
    const source = 'function f(a?: number) {\n  return (a ?? 0) + 1;\n}\n';
    expect(mutants(dropTerm, source, 'return')).toEqual([source.replace('(a ?? 0)', 'a')]);
  });
});
