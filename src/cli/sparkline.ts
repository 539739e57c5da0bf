const BARS = '▁▂▃▄▅▆▇█';

/** A trend in one line of block characters, lowest to highest; gaps (null) are spaces. */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const low = Math.min(...known);
  const span = Math.max(...known) - low;
  return values.map((v) => (v === null ? ' ' : BARS[span === 0 ? 3 : Math.round(((v - low) / span) * (BARS.length - 1))])).join('');
}
