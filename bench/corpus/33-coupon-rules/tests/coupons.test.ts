import { describe, expect, it } from 'vitest';
import { applicable, bestCoupon, discountCents, rejectionReason } from '../src/coupons.ts';

const now = 1_000;
const welcome = { code: 'WELCOME', percentOff: 10, minSubtotalCents: 0, expiresAt: 5_000 };
const big = { code: 'BIG20', percentOff: 20, minSubtotalCents: 10_000, expiresAt: 5_000 };
const old = { code: 'OLD50', percentOff: 50, minSubtotalCents: 0, expiresAt: 500 };

describe('coupons', () => {
  it('applies an unexpired coupon without a minimum', () => {
    expect(applicable(welcome, 100, now)).toBe(true);
  });

  it('rejects an expired coupon', () => {
    expect(applicable(old, 100_000, now)).toBe(false);
  });

  it('rejects an order below the minimum spend', () => {
    expect(applicable(big, 9_999, now)).toBe(false);
  });

  it('explains rejections', () => {
    expect(rejectionReason(old, 0, now)).toBe('this coupon has expired');
    expect(rejectionReason(big, 8_000, now)).toBe('spend 20.00 more to use this coupon');
  });

  it('computes the discount', () => {
    expect(discountCents(welcome, 2_345, now)).toBe(235);
  });

  it('picks the best coupon for a large order', () => {
    expect(bestCoupon([welcome, big, old], 12_000, now)?.code).toBe('BIG20');
  });
});
