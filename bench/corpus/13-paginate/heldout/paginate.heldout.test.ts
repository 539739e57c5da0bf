import { describe, expect, it } from 'vitest';
import { paginate, rangeLabel } from '../src/paginate.ts';

const numbers = Array.from({ length: 45 }, (_, i) => i + 1);

describe('pagination (held out)', () => {
  it('pages cover every item exactly once', () => {
    for (const size of [1, 2, 7, 10, 45, 50]) {
      const first = paginate(numbers, 1, size);
      const all = Array.from({ length: first.totalPages }, (_, i) => paginate(numbers, i + 1, size).items).flat();
      expect(all).toEqual(numbers);
    }
  });

  it('returns a partial last page', () => {
    expect(paginate(numbers, 5, 10).items).toEqual([41, 42, 43, 44, 45]);
  });

  it('returns one item per page with page size 1', () => {
    expect(paginate(numbers, 45, 1).items).toEqual([45]);
  });

  it('labels the shown range', () => {
    expect(rangeLabel(paginate(numbers, 2, 10))).toBe('Showing 11-20 of 45');
    expect(rangeLabel(paginate(numbers, 5, 10))).toBe('Showing 41-45 of 45');
    expect(rangeLabel(paginate([], 1, 10))).toBe('No results');
  });
});
