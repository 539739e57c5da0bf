import { describe, expect, it } from 'vitest';
import { lineTotal, taxCents, totals } from '../src/invoice.ts';

const book = { description: 'Book', unitCents: 1_500, qty: 2, taxable: false };
const lamp = { description: 'Lamp', unitCents: 4_000, qty: 1, taxable: true };

describe('invoice', () => {
  it('totals a line', () => {
    expect(lineTotal(book)).toBe(3_000);
  });

  it('taxes only taxable lines', () => {
    expect(taxCents({ lines: [book, lamp], shippingCents: 0, taxRate: 0.2 })).toBe(800);
  });

  it('charges no tax on untaxed goods', () => {
    expect(taxCents({ lines: [book], shippingCents: 0, taxRate: 0.2 })).toBe(0);
  });

  it('does not tax shipping', () => {
    expect(taxCents({ lines: [lamp], shippingCents: 500, taxRate: 0.2 })).toBe(800);
  });

  it('adds up the invoice', () => {
    expect(totals({ lines: [book, lamp], shippingCents: 500, taxRate: 0.2 })).toEqual({
      subtotal: 7_000,
      shipping: 500,
      tax: 800,
      total: 8_300,
    });
  });
});
