/** Exchange rates as units of each currency per 1 EUR. */
export type Rates = Readonly<Record<string, number>>;

export function rateOf(rates: Rates, currency: string): number {
  if (currency === 'EUR') return 1;
  const rate = rates[currency];
  if (rate === undefined || !(rate > 0)) throw new Error(`unknown currency: ${currency}`);
  return rate;
}

/** amount / fromRate is the value in EUR; times toRate gives the target currency. */
export function convertAmount(amount: number, fromRate: number, toRate: number): number {
  return (amount / fromRate) * toRate;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function convert(amount: number, from: string, to: string, rates: Rates): number {
  return roundCents(convertAmount(amount, rateOf(rates, to), rateOf(rates, from)));
}

export interface Money {
  amount: number;
  currency: string;
}

/** Sum of amounts in different currencies, expressed in `to`. */
export function total(items: readonly Money[], to: string, rates: Rates): number {
  return roundCents(items.reduce((sum, m) => sum + convert(m.amount, m.currency, to, rates), 0));
}

export function formatMoney(money: Money): string {
  return `${money.amount.toFixed(2)} ${money.currency}`;
}
