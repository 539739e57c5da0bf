import { describe, expect, it } from 'vitest';
import { billableKg, orderTotal, shippingCents, subtotal, untilFreeShipping } from '../src/shipping.ts';

const rules = { freeOverCents: 10_000, baseCents: 300, perKgCents: 150, maxCents: 2_000 };
const book = { priceCents: 1_500, qty: 1, weightGrams: 400 };
const kettlebell = { priceCents: 4_000, qty: 1, weightGrams: 16_000 };

describe('shipping', () => {
  it('adds up the subtotal', () => {
    expect(subtotal([book, { ...book, qty: 2 }])).toBe(4_500);
  });

  it('rounds weight up to whole kilograms', () => {
    expect(billableKg([book, book, book])).toBe(2);
  });

  it('ships nothing for free', () => {
    expect(shippingCents([], rules)).toBe(0);
  });

  it('ships free above the threshold', () => {
    expect(shippingCents([{ ...book, qty: 7 }], rules)).toBe(0);
  });

  it('charges base plus weight for a light order', () => {
    expect(shippingCents([book], rules)).toBe(450);
  });

  it('caps the charge for heavy orders', () => {
    expect(shippingCents([kettlebell], rules)).toBe(2_000);
  });

  it('tells how far free shipping is', () => {
    expect(untilFreeShipping([book], rules)).toBe(8_500);
  });
});
