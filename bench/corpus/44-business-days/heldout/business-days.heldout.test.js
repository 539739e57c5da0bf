import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween } from '../src/business-days.js';

describe('business days (held out)', () => {
  it('adds across weekends', () => {
    expect(addBusinessDays('2024-05-09', 1)).toBe('2024-05-10');
    expect(addBusinessDays('2024-05-10', 1)).toBe('2024-05-13');
    expect(addBusinessDays('2024-05-06', 10)).toBe('2024-05-20');
  });

  it('skips holidays when adding', () => {
    expect(addBusinessDays('2024-12-24', 1, new Set(['2024-12-25', '2024-12-26']))).toBe('2024-12-27');
  });

  it('counts a month', () => {
    expect(businessDaysBetween('2024-05-01', '2024-06-01')).toBe(23);
    expect(businessDaysBetween('2024-05-01', '2024-06-01', new Set(['2024-05-01', '2024-05-09', '2024-05-20']))).toBe(20);
  });

  it('counts nothing for an empty range', () => {
    expect(businessDaysBetween('2024-05-10', '2024-05-10')).toBe(0);
  });
});
