import { describe, expect, it } from 'vitest';
import { capitalize, isPalindrome, slugify, truncate, wordCount } from '../src/text.ts';

describe('slugify', () => {
  it('joins words with dashes', () => {
    expect(slugify('Hello World')).toBe('hello-world');
  });
  it('drops accents and punctuation', () => {
    expect(slugify('  Crème Brûlée, à la carte! ')).toBe('creme-brulee-a-la-carte');
  });
});

describe('capitalize', () => {
  it('upper-cases the first letter only', () => {
    expect(capitalize('hello world')).toBe('Hello world');
  });
  it('leaves the empty string alone', () => {
    expect(capitalize('')).toBe('');
  });
});

describe('truncate', () => {
  it('keeps short text', () => {
    expect(truncate('short', 10)).toBe('short');
  });
  it('cuts long text with an ellipsis', () => {
    expect(truncate('the quick brown fox', 10)).toBe('the quick…');
  });
  it('rejects a zero length', () => {
    expect(() => truncate('x', 0)).toThrow(RangeError);
  });
});

describe('wordCount', () => {
  it('counts words separated by any whitespace', () => {
    expect(wordCount(' one  two\tthree\nfour ')).toBe(4);
  });
  it('is zero for blank text', () => {
    expect(wordCount('   ')).toBe(0);
  });
});

describe('isPalindrome', () => {
  it('ignores case and punctuation', () => {
    expect(isPalindrome('A man, a plan, a canal: Panama')).toBe(true);
  });
  it('rejects other text', () => {
    expect(isPalindrome('palindrome')).toBe(false);
  });
});
