import { describe, expect, it } from 'vitest';
import { buildQuery, paginationParams, withQuery } from '../src/query.ts';

describe('buildQuery', () => {
  it('sorts keys', () => {
    expect(buildQuery({ b: 2, a: 1 })).toBe('?a=1&b=2');
  });

  it('repeats array values', () => {
    expect(buildQuery({ tag: ['x', 'y'] })).toBe('?tag=x&tag=y');
  });

  it('encodes keys and values', () => {
    expect(buildQuery({ 'q s': 'a&b=c' })).toBe('?q%20s=a%26b%3Dc');
  });

  it('leaves out null values', () => {
    expect(buildQuery({ a: 1, b: null })).toBe('?a=1');
  });

  it('leaves out undefined values', () => {
    expect(buildQuery({ a: 1, b: undefined })).toBe('?a=1');
  });

  it('returns an empty string for no params', () => {
    expect(buildQuery({})).toBe('');
  });
});

describe('withQuery', () => {
  it('appends to a url', () => {
    expect(withQuery('/items', { page: 2 })).toBe('/items?page=2');
  });

  it('builds pagination params without a sort', () => {
    expect(withQuery('/items', paginationParams(3, 25))).toBe('/items?page=3&per_page=25');
  });
});
