import { type Finding, PRIORITY_RANK } from '../contract/finding.ts';

/**
 * A finding's kind: its id without its location. Lines move when code above them changes, so a
 * finding is followed across a change by kind (rule and file), not by line.
 */
export function findingKind(finding: Finding): string {
  const { id, location } = finding;
  if (location?.line === undefined) return id;
  for (const suffix of [`:${location.line}:${location.column}`, `:${location.line}`]) {
    if (id.endsWith(suffix)) return id.slice(0, -suffix.length);
  }
  return id;
}

/** What a change did to the findings of its code. */
export interface Resolution {
  /** Fewer findings of the target's kind are left than there were. */
  resolved: boolean;
  /** New findings (ids not seen before) of kinds that grew in number: what the change brought in. */
  introduced: Finding[];
}

/**
 * Compares the findings before a change with those of the changed code. Only kinds the analysis
 * after the change reports on can grow, so `after` may come from a subset of the analyzers.
 */
export function resolutionOf(target: Finding, before: readonly Finding[], after: readonly Finding[]): Resolution {
  const was = countByKind(before);
  const now = countByKind(after);
  const kind = findingKind(target);
  const grown = new Set([...now].filter(([k, n]) => n > (was.get(k) ?? 0)).map(([k]) => k));
  const known = new Set(before.map((finding) => finding.id));
  return {
    resolved: (now.get(kind) ?? 0) < (was.get(kind) ?? 0),
    introduced: after.filter((finding) => grown.has(findingKind(finding)) && !known.has(finding.id)),
  };
}

/** The introduced findings at least as urgent as the target: those make a change no improvement. */
export function worseOrEqual(target: Finding, introduced: readonly Finding[]): Finding[] {
  return introduced.filter((finding) => PRIORITY_RANK[finding.priority] <= PRIORITY_RANK[target.priority]);
}

function countByKind(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(findingKind(finding), (counts.get(findingKind(finding)) ?? 0) + 1);
  return counts;
}
