import { describe, expect, it } from 'vitest';
import { addMinutes, formatTime, inShift, minutesBetween } from '../src/clock.ts';

describe('clock (held out)', () => {
  it('wraps backwards before midnight', () => {
    expect(addMinutes('00:10', -20)).toBe('23:50');
    expect(formatTime(-1)).toBe('23:59');
  });

  it('a whole day brings you back', () => {
    for (const t of ['00:00', '06:15', '12:00', '23:59']) {
      expect(addMinutes(t, 24 * 60)).toBe(t);
      expect(addMinutes(t, -3 * 24 * 60)).toBe(t);
    }
  });

  it('formats the last minute of the day', () => {
    expect(formatTime(1439)).toBe('23:59');
    expect(formatTime(1440)).toBe('00:00');
  });

  it('checks overnight shifts', () => {
    expect(inShift('23:00', '22:00', '06:00')).toBe(true);
    expect(inShift('05:59', '22:00', '06:00')).toBe(true);
    expect(inShift('06:00', '22:00', '06:00')).toBe(false);
    expect(inShift('12:00', '09:00', '17:00')).toBe(true);
  });

  it('minutesBetween is at most a day', () => {
    expect(minutesBetween('10:00', '09:59')).toBe(1439);
  });
});
