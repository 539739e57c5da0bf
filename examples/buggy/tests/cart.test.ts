import { describe, expect, it } from 'vitest';
import { addItem, type Coupon, emptyCart, isCouponValid, removeItem, shippingFor, subtotal, totals } from '../src/cart.ts';
import { formatCents } from '../src/money.ts';

const book = { sku: 'BK-1', name: 'Field guide', unitPrice: 1250, quantity: 1 };
const mug = { sku: 'MG-7', name: 'Mug', unitPrice: 899, quantity: 2 };
const now = new Date('2026-03-01T12:00:00Z');

describe('cart contents', () => {
  it('merges repeated items into one line', () => {
    const cart = addItem(addItem(emptyCart(), book), { ...book, quantity: 2 });
    expect(cart.items).toEqual([{ ...book, quantity: 3 }]);
  });

  it('rejects a non-positive quantity', () => {
    expect(() => addItem(emptyCart(), { ...mug, quantity: 0 })).toThrow(RangeError);
  });

  it('removes a line by sku', () => {
    const cart = removeItem(addItem(addItem(emptyCart(), book), mug), 'BK-1');
    expect(cart.items.map((i) => i.sku)).toEqual(['MG-7']);
  });

  it('sums unit price times quantity', () => {
    expect(subtotal(addItem(addItem(emptyCart(), book), mug))).toBe(1250 + 2 * 899);
  });
});

describe('coupons', () => {
  const spring: Coupon = { code: 'SPRING10', percentOff: 10, expiresAt: new Date('2026-04-01T00:00:00Z') };

  it('accepts a coupon before it expires', () => {
    expect(isCouponValid(spring, now)).toBe(true);
  });

  it('rejects an expired coupon', () => {
    expect(isCouponValid(spring, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });

  it('rejects a discount over 100%', () => {
    expect(isCouponValid({ code: 'BROKEN', percentOff: 150 }, now)).toBe(false);
  });
});

describe('shipping', () => {
  it('charges flat shipping below the threshold', () => {
    expect(shippingFor(4999)).toBe(499);
  });

  it('ships free from the threshold on', () => {
    expect(shippingFor(5000)).toBe(0);
  });
});

describe('totals', () => {
  it('adds shipping and tax to a small order', () => {
    const cart = addItem(emptyCart(), book);
    expect(totals(cart, { taxRate: 0.08, now })).toEqual({
      subtotal: 1250,
      discount: 0,
      shipping: 499,
      tax: 100,
      total: 1849,
    });
  });

  it('taxes the discounted amount', () => {
    const cart = addItem(emptyCart(), { ...book, quantity: 4 });
    const result = totals(cart, { taxRate: 0.1, coupon: { code: 'TEN', percentOff: 10 }, now });
    expect(result.discount).toBe(500);
    expect(result.tax).toBe(450);
    expect(formatCents(result.total)).toBe('$54.49');
  });

  it('ignores an expired coupon', () => {
    const cart = addItem(emptyCart(), mug);
    const expired: Coupon = { code: 'OLD', percentOff: 50, expiresAt: new Date('2026-01-01T00:00:00Z') };
    expect(totals(cart, { taxRate: 0, coupon: expired, now }).discount).toBe(0);
  });
});
