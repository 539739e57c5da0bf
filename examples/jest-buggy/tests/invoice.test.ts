import { describe, expect, it } from '@jest/globals';
import { invoice, lineAmount } from '../src/invoice';
import type { Entry } from '../src/timesheet';

const rates = { atlas: 9000, borealis: 12000 };
const work = (project: string, minutes: number, billable = true): Entry => ({ project, day: '2026-03-03', minutes, billable });

describe('lineAmount', () => {
  it('charges an hour at the hourly rate', () => {
    expect(lineAmount(60, 9000)).toBe(9000);
  });

  it('charges part of an hour pro rata', () => {
    expect(lineAmount(45, 8000)).toBe(6000);
    expect(lineAmount(15, 9999)).toBe(2500);
  });
});

describe('invoice', () => {
  const week = [work('borealis', 90), work('atlas', 120), work('atlas', 45), work('borealis', 60, false)];

  it('has one line per project, sorted by name', () => {
    const lines = invoice(week, rates, 0.2).lines;
    expect(lines.map(({ project, minutes }) => ({ project, minutes }))).toEqual([
      { project: 'atlas', minutes: 165 },
      { project: 'borealis', minutes: 90 },
    ]);
  });

  it('adds VAT on the net total', () => {
    const { lines, net, vat, gross } = invoice(week, rates, 0.2);
    expect(lines.map((line) => line.amount)).toEqual([24750, 18000]);
    expect({ net, vat, gross }).toEqual({ net: 42750, vat: 8550, gross: 51300 });
  });

  it('refuses a project without a rate', () => {
    expect(() => invoice([work('cygnus', 30)], rates, 0.2)).toThrow('no hourly rate for project "cygnus"');
  });

  it('is empty without billable work', () => {
    expect(invoice([work('atlas', 60, false)], rates, 0.2)).toEqual({ lines: [], net: 0, vat: 0, gross: 0 });
  });
});
