import { describe, expect, it } from 'vitest';
import { addMinutes, formatTime, inShift, minutesBetween, parseTime } from '../src/clock.ts';

describe('clock', () => {
  it('parses times', () => {
    expect(parseTime('07:30')).toBe(450);
    expect(parseTime('0:05')).toBe(5);
  });

  it('rejects invalid times', () => {
    expect(() => parseTime('24:00')).toThrow('invalid time');
    expect(() => parseTime('7.30')).toThrow('invalid time');
  });

  it('formats minutes', () => {
    expect(formatTime(450)).toBe('07:30');
  });

  it('adds minutes within a day', () => {
    expect(addMinutes('09:45', 30)).toBe('10:15');
  });

  it('wraps past midnight', () => {
    expect(addMinutes('23:30', 60)).toBe('00:30');
  });

  it('measures time on the same day', () => {
    expect(minutesBetween('09:00', '17:30')).toBe(510);
  });

  it('measures overnight', () => {
    expect(minutesBetween('22:00', '06:00')).toBe(480);
  });
});
