import { describe, expect, it } from 'vitest';
import { daysBetween, daysUntil, dueLabel, toDayNumber } from '../src/deadline.ts';

describe('deadlines', () => {
  it('numbers days from the epoch', () => {
    expect(toDayNumber('1970-01-02')).toBe(1);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-02-27', '2024-03-01')).toBe(3);
    expect(daysBetween('2024-03-01', '2024-02-27')).toBe(-3);
  });

  it('is zero days until today', () => {
    expect(daysUntil('2024-05-10', '2024-05-10')).toBe(0);
    expect(dueLabel('2024-05-10', '2024-05-10')).toBe('due today');
  });

  it('counts days until a future deadline', () => {
    expect(daysUntil('2024-05-20', '2024-05-10')).toBe(10);
  });

  it('labels tomorrow', () => {
    expect(dueLabel('2024-05-11', '2024-05-10')).toBe('due tomorrow');
  });

  it('labels overdue tasks', () => {
    expect(dueLabel('2024-05-08', '2024-05-10')).toBe('overdue by 2 days');
  });

  it('rejects bad dates', () => {
    expect(() => toDayNumber('10/05/2024')).toThrow('invalid date');
  });
});
