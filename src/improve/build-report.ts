import { hasHighPriority } from '../analysis/analyze.ts';
import { isGreen, type TestReport } from '../testing/report.ts';
import type { LoopState } from './loop-state.ts';
import type { ImprovementReport, RunStatus, SuiteSummary } from './report.ts';

export function summarizeSuite(report: TestReport): SuiteSummary {
  return {
    passed: report.totals.passed,
    failed: report.totals.failed,
    total: report.totals.tests,
    durationMs: report.wallMs,
    ...(report.error ? { error: `${report.error.kind}: ${report.error.message.split('\n', 1)[0]}` } : {}),
  };
}

/** The public report of a finished loop; `stopReason` must be set. */
export function buildReport(
  loop: LoopState,
  done: { now: number; artifactsDir: string; written: string[] },
): ImprovementReport {
  if (!loop.stopReason) throw new Error('buildReport needs a stopped loop');
  const { findings } = loop;
  const status: RunStatus =
    isGreen(loop.current) && !hasHighPriority(findings) ? 'green' : loop.accepted.length > 0 ? 'improved' : 'unchanged';
  return {
    version: 1,
    runId: loop.runId,
    status,
    stopReason: loop.stopReason,
    iterations: loop.iterations,
    baseline: summarizeSuite(loop.baseline),
    final: summarizeSuite(loop.current),
    findings: findings.map((f) => ({
      category: f.category,
      priority: f.priority,
      ...(f.location ? { file: f.location.file } : {}),
      ...(f.location?.line !== undefined ? { line: f.location.line } : {}),
      message: f.message,
    })),
    accepted: loop.accepted.map(({ suggestion: _, ...change }) => change),
    rejected: loop.rejected.map(({ suggestion: _, ...change }) => change),
    timings: { totalMs: done.now - loop.startedAt, testMs: loop.testMs, suggestMs: loop.suggestMs },
    tokensUsed: loop.tokensUsed,
    writeMode: loop.options.writeMode,
    written: done.written,
    artifactsDir: done.artifactsDir,
  };
}
