/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (sample: number[]): number => percentile(sample, 50);

/** Milliseconds `fn` takes, from a high-resolution clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
