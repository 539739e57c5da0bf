import { describe, expect, it } from 'vitest';
import { wrapTryCatch } from '../../../src/suggest/repair/operators/wrap-try-catch.ts';
import { mutants } from './context.ts';

describe('wrap-try-catch', () => {
  it('wraps a declaration so its variable stays in scope, returning the null its type allows on error', () => {
    const source =
      'export function readConfig(text: string): Config | null {\n  const parsed: Config = JSON.parse(text);\n  return parsed;\n}\n';
    const results = mutants(wrapTryCatch, source, 'const parsed');
    expect(results[0]).toBe(
      'export function readConfig(text: string): Config | null {\n' +
        '  let parsed: Config;\n  try {\n    parsed = JSON.parse(text);\n  } catch {\n    return null;\n  }\n' +
        '  return parsed;\n}\n',
    );
    expect(results).toContain(
      source.replace(
        '  const parsed: Config = JSON.parse(text);',
        '  let parsed: Config;\n  try {\n    parsed = JSON.parse(text);\n  } catch {\n    return;\n  }',
      ),
    );
  });

  it("swallows an expression statement, or rethrows non-Errors as Errors, in the file's indentation", () => {
    const source = 'function save(store: Store) {\n\tstore.flush();\n}\n';
    expect(mutants(wrapTryCatch, source, 'store.flush')).toEqual([
      'function save(store: Store) {\n\ttry {\n\t\tstore.flush();\n\t} catch {\n\t\treturn;\n\t}\n}\n',
      'function save(store: Store) {\n\ttry {\n\t\tstore.flush();\n\t} catch {\n\t\treturn null;\n\t}\n}\n',
      'function save(store: Store) {\n\ttry {\n\t\tstore.flush();\n\t} catch {}\n}\n',
      'function save(store: Store) {\n\ttry {\n\t\tstore.flush();\n\t} catch (error) {\n\t\tthrow error instanceof Error ? error : new Error(String(error));\n\t}\n}\n',
    ]);
  });

  it('does not wrap at the top level or a declaration of several variables', () => {
    expect(mutants(wrapTryCatch, 'const x = JSON.parse("1");\n', 'const x')).toEqual([]);
    expect(mutants(wrapTryCatch, 'function f() {\n  const a = 1, b = 2;\n  return a + b;\n}\n', 'const a')).toEqual([]);
  });
});
