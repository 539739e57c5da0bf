import { describe, expect, it } from 'vitest';
import { isSlug, slugify, titleFromSlug, uniqueSlug } from '../src/slug.ts';

describe('slugs', () => {
  it('slugifies a title', () => {
    expect(slugify('Hello World')).toBe('hello-world');
  });

  it('keeps digits', () => {
    expect(slugify('  2024 / 07  ')).toBe('2024-07');
  });

  it('returns an empty slug for punctuation only', () => {
    expect(slugify('!!!')).toBe('');
  });

  it('numbers taken slugs', () => {
    expect(uniqueSlug('2024', new Set(['2024', '2024-2']))).toBe('2024-3');
  });

  it('falls back to untitled', () => {
    expect(uniqueSlug('???', new Set())).toBe('untitled');
  });

  it('turns a slug back into a title', () => {
    expect(titleFromSlug('my-first-post')).toBe('My First Post');
  });

  it('recognizes slugs', () => {
    expect([isSlug('a-b-1'), isSlug('A-b'), isSlug('a--b')]).toEqual([true, false, false]);
  });
});
