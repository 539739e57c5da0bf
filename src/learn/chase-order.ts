import { type Finding, PRIORITY_RANK } from '../contract/finding.ts';
import { areaOf, type Learned, preferenceOf } from './learned.ts';

/** How much the project's decisions favour a finding: its category's preference times its area's. */
function preferenceFor(finding: Finding, learned: Learned): number {
  const area = finding.location ? preferenceOf(learned.areas, areaOf(finding.location.file)) : 1;
  return preferenceOf(learned.categories, finding.category) * area;
}

/**
 * The order findings are chased in: by priority first, always (a lower priority never goes before
 * a higher one), then the categories and areas where the project kept changes before; equal
 * preferences keep the ranked order (`rankFindings`).
 */
export function chaseOrder(findings: readonly Finding[], learned: Learned): Finding[] {
  const ranked = findings.map((finding, index) => ({ finding, index, preference: preferenceFor(finding, learned) }));
  ranked.sort(
    (a, b) => PRIORITY_RANK[a.finding.priority] - PRIORITY_RANK[b.finding.priority] || b.preference - a.preference || a.index - b.index,
  );
  return ranked.map((entry) => entry.finding);
}
