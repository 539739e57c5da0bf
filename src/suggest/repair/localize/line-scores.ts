import { getOrCreate } from '../get-or-create.ts';

/** Suspiciousness per line: file -> 1-based line -> score in [0, 1]. */
export type LineScores = Map<string, Map<number, number>>;

/** The signals fault localization combines, and the score each gave a line. */
export interface Evidence {
  /** Spectrum-based (Ochiai over per-test coverage). */
  ochiai?: number;
  /** The line is in the stack of a failing test's error. */
  frame?: number;
  /** The line is in a function a failing test calls directly (used when nothing better is known). */
  testCall?: number;
}
export type Signal = keyof Evidence;

/** Keeps the highest score given to a line. */
export function raiseScore(scores: LineScores, file: string, line: number, score: number): void {
  const lines = getOrCreate(scores, file, () => new Map<number, number>());
  if (score > (lines.get(line) ?? 0)) lines.set(line, score);
}

/** Independent signals combined as a noisy-or: agreement raises the score, no signal lowers it. */
export function combinedScore(evidence: Evidence): number {
  let miss = 1;
  for (const score of Object.values(evidence)) miss *= 1 - (score ?? 0);
  return 1 - miss;
}

/** Per line, the score of every signal that points at it. */
export function mergeSignals(signals: Partial<Record<Signal, LineScores>>): Map<string, Map<number, Evidence>> {
  const merged = new Map<string, Map<number, Evidence>>();
  for (const [signal, scores] of Object.entries(signals) as Array<[Signal, LineScores | undefined]>) {
    for (const [file, lines] of scores ?? []) {
      const evidenceByLine = getOrCreate(merged, file, () => new Map());
      for (const [line, score] of lines) {
        if (score <= 0) continue;
        const evidence = evidenceByLine.get(line) ?? {};
        evidence[signal] = score;
        evidenceByLine.set(line, evidence);
      }
    }
  }
  return merged;
}
