export interface Entry {
  project: string;
  /** ISO date, YYYY-MM-DD. */
  day: string;
  minutes: number;
  billable: boolean;
}

/** Work is billed in started quarter hours. */
export const BLOCK_MINUTES = 15;

export function billedMinutes(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole number from 0, got ${minutes}`);
  return Math.floor(minutes / BLOCK_MINUTES) * BLOCK_MINUTES;
}

/** Billed minutes per project, billable entries only, each entry rounded on its own. */
export function minutesByProject(entries: readonly Entry[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.billable) continue;
    totals.set(entry.project, (totals.get(entry.project) ?? 0) + billedMinutes(entry.minutes));
  }
  return totals;
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours}h` : `${hours}h ${String(rest).padStart(2, '0')}m`;
}
