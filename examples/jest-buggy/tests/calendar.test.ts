import { describe, expect, it } from '@jest/globals';
import { daysFrom, isWeekend, parseDay, workingDays } from '../src/calendar';

describe('parseDay', () => {
  it('rejects what is not a day', () => {
    expect(() => parseDay('2026-3-2')).toThrow(RangeError);
    expect(() => parseDay('2026-02-30x')).toThrow(RangeError);
  });
});

describe('daysFrom', () => {
  it('lists every day, both ends included, across a month end', () => {
    expect(daysFrom('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('has one day when the first is the last', () => {
    expect(daysFrom('2026-03-04', '2026-03-04')).toEqual(['2026-03-04']);
  });

  it('is empty when the last day comes before the first', () => {
    expect(daysFrom('2026-03-04', '2026-03-03')).toEqual([]);
  });
});

describe('working days', () => {
  it('knows Saturday and Sunday', () => {
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map(isWeekend)).toEqual([false, true, true, false]);
  });

  it('skips the weekend', () => {
    expect(workingDays('2026-03-06', '2026-03-09')).toEqual(['2026-03-06', '2026-03-09']);
  });
});
