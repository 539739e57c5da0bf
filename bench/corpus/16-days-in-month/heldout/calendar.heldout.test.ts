import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, daysInYear } from '../src/calendar.ts';

describe('calendar (held out)', () => {
  it('knows the length of every month', () => {
    const common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(common.map((_, i) => daysInMonth(2023, i + 1))).toEqual(common);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('counts days in a year', () => {
    expect(daysInYear(2023)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
  });

  it('subtracts months and crosses years backwards', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', -2)).toBe('2023-11-15');
    expect(addMonths('2023-05-31', -12)).toBe('2022-05-31');
  });

  it('clamps to 30-day months', () => {
    expect(addMonths('2023-08-31', 1)).toBe('2023-09-30');
    expect(addMonths('2023-12-31', 12)).toBe('2024-12-31');
  });
});
