import path from 'node:path';

/** What a project's decisions taught: how its next run orders the search. Every table defaults to "no preference". */
export interface Learned {
  /** How many decisions it was learned from. */
  decisions: number;
  /** Repair operator -> learned prior, on the built-in priors' scale (the built-in prior where nothing was learned). */
  priors: Record<string, number>;
  /** File area (its folder, `src/api`) -> weight on its suspicion: above 1 where changes were kept, below where turned down. */
  areas: Record<string, number>;
  /** Finding category -> preference, as `areas`. */
  categories: Record<string, number>;
  /** Suggester (`repair`, `llm`) -> preference, as `areas`. */
  sources: Record<string, number>;
  /** What the project turned down before and why, latest first, one line per distinct reason. */
  rejectedBefore: string[];
}

export const NOTHING_LEARNED: Learned = { decisions: 0, priors: {}, areas: {}, categories: {}, sources: {}, rejectedBefore: [] };

/** A file's area, as decisions record it: its folder, with forward slashes. */
export function areaOf(file: string): string {
  return path.posix.dirname(file.replaceAll('\\', '/'));
}

/** A preference from a table: 1 (neutral) for what it has no evidence on. */
export function preferenceOf(table: Readonly<Record<string, number>> | undefined, key: string): number {
  return table?.[key] ?? 1;
}
