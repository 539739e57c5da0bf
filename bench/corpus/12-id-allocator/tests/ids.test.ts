import { describe, expect, it } from 'vitest';
import { IdAllocator, allocateMany, prefixedIds } from '../src/ids.ts';

describe('IdAllocator', () => {
  it('starts at 1', () => {
    expect(new IdAllocator().next()).toBe(1);
  });

  it('counts up by one', () => {
    const ids = allocateMany(new IdAllocator(), 4);
    expect(ids.slice(1).map((id, i) => id - ids[i]!)).toEqual([1, 1, 1]);
  });

  it('reuses released ids, smallest first', () => {
    const allocator = new IdAllocator();
    const [a, b, c] = allocateMany(allocator, 3) as [number, number, number];
    allocator.release(c);
    allocator.release(a);
    expect(allocateMany(allocator, 2)).toEqual([a, c]);
    expect(b).not.toBe(a);
  });

  it('refuses to release an id twice', () => {
    const allocator = new IdAllocator();
    allocateMany(allocator, 3);
    allocator.release(2);
    expect(() => allocator.release(2)).toThrow(RangeError);
  });

  it('continues after a start value', () => {
    expect(new IdAllocator(100).next()).toBe(101);
  });

  it('formats prefixed ids', () => {
    const nextInvoice = prefixedIds('INV', new IdAllocator());
    expect([nextInvoice(), nextInvoice()]).toEqual(['INV-0001', 'INV-0002']);
  });
});
