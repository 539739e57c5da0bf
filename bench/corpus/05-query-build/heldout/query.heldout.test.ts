import { describe, expect, it } from 'vitest';
import { buildQuery, paginationParams, withQuery } from '../src/query.ts';

describe('buildQuery (held out)', () => {
  it('keeps falsy but meaningful values', () => {
    expect(buildQuery({ zero: 0, no: false, empty: '' })).toBe('?empty=&no=false&zero=0');
  });

  it('returns an empty string when every value is missing', () => {
    expect(buildQuery({ a: undefined, b: null })).toBe('');
  });

  it('keeps an empty array out and numbers in arrays', () => {
    expect(buildQuery({ ids: [], n: [1, 2] })).toBe('?n=1&n=2');
  });
});

describe('withQuery (held out)', () => {
  it('extends an existing query and keeps the fragment', () => {
    expect(withQuery('/a?x=1#top', { y: 2, z: undefined })).toBe('/a?x=1&y=2#top');
  });

  it('leaves the url untouched when nothing is left', () => {
    expect(withQuery('/a#h', { z: undefined })).toBe('/a#h');
  });

  it('includes a sort when one is given', () => {
    expect(withQuery('/l', paginationParams(1, 10, '-date'))).toBe('/l?page=1&per_page=10&sort=-date');
  });
});
