import { describe, expect, it } from 'vitest';
import { binarySearch, contains, intersectSorted } from '../src/search.ts';

describe('binarySearch (held out)', () => {
  it('finds every element of arrays of many lengths', () => {
    for (let n = 1; n <= 20; n++) {
      const items = Array.from({ length: n }, (_, i) => i * 3);
      for (let i = 0; i < n; i++) expect(binarySearch(items, i * 3)).toBe(i);
    }
  });

  it('misses every gap value', () => {
    const items = [10, 20, 30, 40];
    for (const gap of [5, 15, 25, 35, 45]) expect(binarySearch(items, gap)).toBe(-1);
  });

  it('handles one-element arrays', () => {
    expect(binarySearch([42], 42)).toBe(0);
    expect(binarySearch([42], 41)).toBe(-1);
    expect(contains([42], 42)).toBe(true);
  });

  it('handles the first element and negatives', () => {
    expect(binarySearch([-9, -4, 0, 8], -9)).toBe(0);
    expect(intersectSorted([-9, -4, 0, 8], [8, -9, 1])).toEqual([8, -9]);
  });
});
