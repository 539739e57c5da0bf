import { describe, expect, it } from 'vitest';
import { formatClock, humanize, parseClock, splitDuration } from '../src/duration.ts';

describe('durations', () => {
  it('formats seconds under a minute', () => {
    expect(formatClock(45_000)).toBe('0:45');
  });

  it('formats whole hours', () => {
    expect(formatClock(3_600_000)).toBe('1:00:00');
  });

  it('formats minutes and seconds', () => {
    expect(formatClock(90_000)).toBe('1:30');
  });

  it('humanizes short and empty durations', () => {
    expect(humanize(5_000)).toBe('5s');
    expect(humanize(0)).toBe('0s');
  });

  it('humanizes mixed durations', () => {
    expect(humanize(3_723_000)).toBe('1h 2m 3s');
  });

  it('rejects negative durations', () => {
    expect(() => splitDuration(-1)).toThrow(RangeError);
  });

  it('parses clocks', () => {
    expect(parseClock('1:02:03')).toBe(3_723_000);
    expect(() => parseClock('12')).toThrow('invalid clock');
  });
});
