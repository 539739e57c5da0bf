import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay, parseDate } from '../src/business-days.js';

// 2024-05-06 is a Monday.
describe('business days', () => {
  it('excludes weekends', () => {
    expect(isBusinessDay(parseDate('2024-05-11'))).toBe(false);
    expect(isBusinessDay(parseDate('2024-05-12'))).toBe(false);
  });

  it('includes Mondays', () => {
    expect(isBusinessDay(parseDate('2024-05-06'))).toBe(true);
  });

  it('includes Fridays', () => {
    expect(isBusinessDay(parseDate('2024-05-10'))).toBe(true);
  });

  it('excludes holidays', () => {
    expect(isBusinessDay(parseDate('2024-05-09'), new Set(['2024-05-09']))).toBe(false);
  });

  it('counts business days early in the week', () => {
    expect(businessDaysBetween('2024-05-06', '2024-05-09')).toBe(3);
  });

  it('counts a full week', () => {
    expect(businessDaysBetween('2024-05-06', '2024-05-13')).toBe(5);
  });

  it('adds business days within a week', () => {
    expect(addBusinessDays('2024-05-06', 2)).toBe('2024-05-08');
  });
});
