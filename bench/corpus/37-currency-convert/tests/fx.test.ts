import { describe, expect, it } from 'vitest';
import { convert, convertAmount, formatMoney, rateOf } from '../src/fx.ts';

const rates = { USD: 1.25, GBP: 0.8, JPY: 160 };

describe('currency conversion', () => {
  it('knows EUR is the base', () => {
    expect(rateOf(rates, 'EUR')).toBe(1);
  });

  it('rejects unknown currencies', () => {
    expect(() => rateOf(rates, 'XXX')).toThrow('unknown currency: XXX');
  });

  it('converts through the base currency', () => {
    expect(convertAmount(100, 2, 3)).toBe(150);
  });

  it('keeps amounts in the same currency', () => {
    expect(convert(42.5, 'USD', 'USD', rates)).toBe(42.5);
  });

  it('converts EUR to USD', () => {
    expect(convert(100, 'EUR', 'USD', rates)).toBe(125);
  });

  it('converts USD to EUR', () => {
    expect(convert(100, 'USD', 'EUR', rates)).toBe(80);
  });

  it('formats money', () => {
    expect(formatMoney({ amount: 3.5, currency: 'GBP' })).toBe('3.50 GBP');
  });
});
