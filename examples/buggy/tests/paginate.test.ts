import { describe, expect, it } from 'vitest';
import { pageCount, paginate } from '../src/paginate.ts';

const letters = [...'abcdefghij'];

describe('pageCount', () => {
  it('rounds a partial page up', () => {
    expect(pageCount(10, 4)).toBe(3);
  });

  it('has one page when there is nothing to show', () => {
    expect(pageCount(0, 20)).toBe(1);
  });
});

describe('paginate', () => {
  it('returns the first page', () => {
    expect(paginate(letters, 1, 4)).toEqual({
      items: ['a', 'b', 'c', 'd'],
      page: 1,
      pageCount: 3,
      hasPrevious: false,
      hasNext: true,
    });
  });

  it('returns the last, partial page', () => {
    expect(paginate(letters, 3, 4).items).toEqual(['i', 'j']);
  });

  it('has no next page at the end', () => {
    const last = paginate(letters, 2, 5);
    expect(last.hasPrevious).toBe(true);
    expect(last.hasNext).toBe(false);
  });

  it('rejects a page past the end', () => {
    expect(() => paginate(letters, 4, 4)).toThrow(RangeError);
  });
});
