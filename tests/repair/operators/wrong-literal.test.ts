import { describe, expect, it } from 'vitest';
import { wrongLiteral } from '../../../src/suggest/repair/operators/wrong-literal.ts';
import { mutants } from './context.ts';

describe('wrong-literal', () => {
  it('flips booleans and null/undefined', () => {
    const source = 'function f() {\n  return [true, null, undefined];\n}\n';
    expect(mutants(wrongLiteral, source, 'return')).toEqual([
      source.replace('true', 'false'),
      source.replace('null', 'undefined'),
      source.replace('undefined]', 'null]'),
    ]);
  });

  it("swaps a string for the file's other strings, nearest first, in the file's quote style", () => {
    const source = 'const A = "USD";\nfunction label(code: string) {\n  return code === "EUR" ? "euro" : "";\n}\n';
    expect(mutants(wrongLiteral, source, 'return')).toEqual([
      source.replace('code === "EUR"', 'code === "euro"'),
      source.replace('code === "EUR"', 'code === ""'),
      source.replace('code === "EUR"', 'code === "USD"'),
      source.replace('? "euro"', '? "EUR"'),
      source.replace('? "euro"', '? ""'),
      source.replace('? "euro"', '? "USD"'),
      source.replace(': ""', ': " "'),
      source.replace(': ""', ': "euro"'),
      source.replace(': ""', ': "EUR"'),
      source.replace(': ""', ': "USD"'),
    ]);
  });

  it('swaps a number for one compared the same way with the same subject (`>= 400` meant `>= 500`)', () => {
    const source =
      'function retry(status: number) {\n  if (status >= 500) return true;\n  if (status >= 300) return false;\n  return status === 408 || status >= 400;\n}\n';
    const results = mutants(wrongLiteral, source, 'return status');
    expect(results).toContain(source.replace('status >= 400', 'status >= 500'));
    expect(results.indexOf(source.replace('status >= 400', 'status >= 300'))).toBeLessThan(
      results.indexOf(source.replace('status >= 400', 'status >= 408')),
    );
  });

  it('never touches module names, object keys or literal types', () => {
    const source = "import x from 'y';\nfunction f(): 'a' {\n  return { 'k': x } as never;\n}\n";
    expect(mutants(wrongLiteral, source, 'return')).toEqual([]);
  });
});
