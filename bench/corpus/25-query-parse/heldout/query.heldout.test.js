import { describe, expect, it } from 'vitest';
import { getParam, parseQuery, queryFromUrl } from '../src/query.js';

describe('parseQuery (held out)', () => {
  it('splits on the first = only', () => {
    expect(parseQuery('expr=a=b=c&k=v')).toEqual({ expr: 'a=b=c', k: 'v' });
    expect(parseQuery('empty=&eq==')).toEqual({ empty: '', eq: '=' });
  });

  it('decodes encoded keys and values', () => {
    expect(parseQuery('na%20me=J%C3%B6rg&x%3Dy=1')).toEqual({ 'na me': 'Jörg', 'x=y': '1' });
  });

  it('collects repeated keys with = in their values', () => {
    expect(parseQuery('sig=ab==&sig=cd=')).toEqual({ sig: ['ab==', 'cd='] });
  });

  it('reads signed urls', () => {
    expect(getParam('?file=a.txt&sig=Zm9v=', 'sig')).toBe('Zm9v=');
    expect(queryFromUrl('/download?redirect=/a?b=c')).toEqual({ redirect: '/a?b=c' });
  });
});
