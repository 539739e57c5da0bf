import { describe, expect, it } from 'vitest';
import { daysUntil, dueLabel, upcoming } from '../src/deadline.ts';

describe('deadlines (held out)', () => {
  it('counts across month and year ends', () => {
    expect(daysUntil('2025-01-01', '2024-12-31')).toBe(1);
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysUntil('2023-03-01', '2023-02-28')).toBe(1);
  });

  it('labels every case', () => {
    expect(dueLabel('2024-05-09', '2024-05-10')).toBe('overdue by 1 day');
    expect(dueLabel('2024-05-15', '2024-05-10')).toBe('due in 5 days');
  });

  it('lists upcoming tasks soonest first', () => {
    const tasks = [
      { title: 'later', due: '2024-06-30' },
      { title: 'soon', due: '2024-05-12' },
      { title: 'late', due: '2024-05-01' },
      { title: 'week', due: '2024-05-17' },
    ];
    expect(upcoming(tasks, '2024-05-10', 7).map((t) => t.title)).toEqual(['late', 'soon', 'week']);
  });
});
