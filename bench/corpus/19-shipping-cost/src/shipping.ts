export interface OrderLine {
  priceCents: number;
  qty: number;
  weightGrams: number;
}

export interface ShippingRules {
  freeOverCents: number;
  baseCents: number;
  perKgCents: number;
  maxCents: number;
}

export function subtotal(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + line.priceCents * line.qty, 0);
}

/** Billable weight: whole kilograms, rounded up. */
export function billableKg(lines: readonly OrderLine[]): number {
  const grams = lines.reduce((sum, line) => sum + line.weightGrams * line.qty, 0);
  return Math.ceil(grams / 1000);
}

export function shippingCents(lines: readonly OrderLine[], rules: ShippingRules): number {
  if (lines.length === 0) return 0;
  const amount = subtotal(lines);
  const weight = billableKg(lines);
  if (amount >= rules.freeOverCents) return 0;
  return Math.min(rules.maxCents, rules.baseCents + amount * rules.perKgCents);
}

export function orderTotal(lines: readonly OrderLine[], rules: ShippingRules): number {
  return subtotal(lines) + shippingCents(lines, rules);
}

/** How much more to spend for free shipping, 0 when already free. */
export function untilFreeShipping(lines: readonly OrderLine[], rules: ShippingRules): number {
  return Math.max(0, rules.freeOverCents - subtotal(lines));
}
