import { describe, expect, it } from 'vitest';
import { IdAllocator, allocateMany } from '../src/ids.ts';

describe('IdAllocator (held out)', () => {
  it('reports the last issued id', () => {
    const allocator = new IdAllocator();
    expect(allocator.lastIssued()).toBe(0);
    allocateMany(allocator, 3);
    expect(allocator.lastIssued()).toBe(3);
  });

  it('allows releasing the most recent id but not one never issued', () => {
    const allocator = new IdAllocator();
    allocateMany(allocator, 2);
    expect(() => allocator.release(3)).toThrow(RangeError);
    allocator.release(2);
    expect(allocator.next()).toBe(2);
    expect(allocator.next()).toBe(3);
  });

  it('never issues 0 or duplicates', () => {
    const allocator = new IdAllocator();
    const ids = allocateMany(allocator, 50);
    expect(ids).not.toContain(0);
    expect(new Set(ids).size).toBe(50);
    expect(ids[49]).toBe(50);
  });

  it('rejects bad start values and ids', () => {
    expect(() => new IdAllocator(-1)).toThrow(RangeError);
    expect(() => new IdAllocator().release(0)).toThrow(RangeError);
  });
});
