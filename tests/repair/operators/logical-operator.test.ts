import { describe, expect, it } from 'vitest';
import { logicalOperator } from '../../../src/suggest/repair/operators/logical-operator.ts';
import { mutants } from './context.ts';

describe('logical-operator', () => {
  it('swaps && and ||', () => {
    const source = 'function ok(a: boolean, b: boolean) {\n  return a && b;\n}\n';
    expect(mutants(logicalOperator, source, 'return')).toEqual([source.replace('&&', '||')]);
  });

  it('offers ?? for a default that wrongly replaces 0', () => {
    const source = 'function qty(n?: number) {\n  return n || 1;\n}\n';
    expect(mutants(logicalOperator, source, 'return')).toEqual([source.replace('||', '&&'), source.replace('||', '??')]);
  });
});
