import { describe, expect, it } from 'vitest';
import { formatChange, percentChange, trend } from '../src/kpi.ts';

describe('kpi changes (held out)', () => {
  it('zero to zero is flat, not new', () => {
    expect(percentChange(0, 0)).toBeNull();
    expect(trend(0, 0)).toBe('flat');
    expect(formatChange(0, 0)).toBe('n/a');
  });

  it('zero to a negative value has no percentage either', () => {
    expect(percentChange(0, -5)).toBeNull();
    expect(trend(0, -5)).toBe('new');
  });

  it('measures change against a negative baseline', () => {
    expect(percentChange(-200, -100)).toBe(50);
    expect(trend(-50, -100)).toBe('down');
  });

  it('uses the threshold', () => {
    expect(trend(100, 104, 5)).toBe('flat');
    expect(trend(100, 105, 5)).toBe('up');
  });
});
