import { describe, expect, it } from 'vitest';
import { chunk, inBatches, partition, windows, zip } from '../src/collections.js';

describe('chunk', () => {
  it('splits evenly', () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  });

  it('keeps a shorter last chunk', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('returns one chunk when size exceeds the length', () => {
    expect(chunk(['a', 'b', 'c'], 10)).toEqual([['a', 'b', 'c']]);
  });

  it('rejects a zero size', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('other helpers', () => {
  it('builds sliding windows', () => {
    expect(windows([1, 2, 3, 4], 3)).toEqual([[1, 2, 3], [2, 3, 4]]);
  });

  it('partitions by a predicate', () => {
    expect(partition([1, 2, 3, 4], (n) => n % 2 === 0)).toEqual([[2, 4], [1, 3]]);
  });

  it('zips to the shorter length', () => {
    expect(zip([1, 2, 3], ['a', 'b'])).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('runs batches in order', async () => {
    expect(await inBatches([1, 2, 3, 4], 2, async (n) => n * 10)).toEqual([10, 20, 30, 40]);
  });
});
