import { describe, expect, it } from 'vitest';
import { binarySearch, contains, insertSorted, intersectSorted, lowerBound } from '../src/search.ts';

const primes = [2, 3, 5, 7, 11, 13, 17];

describe('binarySearch', () => {
  it('finds the middle element', () => {
    expect(binarySearch(primes, 7)).toBe(3);
  });

  it('finds the last element', () => {
    expect(binarySearch(primes, 17)).toBe(6);
  });

  it('returns -1 for a missing value', () => {
    expect(binarySearch(primes, 4)).toBe(-1);
    expect(binarySearch([], 4)).toBe(-1);
  });

  it('answers membership', () => {
    expect(contains(primes, 5)).toBe(true);
    expect(contains(primes, 9)).toBe(false);
  });
});

describe('lowerBound and insertSorted', () => {
  it('finds insertion points', () => {
    expect(lowerBound(primes, 1)).toBe(0);
    expect(lowerBound(primes, 6)).toBe(3);
    expect(lowerBound(primes, 99)).toBe(7);
  });

  it('inserts keeping order', () => {
    expect(insertSorted([1, 4, 9], 5)).toEqual([1, 4, 5, 9]);
  });

  it('intersects with a sorted list', () => {
    expect(intersectSorted(primes, [4, 2, 17, 9])).toEqual([2, 17]);
  });
});
