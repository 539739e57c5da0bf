import { describe, expect, it } from 'vitest';
import { deleteStatement } from '../../../src/suggest/repair/operators/delete-statement.ts';
import { editsAt, mutants } from './context.ts';

describe('delete-statement', () => {
  const source =
    'function skip(s: string, i: number) {\n  while (i < s.length) {\n    if (s[i] === " ") {\n      i++;\n      continue;\n    }\n    return i;\n  }\n  return -1;\n}\n';

  it('deletes an excess statement with its line', () => {
    expect(mutants(deleteStatement, source, 'i++')).toEqual([source.replace('      i++;\n', '')]);
    expect(editsAt(deleteStatement, source, 'i++')[0]!.description).toBe('delete `i++;` at src/example.ts:4');
  });

  it('deletes a guard `if` or a `continue`, weighted by how often that is the fix', () => {
    expect(editsAt(deleteStatement, source, 'if (s[i]').map((e) => e.weight)).toEqual([0.8]);
    expect(editsAt(deleteStatement, source, 'continue').map((e) => e.weight)).toEqual([0.6]);
  });

  it('never deletes the last return, a declaration, or the body of a brace-less if', () => {
    expect(mutants(deleteStatement, source, 'return -1')).toEqual([]);
    const other = 'function f(a: number) {\n  const b = a;\n  if (b) log(b);\n  return b;\n}\n';
    expect(mutants(deleteStatement, other, 'const b')).toEqual([]);
    expect(editsAt(deleteStatement, other, 'if (b)').map((e) => e.replacement)).toEqual(['']);
  });
});
