import { describe, expect, it } from 'vitest';
import { pageLinks, paginate, totalPages } from '../src/paginate.ts';

const letters = 'abcdefghijklmnopqrstuvw'.split('');

describe('pagination', () => {
  it('counts pages', () => {
    expect(totalPages(23, 10)).toBe(3);
    expect(totalPages(20, 10)).toBe(2);
    expect(totalPages(0, 10)).toBe(1);
  });

  it('returns the items of the first page', () => {
    expect(paginate(letters, 1, 5).items).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('knows about neighbouring pages', () => {
    const page = paginate(letters, 2, 10);
    expect([page.hasPrev, page.hasNext, page.totalPages]).toEqual([true, true, 3]);
  });

  it('clamps out-of-range page numbers', () => {
    expect(paginate(letters, 99, 10).page).toBe(3);
    expect(paginate(letters, -4, 10).page).toBe(1);
  });

  it('handles an empty list', () => {
    expect(paginate([], 1, 10)).toMatchObject({ items: [], totalPages: 1, hasNext: false });
  });

  it('lists page links around the current page', () => {
    expect(pageLinks(5, 10)).toEqual([3, 4, 5, 6, 7]);
    expect(pageLinks(1, 2)).toEqual([1, 2]);
  });

  it('rejects a zero page size', () => {
    expect(() => paginate(letters, 1, 0)).toThrow(RangeError);
  });
});
