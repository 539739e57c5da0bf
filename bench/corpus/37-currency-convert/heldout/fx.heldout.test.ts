import { describe, expect, it } from 'vitest';
import { convert, total } from '../src/fx.ts';

const rates = { USD: 1.25, GBP: 0.8, JPY: 160 };

describe('currency conversion (held out)', () => {
  it('converts between two non-base currencies', () => {
    expect(convert(100, 'USD', 'GBP', rates)).toBe(64);
    expect(convert(1000, 'JPY', 'USD', rates)).toBe(7.81);
  });

  it('round-trips within a cent', () => {
    for (const [from, to] of [['USD', 'JPY'], ['GBP', 'USD'], ['EUR', 'GBP']] as const) {
      const there = convert(57.3, from, to, rates);
      expect(Math.abs(convert(there, to, from, rates) - 57.3)).toBeLessThanOrEqual(0.01);
    }
  });

  it('totals a mixed basket', () => {
    expect(total([{ amount: 10, currency: 'EUR' }, { amount: 12.5, currency: 'USD' }, { amount: 8, currency: 'GBP' }], 'EUR', rates)).toBe(30);
  });
});
