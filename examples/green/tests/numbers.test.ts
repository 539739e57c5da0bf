import { describe, expect, it } from 'vitest';
import { clamp, mean, median } from '../src/numbers.ts';

describe('clamp', () => {
  it('keeps values inside the range', () => {
    expect(clamp(5, 0, 10)).toBe(5);
  });
  it('pins values to the nearest bound', () => {
    expect(clamp(-3, 0, 10)).toBe(0);
    expect(clamp(42, 0, 10)).toBe(10);
  });
  it('rejects an empty range', () => {
    expect(() => clamp(1, 2, 1)).toThrow(RangeError);
  });
});

describe('mean and median', () => {
  it('averages values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
  it('takes the middle of an odd count', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the two middles of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
