import { describe, expect, it } from 'vitest';
import { wrongVariable } from '../../../src/suggest/repair/operators/wrong-variable.ts';
import { editsAt, mutants } from './context.ts';

describe('wrong-variable', () => {
  it('replaces a reference with an in-scope variable of the same kind, innermost scope first', () => {
    const source = 'function cost(weight: number, amount: number, label: string) {\n  const base = 5;\n  return base + amount * 2;\n}\n';
    const edits = editsAt(wrongVariable, source, 'return');
    expect(edits.map((e) => [source.slice(e.start, e.end), e.replacement, e.weight])).toEqual([
      ['base', 'weight', 1],
      ['base', 'amount', 1],
      ['amount', 'base', 1],
      ['amount', 'weight', 1],
    ]);
  });

  it('fixes a comparator that compares a value with itself', () => {
    const source =
      'function sortWords(words: Array<{ word: string }>) {\n  return words.sort((a, b) => a.word.localeCompare(a.word));\n}\n';
    const results = mutants(wrongVariable, source, 'return');
    expect(results).toContain(source.replace('localeCompare(a.word)', 'localeCompare(b.word)'));
    const weights = editsAt(wrongVariable, source, 'return')
      .filter((e) => e.replacement === 'b')
      .map((e) => e.weight);
    expect(weights).toEqual([1, 1]);
  });

  it('never uses a variable declared later, a function, or a binding of another kind', () => {
    const source =
      'function f(n: number, s: string) {\n  const twice = n * 2;\n  const later = 1;\n  return helper(twice);\n}\nfunction helper(x: number) {\n  return x;\n}\n';
    // `n` in `twice`'s initializer: `later` comes after, `twice` is not declared yet, `s` is a string.
    expect(mutants(wrongVariable, source, 'const twice')).toEqual([]);
    // `twice` in the call: the block's numbers, then the parameters; never `s` or `helper`.
    expect(editsAt(wrongVariable, source, 'return helper').map((e) => e.replacement)).toEqual(['later', 'n']);
  });
});
