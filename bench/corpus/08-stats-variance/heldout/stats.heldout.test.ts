import { describe, expect, it } from 'vitest';
import { outliers, stddev, variance, zScores } from '../src/stats.ts';

describe('stats (held out)', () => {
  it('a constant list has no spread', () => {
    expect(variance([7, 7, 7])).toBe(0);
    expect(zScores([7, 7, 7])).toEqual([0, 0, 0]);
  });

  it('variance does not change when the data shifts', () => {
    const base = [1, 2, 3, 4, 5];
    expect(variance(base)).toBe(2);
    expect(variance(base.map((x) => x + 100))).toBe(2);
    expect(variance(base.map((x) => x - 50))).toBe(2);
  });

  it('handles negative data', () => {
    expect(stddev([-2, -4, -4, -4, -5, -5, -7, -9])).toBe(2);
  });

  it('z-scores have mean 0 and unit spread', () => {
    const z = zScores([10, 20, 30, 40]);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(variance(z)).toBeCloseTo(1, 10);
  });

  it('finds outliers', () => {
    expect(outliers([10, 11, 9, 10, 10, 11, 9, 10, 50])).toEqual([50]);
  });
});
