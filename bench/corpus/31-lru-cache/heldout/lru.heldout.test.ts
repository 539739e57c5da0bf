import { describe, expect, it } from 'vitest';
import { LruCache } from '../src/lru.ts';

describe('LruCache (held out)', () => {
  it('a miss does not create an entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.get('zzz');
    expect(cache.keys()).toEqual(['a']);
    expect(cache.has('zzz')).toBe(false);
  });

  it('counts hits and misses', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.get('a');
    cache.get('a');
    cache.get('b');
    expect([cache.hits, cache.misses]).toEqual([2, 1]);
    expect(cache.hitRate()).toBeCloseTo(2 / 3);
  });

  it('overwriting refreshes and keeps one entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.get('a')).toBe(10);
  });

  it('keeps falsy values', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('zero', 0);
    expect(cache.get('zero')).toBe(0);
    expect(cache.hits).toBe(1);
  });
});
