export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Completed fraction in [0, 1]; an empty job counts as done. */
export function ratio(done: number, total: number): number {
  if (total <= 0) return 1;
  return clamp(done / total, 1, 0);
}

export function renderBar(done: number, total: number, width = 20): string {
  const r = ratio(done, total);
  const filled = Math.round(r * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(r * 100)}%`;
}

/** Remaining time extrapolated from the elapsed time, or undefined before any progress. */
export function etaMs(elapsedMs: number, done: number, total: number): number | undefined {
  if (done <= 0) return undefined;
  const r = ratio(done, total);
  return r >= 1 ? 0 : Math.round((elapsedMs * (1 - r)) / r);
}

export function formatEta(ms: number | undefined): string {
  if (ms === undefined) return 'estimating…';
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `${seconds}s left` : `${Math.floor(seconds / 60)}m ${seconds % 60}s left`;
}
