import { describe, expect, it } from 'vitest';
import { orderTotal, shippingCents } from '../src/shipping.ts';

const rules = { freeOverCents: 10_000, baseCents: 300, perKgCents: 150, maxCents: 2_000 };

describe('shipping (held out)', () => {
  it('charges per started kilogram', () => {
    const parcel = (grams: number) => [{ priceCents: 100, qty: 1, weightGrams: grams }];
    expect(shippingCents(parcel(1), rules)).toBe(450);
    expect(shippingCents(parcel(1000), rules)).toBe(450);
    expect(shippingCents(parcel(1001), rules)).toBe(600);
    expect(shippingCents(parcel(5_500), rules)).toBe(1_200);
  });

  it('depends on weight, not on price', () => {
    const cheap = [{ priceCents: 100, qty: 1, weightGrams: 3_000 }];
    const pricey = [{ priceCents: 9_000, qty: 1, weightGrams: 3_000 }];
    expect(shippingCents(cheap, rules)).toBe(shippingCents(pricey, rules));
  });

  it('charges only the base for weightless goods', () => {
    expect(shippingCents([{ priceCents: 500, qty: 3, weightGrams: 0 }], rules)).toBe(300);
  });

  it('totals goods and shipping', () => {
    expect(orderTotal([{ priceCents: 2_000, qty: 2, weightGrams: 700 }], rules)).toBe(4_600);
  });
});
