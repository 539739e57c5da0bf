import { describe, expect, it } from 'vitest';
import { insertReturn } from '../../../src/suggest/repair/operators/insert-return.ts';
import { mutants } from './context.ts';

describe('insert-return', () => {
  it('returns the final expression of a function that returns nothing, e.g. a block-bodied map callback', () => {
    const source = 'function doubled(a: number[]) {\n  return a.map((x) => {\n    x * 2;\n  });\n}\n';
    expect(mutants(insertReturn, source, 'x * 2')).toEqual([source.replace('x * 2;', 'return x * 2;')]);
  });

  it('returns an unused lookup early', () => {
    const source = 'async function get(key: string) {\n  const inFlight = pending.get(key);\n  const p = load(key);\n  return p;\n}\n';
    expect(mutants(insertReturn, source, 'const inFlight')).toEqual([
      source.replace('pending.get(key);\n', 'pending.get(key);\n  if (inFlight) return inFlight;\n'),
    ]);
    expect(mutants(insertReturn, source, 'const p')).toEqual([]);
  });

  it('ends a search loop at the first match', () => {
    const source =
      'function find(a: number[], x: number) {\n  let at = -1;\n  for (let i = 0; i < a.length; i++) {\n    if (a[i] === x) {\n      at = i;\n    }\n  }\n  return at;\n}\n';
    expect(mutants(insertReturn, source, 'if (a[i]')).toEqual([source.replace('      at = i;\n', '      at = i;\n      break;\n')]);
  });

  it('adds no return to an assignment, a function that already returns a value, or a constructor', () => {
    const source =
      'class C {\n  x = 0;\n  constructor() {\n    init();\n  }\n  set(v: number) {\n    this.x = v;\n  }\n}\nfunction f(a: number) {\n  if (a) return 1;\n  log(a);\n}\n';
    expect(mutants(insertReturn, source, 'init()')).toEqual([]);
    expect(mutants(insertReturn, source, 'this.x = v')).toEqual([]);
    expect(mutants(insertReturn, source, 'log(a)')).toEqual([]);
  });
});
