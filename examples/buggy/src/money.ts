/** Amounts are integer cents to avoid floating-point drift. */
export type Cents = number;

export function roundCents(amount: number): Cents {
  return Math.round(amount);
}

export function formatCents(amount: Cents, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}
