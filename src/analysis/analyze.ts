import { type Finding, PRIORITY_RANK } from '../contract/finding.ts';
import type { AnalysisContext, Analyzer, SourceContext } from './analyzer.ts';
import { errorHandlingAnalyzer } from './error-handling.ts';
import { failuresAnalyzer } from './failures.ts';
import { performanceAnalyzer } from './performance.ts';
import { qualityAnalyzer } from './quality.ts';

/** Analyzers that read only the code: no test run of their own, results reused for the same sources. */
export const SOURCE_ANALYZERS: readonly Analyzer[] = [errorHandlingAnalyzer, qualityAnalyzer];

/** Failing tests, slow tests (profiled when they stand out), error handling, code quality. */
export const DEFAULT_ANALYZERS: readonly Analyzer[] = [failuresAnalyzer, performanceAnalyzer, ...SOURCE_ANALYZERS];

/** Runs every analyzer on the same report and merges their findings with `rankFindings`. */
export async function analyze(context: AnalysisContext, analyzers: readonly Analyzer[] = DEFAULT_ANALYZERS): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const analyzer of analyzers) found.push(...(await analyzer.analyze(context)));
  return rankFindings(found);
}

/**
 * Does the analyzers' report-independent work on the sandbox's code ahead of `analyze`, e.g. while
 * the tests run. Never fails: what could not be prepared is done, and reported, by `analyze`.
 */
export async function prepareAnalysis(context: SourceContext, analyzers: readonly Analyzer[] = DEFAULT_ANALYZERS): Promise<void> {
  for (const analyzer of analyzers) await analyzer.prepare?.(context).catch(() => undefined);
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

function compareFindings(a: Finding, b: Finding): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    b.tests.length - a.tests.length ||
    (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    a.id.localeCompare(b.id)
  );
}
