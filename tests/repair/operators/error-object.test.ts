import { describe, expect, it } from 'vitest';
import { errorObject } from '../../../src/suggest/repair/operators/error-object.ts';
import { mutants } from './context.ts';

describe('error-object', () => {
  it('throws a real Error instead of a string', () => {
    const source = 'function parse(source: string, text: string) {\n  throw `${source}: invalid JSON`;\n}\n';
    expect(mutants(errorObject, source, 'throw')).toEqual([
      source.replace('throw `${source}: invalid JSON`', 'throw new Error(`${source}: invalid JSON`)'),
    ]);
  });

  it('rethrows a caught value as an Error when it is not one, and rejects with Errors', () => {
    const source = 'function f(e: unknown) {\n  throw e;\n}\nconst p = new Promise((resolve, reject) => reject(404));\n';
    expect(mutants(errorObject, source, 'throw e')).toEqual([
      source.replace('throw e;', 'throw e instanceof Error ? e : new Error(String(e));'),
    ]);
    expect(mutants(errorObject, source, 'const p')).toEqual([source.replace('reject(404)', 'reject(new Error(String(404)))')]);
  });

  it('rethrows what a catch block does not handle', () => {
    const source =
      'function find(id: string) {\n  try {\n    return load(id);\n  } catch (err) {\n    if (err instanceof NotFound) return undefined;\n  }\n}\n';
    expect(mutants(errorObject, source, 'if (err')).toEqual([source.replace('return undefined;\n', 'return undefined;\n    throw err;\n')]);
  });

  it('leaves a thrown Error and a catch block that already rethrows alone', () => {
    const source =
      'function f() {\n  try {\n    g();\n  } catch (err) {\n    log(err);\n    throw err;\n  }\n  throw new RangeError("x");\n}\n';
    expect(mutants(errorObject, source, 'log(err)')).toEqual([]);
    expect(mutants(errorObject, source, 'throw new')).toEqual([]);
  });
});
