import { describe, expect, it } from 'vitest';
import { LruCache } from '../src/lru.ts';

describe('LruCache', () => {
  it('stores entries', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    expect([cache.has('a'), cache.size]).toEqual([true, 1]);
  });

  it('evicts the oldest entry when full', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.keys()).toEqual(['b', 'c']);
  });

  it('returns stored values', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
  });

  it('returns undefined for unknown keys', () => {
    expect(new LruCache<string, number>(2).get('nope')).toBeUndefined();
  });

  it('a read makes an entry recent', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.keys()).toEqual(['a', 'c']);
  });

  it('rejects a zero capacity', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
