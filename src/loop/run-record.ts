import { projectKey, type RunRecord, type SuiteMetrics } from '../contract/history.ts';
import type { ImprovementReport } from '../contract/report.ts';
import type { TestReport } from '../testing/report.ts';
import type { LoopState } from './loop-state.ts';
import type { TriedChanges } from './stored.ts';

function suiteMetrics(report: TestReport): SuiteMetrics {
  const { tests, passed, failed, flaky, skipped } = report.totals;
  return { total: tests, passed, failed, flaky, skipped, durationMs: report.wallMs };
}

/** How many of each, by the key `keyOf` gives (none for undefined). */
function tally<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

type TriedChange = TriedChanges['accepted'][number] | TriedChanges['rejected'][number];

const byWhat = (changes: readonly TriedChange[]) => ({
  source: tally(changes, (c) => c.source),
  category: tally(changes, (c) => c.category),
  operator: tally(changes, (c) => c.suggestion.operator),
});

/** A finished run's figures for the history: the suites before and after, findings left, changes, timings. */
export function buildRunRecord(
  loop: LoopState,
  report: ImprovementReport,
  run: { baseline: TestReport; final: TestReport; tried: TriedChanges; commit?: string; finishedAt: number },
): RunRecord {
  const { findings } = report;
  return {
    version: 1,
    runId: report.runId,
    project: projectKey(loop.options),
    startedAt: new Date(loop.startedAt).toISOString(),
    finishedAt: new Date(run.finishedAt).toISOString(),
    status: report.status,
    stopReason: report.stopReason,
    ...(run.commit ? { commit: run.commit } : {}),
    baseline: suiteMetrics(run.baseline),
    final: suiteMetrics(run.final),
    findings: {
      high: findings.filter((f) => f.priority === 'high').length,
      medium: findings.filter((f) => f.priority === 'medium').length,
      low: findings.filter((f) => f.priority === 'low').length,
      byCategory: tally(findings, (f) => f.category),
    },
    changes: {
      kept: run.tried.accepted.length,
      rejected: run.tried.rejected.length,
      keptBy: byWhat(run.tried.accepted),
      rejectedBy: byWhat(run.tried.rejected),
    },
    timeToFixMs: run.tried.accepted.flatMap((c) => (c.keptAfterMs !== undefined ? [c.keptAfterMs] : [])),
    iterations: report.iterations,
    totalMs: report.timings.totalMs,
    tokensUsed: report.tokensUsed,
  };
}
