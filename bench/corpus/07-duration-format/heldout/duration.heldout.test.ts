import { describe, expect, it } from 'vitest';
import { formatClock, humanize, parseClock, splitDuration } from '../src/duration.ts';

describe('durations (held out)', () => {
  it('splits into parts', () => {
    expect(splitDuration(7_384_999)).toEqual({ hours: 2, minutes: 3, seconds: 4 });
    expect(splitDuration(59_999)).toEqual({ hours: 0, minutes: 0, seconds: 59 });
  });

  it('pads minutes once hours are shown', () => {
    expect(formatClock(3_605_000)).toBe('1:00:05');
    expect(formatClock(36_000_000 + 59 * 60_000)).toBe('10:59:00');
  });

  it('round-trips through parseClock', () => {
    for (const ms of [0, 1_000, 61_000, 599_000, 3_599_000, 3_600_000, 45_296_000]) {
      expect(parseClock(formatClock(ms))).toBe(ms);
    }
  });

  it('leaves out zero units in the middle', () => {
    expect(humanize(3_600_000 + 5_000)).toBe('1h 5s');
    expect(humanize(120_000)).toBe('2m');
  });
});
