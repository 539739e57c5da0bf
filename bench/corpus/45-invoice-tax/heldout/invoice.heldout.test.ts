import { describe, expect, it } from 'vitest';
import { renderInvoice, taxCents, totals } from '../src/invoice.ts';

const mug = { description: 'Mug', unitCents: 899, qty: 3, taxable: true };
const ebook = { description: 'E-book', unitCents: 1_000, qty: 1, taxable: false };

describe('invoice (held out)', () => {
  it('shipping never changes the tax', () => {
    for (const shippingCents of [0, 1, 499, 10_000]) {
      expect(taxCents({ lines: [mug, ebook], shippingCents, taxRate: 0.19 })).toBe(512);
    }
  });

  it('an invoice of untaxed goods with shipping has no tax', () => {
    expect(totals({ lines: [ebook], shippingCents: 700, taxRate: 0.2 })).toEqual({ subtotal: 1_000, shipping: 700, tax: 0, total: 1_700 });
  });

  it('renders the summary', () => {
    const text = renderInvoice({ lines: [mug], shippingCents: 300, taxRate: 0.1 });
    expect(text.split('\n')).toEqual([
      `${'3 x Mug'.padEnd(24)}${'26.97'.padStart(10)}`,
      `${'Subtotal'.padEnd(24)}${'26.97'.padStart(10)}`,
      `${'Shipping'.padEnd(24)}${'3.00'.padStart(10)}`,
      `${'Tax'.padEnd(24)}${'2.70'.padStart(10)}`,
      `${'Total'.padEnd(24)}${'32.67'.padStart(10)}`,
    ]);
  });
});
