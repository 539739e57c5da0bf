import { describe, expect, it } from '@jest/globals';
import { billedMinutes, type Entry, formatDuration, minutesByProject } from '../src/timesheet';

const entry = (project: string, minutes: number, billable = true): Entry => ({ project, day: '2026-03-02', minutes, billable });

describe('billedMinutes', () => {
  it('bills a started quarter hour in full', () => {
    expect(billedMinutes(1)).toBe(15);
    expect(billedMinutes(20)).toBe(30);
  });

  it('bills 50 minutes as an hour', () => {
    expect(billedMinutes(50)).toBe(60);
  });

  it('keeps whole quarter hours as they are', () => {
    expect(billedMinutes(0)).toBe(0);
    expect(billedMinutes(45)).toBe(45);
  });

  it('rejects negative or fractional minutes', () => {
    expect(() => billedMinutes(-15)).toThrow(RangeError);
    expect(() => billedMinutes(7.5)).toThrow(RangeError);
  });
});

describe('minutesByProject', () => {
  it('rounds each entry on its own', () => {
    expect(minutesByProject([entry('atlas', 5), entry('atlas', 5)])).toEqual(new Map([['atlas', 30]]));
  });

  it('leaves out work that is not billable', () => {
    const totals = minutesByProject([entry('atlas', 60), entry('atlas', 30, false), entry('borealis', 15)]);
    expect(totals).toEqual(
      new Map([
        ['atlas', 60],
        ['borealis', 15],
      ]),
    );
  });
});

describe('formatDuration', () => {
  it('shows hours and zero-padded minutes', () => {
    expect(formatDuration(90)).toBe('1h 30m');
    expect(formatDuration(5)).toBe('0h 05m');
    expect(formatDuration(120)).toBe('2h');
  });
});
