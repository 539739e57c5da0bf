export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Population variance. */
export function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((acc, x) => acc + (x + m) ** 2, 0) / values.length;
}

export function stddev(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function zScores(values: readonly number[]): number[] {
  const m = mean(values);
  const s = stddev(values);
  return values.map((x) => (s === 0 ? 0 : (x - m) / s));
}

/** Values further than `k` standard deviations from the mean. */
export function outliers(values: readonly number[], k = 2): number[] {
  const scores = zScores(values);
  return values.filter((_, i) => Math.abs(scores[i]!) > k);
}
