import { describe, expect, it } from 'vitest';
import { applicable, bestCoupon, discountCents, rejectionReason } from '../src/coupons.ts';

const now = 1_000;
const welcome = { code: 'WELCOME', percentOff: 10, minSubtotalCents: 0, expiresAt: 5_000 };
const big = { code: 'BIG20', percentOff: 20, minSubtotalCents: 10_000, expiresAt: 5_000 };

describe('coupons (held out)', () => {
  it('the minimum spend is inclusive', () => {
    expect(applicable(big, 10_000, now)).toBe(true);
    expect(applicable(big, 9_999, now)).toBe(false);
  });

  it('expiry is exclusive of the expiry instant', () => {
    expect(applicable(welcome, 100, 4_999)).toBe(true);
    expect(applicable(welcome, 100, 5_000)).toBe(false);
  });

  it('gives no discount below the minimum', () => {
    expect(discountCents(big, 5_000, now)).toBe(0);
  });

  it('falls back to a smaller coupon for a small order', () => {
    expect(bestCoupon([big, welcome], 5_000, now)?.code).toBe('WELCOME');
    expect(bestCoupon([big], 5_000, now)).toBeUndefined();
  });

  it('applicable agrees with rejectionReason', () => {
    for (const subtotal of [0, 9_999, 10_000, 50_000]) {
      for (const t of [0, 4_999, 5_000]) {
        for (const coupon of [welcome, big]) {
          expect(applicable(coupon, subtotal, t)).toBe(rejectionReason(coupon, subtotal, t) === undefined);
        }
      }
    }
  });
});
