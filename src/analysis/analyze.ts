import type { AnalysisContext, Analyzer } from './analyzer.ts';
import { failuresAnalyzer } from './failures.ts';
import { type Finding, PRIORITY_RANK } from './finding.ts';

export const DEFAULT_ANALYZERS: readonly Analyzer[] = [failuresAnalyzer];

/** Runs every analyzer on the same report and merges their findings with `rankFindings`. */
export async function analyze(context: AnalysisContext, analyzers: readonly Analyzer[] = DEFAULT_ANALYZERS): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const analyzer of analyzers) found.push(...(await analyzer.analyze(context)));
  return rankFindings(found);
}

/**
 * One finding per id (the first wins), most urgent first, then by how many tests show it, then by
 * location so the order is stable.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const finding of findings) if (!byId.has(finding.id)) byId.set(finding.id, finding);
  return [...byId.values()].sort(compareFindings);
}

export function hasHighPriority(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.priority === 'high');
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    b.tests.length - a.tests.length ||
    (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    a.id.localeCompare(b.id)
  );
}
