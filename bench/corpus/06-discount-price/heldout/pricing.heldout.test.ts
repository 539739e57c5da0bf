import { describe, expect, it } from 'vitest';
import { applyPercent, applyRule, priceTag, savings } from '../src/pricing.ts';

describe('pricing (held out)', () => {
  it('rounds to whole cents', () => {
    expect(applyPercent(999, 15)).toBe(849);
    expect(applyPercent(1, 50)).toBe(1);
  });

  it('makes things free at 100%', () => {
    expect(applyPercent(4321, 100)).toBe(0);
  });

  it('applies the percentage before the fixed amount', () => {
    expect(applyRule(1000, { percentOff: 20, amountOffCents: 100 })).toBe(700);
  });

  it('never saves more than the price', () => {
    expect(savings(300, { percentOff: 50, amountOffCents: 500 })).toBe(300);
  });

  it('shows the old price next to a discounted one', () => {
    expect(priceTag(2000, { percentOff: 10 })).toBe('USD 18.00 (was USD 20.00)');
  });
});
