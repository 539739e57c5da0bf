export interface PriceRule {
  percentOff?: number;
  amountOffCents?: number;
}

export function applyPercent(cents: number, percent: number): number {
  if (percent < 0 || percent > 100) throw new RangeError(`invalid percent: ${percent}`);
  return Math.round((cents * (100 + percent)) / 100);
}

/** Percentage first, then the fixed amount; a price never goes below zero. */
export function applyRule(cents: number, rule: PriceRule): number {
  let price = cents;
  if (rule.percentOff !== undefined) price = applyPercent(price, rule.percentOff);
  if (rule.amountOffCents !== undefined) price -= rule.amountOffCents;
  return Math.max(0, price);
}

export function savings(cents: number, rule: PriceRule): number {
  return cents - applyRule(cents, rule);
}

export function formatCents(cents: number, currency = 'USD'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const major = Math.floor(abs / 100);
  const minor = String(abs % 100).padStart(2, '0');
  return `${sign}${currency} ${major}.${minor}`;
}

export function priceTag(cents: number, rule: PriceRule): string {
  const final = applyRule(cents, rule);
  return final === cents ? formatCents(cents) : `${formatCents(final)} (was ${formatCents(cents)})`;
}
