import { describe, expect, it } from 'vitest';
import { applyPercent, applyRule, formatCents, priceTag, savings } from '../src/pricing.ts';

describe('pricing', () => {
  it('leaves the price alone at 0%', () => {
    expect(applyPercent(1000, 0)).toBe(1000);
  });

  it('takes a percentage off', () => {
    expect(applyPercent(1000, 25)).toBe(750);
  });

  it('rejects percentages above 100', () => {
    expect(() => applyPercent(1000, 120)).toThrow(RangeError);
  });

  it('applies a fixed amount and never goes negative', () => {
    expect(applyRule(500, { amountOffCents: 200 })).toBe(300);
    expect(applyRule(500, { amountOffCents: 900 })).toBe(0);
  });

  it('reports savings of a percentage rule', () => {
    expect(savings(2000, { percentOff: 10 })).toBe(200);
  });

  it('formats cents', () => {
    expect(formatCents(123456)).toBe('USD 1234.56');
    expect(formatCents(-5, 'EUR')).toBe('-EUR 0.05');
  });

  it('shows an unchanged price plainly', () => {
    expect(priceTag(999, {})).toBe('USD 9.99');
  });
});
