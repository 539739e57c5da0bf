import { describe, expect, it } from 'vitest';
import { chunk, inBatches } from '../src/collections.js';

describe('chunk (held out)', () => {
  it('handles one item and empty input', () => {
    expect(chunk([7], 1)).toEqual([[7]]);
    expect(chunk([7], 3)).toEqual([[7]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('flattening the chunks gives the input back, for many sizes', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    for (let size = 1; size <= 25; size++) {
      const chunks = chunk(items, size);
      expect(chunks.flat()).toEqual(items);
      expect(chunks.length).toBe(Math.ceil(items.length / size));
      expect(chunks.slice(0, -1).every((c) => c.length === size)).toBe(true);
    }
  });

  it('processes every item in batches', async () => {
    const seen = [];
    await inBatches([1, 2, 3], 2, async (n) => seen.push(n));
    expect(seen).toEqual([1, 2, 3]);
  });
});
