import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, isLeapYear, lastDayOfMonth } from '../src/calendar.ts';

describe('calendar', () => {
  it('knows leap years', () => {
    expect([2024, 2023, 1900, 2000].map(isLeapYear)).toEqual([true, false, false, true]);
  });

  it('knows January has 31 days', () => {
    expect(daysInMonth(2023, 1)).toBe(31);
  });

  it('rejects month 13', () => {
    expect(() => daysInMonth(2023, 13)).toThrow(RangeError);
  });

  it('adds months inside the year', () => {
    expect(addMonths('2024-03-15', 1)).toBe('2024-04-15');
  });

  it('adds months across the year end', () => {
    expect(addMonths('2023-11-10', 3)).toBe('2024-02-10');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('finds the last day of a month', () => {
    expect(lastDayOfMonth('2023-04-12')).toBe('2023-04-30');
  });
});
