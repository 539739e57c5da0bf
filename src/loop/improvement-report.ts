import { hasHighPriority } from '../analysis/analyze.ts';
import type { Finding } from '../analysis/finding.ts';
import type { ImprovementReport, ReportFinding, RunStatus, SuiteSummary } from '../contract/report.ts';
import { isGreen, type TestReport } from '../testing/report.ts';
import type { LoopState } from './loop-state.ts';

export function summarizeSuite(report: TestReport): SuiteSummary {
  return {
    passed: report.totals.passed,
    failed: report.totals.failed,
    total: report.totals.tests,
    durationMs: report.wallMs,
    ...(report.error ? { error: `${report.error.kind}: ${report.error.message.split('\n', 1)[0]}` } : {}),
  };
}

export function toReportFinding(finding: Finding): ReportFinding {
  return {
    category: finding.category,
    priority: finding.priority,
    ...(finding.location ? { file: finding.location.file } : {}),
    ...(finding.location?.line !== undefined ? { line: finding.location.line } : {}),
    message: finding.message,
  };
}

/** The public report of a finished loop; `stopReason` must be set. */
export function buildReport(
  loop: LoopState,
  done: { now: number; artifactsDir: string; written: string[]; writeError?: string },
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
    findings: findings.map(toReportFinding),
    accepted: loop.accepted.map(({ suggestion: _, ...change }) => change),
    rejected: loop.rejected.map(({ suggestion: _, ...change }) => change),
    timings: { totalMs: done.now - loop.startedAt, testMs: loop.testMs, suggestMs: loop.suggestMs },
    tokensUsed: loop.tokensUsed,
    writeMode: loop.options.writeMode,
    written: done.written,
    ...(done.writeError !== undefined ? { writeError: done.writeError } : {}),
    artifactsDir: done.artifactsDir,
  };
}
