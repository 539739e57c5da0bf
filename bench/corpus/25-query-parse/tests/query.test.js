import { describe, expect, it } from 'vitest';
import { getAll, getParam, parseQuery, queryFromUrl } from '../src/query.js';

describe('parseQuery', () => {
  it('parses pairs', () => {
    expect(parseQuery('a=1&b=2')).toEqual({ a: '1', b: '2' });
  });

  it('accepts a leading question mark and plus signs', () => {
    expect(parseQuery('?q=hello+world')).toEqual({ q: 'hello world' });
  });

  it('collects repeated keys', () => {
    expect(parseQuery('t=a&t=b&t=c')).toEqual({ t: ['a', 'b', 'c'] });
  });

  it('treats a bare key as an empty value', () => {
    expect(parseQuery('debug&x=1')).toEqual({ debug: '', x: '1' });
  });

  it('keeps = signs inside values', () => {
    expect(parseQuery('token=YWJj==')).toEqual({ token: 'YWJj==' });
  });

  it('reads single and repeated values', () => {
    expect(getParam('a=1&a=2', 'a')).toBe('1');
    expect(getAll('a=1', 'a')).toEqual(['1']);
    expect(getAll('', 'a')).toEqual([]);
  });

  it('reads the query of a url', () => {
    expect(queryFromUrl('https://x.test/p?id=7#top')).toEqual({ id: '7' });
  });
});
