/** Rounds to a multiple of `step` cents (e.g. 5 where 1 and 2 cent coins are withdrawn). */
export function roundToStep(cents: number, step: number): number {
  if (!Number.isInteger(step) || step <= 0) throw new RangeError('step must be a positive integer');
  return Math.floor(cents / step) * step;
}

export interface CashTotal {
  exact: number;
  payable: number;
  rounding: number;
}

export function cashTotal(lineCents: readonly number[], step = 5): CashTotal {
  const exact = lineCents.reduce((a, b) => a + b, 0);
  const payable = roundToStep(exact, step);
  return { exact, payable, rounding: payable - exact };
}

/** Change as a map from denomination to count, largest denominations first. */
export function changeDue(paidCents: number, payableCents: number, denominations: readonly number[]): Map<number, number> {
  if (paidCents < payableCents) throw new RangeError('insufficient payment');
  let rest = paidCents - payableCents;
  const out = new Map<number, number>();
  for (const d of [...denominations].sort((a, b) => b - a)) {
    const count = Math.floor(rest / d);
    if (count > 0) {
      out.set(d, count);
      rest -= count * d;
    }
  }
  if (rest !== 0) throw new RangeError(`cannot make change for ${rest} cents`);
  return out;
}
