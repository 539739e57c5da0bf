export interface Coupon {
  code: string;
  percentOff: number;
  minSubtotalCents: number;
  expiresAt: number;
}

export function isExpired(coupon: Coupon, now: number): boolean {
  return now >= coupon.expiresAt;
}

export function meetsMinimum(coupon: Coupon, subtotalCents: number): boolean {
  return subtotalCents >= coupon.minSubtotalCents;
}

export function applicable(coupon: Coupon, subtotalCents: number, now: number): boolean {
  return !isExpired(coupon, now);
}

export function rejectionReason(coupon: Coupon, subtotalCents: number, now: number): string | undefined {
  if (isExpired(coupon, now)) return 'this coupon has expired';
  if (!meetsMinimum(coupon, subtotalCents)) {
    return `spend ${((coupon.minSubtotalCents - subtotalCents) / 100).toFixed(2)} more to use this coupon`;
  }
  return undefined;
}

export function discountCents(coupon: Coupon, subtotalCents: number, now: number): number {
  if (!applicable(coupon, subtotalCents, now)) return 0;
  return Math.round((subtotalCents * coupon.percentOff) / 100);
}

/** The applicable coupon with the largest discount, if any. */
export function bestCoupon(coupons: readonly Coupon[], subtotalCents: number, now: number): Coupon | undefined {
  let best: Coupon | undefined;
  for (const coupon of coupons) {
    if (!applicable(coupon, subtotalCents, now)) continue;
    if (!best || coupon.percentOff > best.percentOff) best = coupon;
  }
  return best;
}
