export type Trend = 'up' | 'down' | 'flat' | 'new';

/** Relative change in percent, one decimal. */
export function percentChange(before: number, after: number): number | null {
  const change = ((after - before) / Math.abs(before)) * 100;
  return Math.round(change * 10) / 10;
}

export function trend(before: number, after: number, threshold = 1): Trend {
  const change = percentChange(before, after);
  if (change === null) return after === 0 ? 'flat' : 'new';
  if (change >= threshold) return 'up';
  if (change <= -threshold) return 'down';
  return 'flat';
}

export function formatChange(before: number, after: number): string {
  const change = percentChange(before, after);
  if (change === null) return 'n/a';
  const sign = change > 0 ? '+' : '';
  return `${sign}${change.toFixed(1)}%`;
}

export interface Metric {
  name: string;
  before: number;
  after: number;
}

export function report(metrics: readonly Metric[]): string[] {
  return metrics.map((m) => `${m.name}: ${m.after} (${formatChange(m.before, m.after)}, ${trend(m.before, m.after)})`);
}
