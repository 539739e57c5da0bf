import type { Evidence } from './line-scores.ts';

/** A repair unit (statement or class member) that fault localization ranks as a likely home of the bug. */
export interface SuspiciousLocation {
  /** Project-relative path, forward slashes. */
  file: string;
  /** 1-based line the unit starts on. */
  line: number;
  /** The unit's span in the file's text: [start, end), leading comments and whitespace excluded. */
  start: number;
  end: number;
  /** In [0, 1]: the noisy-or of the evidence of the unit's most suspicious line. */
  score: number;
  evidence: Evidence;
}

/** Most suspicious first; ties by stack evidence, then by position so the order is stable. */
export function bySuspicion(a: SuspiciousLocation, b: SuspiciousLocation): number {
  return (
    b.score - a.score ||
    (b.evidence.frame ?? 0) - (a.evidence.frame ?? 0) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.start - b.start ||
    b.end - a.end
  );
}
