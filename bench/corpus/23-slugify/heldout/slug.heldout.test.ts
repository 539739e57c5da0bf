import { describe, expect, it } from 'vitest';
import { isSlug, slugify, uniqueSlug } from '../src/slug.ts';

describe('slugify (held out)', () => {
  it('strips accents and punctuation', () => {
    expect(slugify('Crème Brûlée: A Recipe!')).toBe('creme-brulee-a-recipe');
    expect(slugify("Don't Panic")).toBe('don-t-panic');
  });

  it('respects the maximum length without a trailing dash', () => {
    expect(slugify('The Quick Brown Fox', 10)).toBe('the-quick');
    expect(slugify('abc def', 4)).toBe('abc');
  });

  it('always produces valid slugs', () => {
    for (const title of ['Hello World', 'ÅNGSTRÖM unit', '  Mixed CASE 42 ', 'a_b_c']) {
      expect(isSlug(slugify(title))).toBe(true);
    }
  });

  it('numbers duplicates of word titles', () => {
    expect(uniqueSlug('Hello World', new Set(['hello-world']))).toBe('hello-world-2');
  });
});
