import type { Finding } from '../contract/finding.ts';
import type { ImprovementReport, ReportFinding, RunStatus } from '../contract/report.ts';
import type { LoopState } from './loop-state.ts';
import type { TriedChanges } from './stored.ts';
import type { Unaddressed } from './unaddressed.ts';

export function toReportFinding(finding: Finding): ReportFinding {
  return {
    category: finding.category,
    priority: finding.priority,
    ...(finding.location ? { file: finding.location.file } : {}),
    ...(finding.location?.line !== undefined ? { line: finding.location.line } : {}),
    message: finding.message,
  };
}

/** `green` exactly when the green stop rule ended the run (see `isGreen`), so status and stop reason agree. */
export function runStatus(loop: Pick<LoopState, 'stopReason' | 'tried'>): RunStatus {
  if (loop.stopReason === 'green') return 'green';
  return loop.tried.kept > 0 ? 'improved' : 'unchanged';
}

/** The public report of a finished loop (`stopReason` must be set), with its findings and tried changes loaded. */
export function buildImprovementReport(
  loop: LoopState,
  { findings, tried }: { findings: readonly Finding[]; tried: TriedChanges },
  done: { now: number; artifactsDir: string; written: string[]; writeError?: string; unaddressed?: Unaddressed },
): ImprovementReport {
  if (!loop.stopReason) throw new Error('buildImprovementReport needs a stopped loop');
  return {
    version: 1,
    runId: loop.runId,
    status: runStatus(loop),
    stopReason: loop.stopReason,
    iterations: loop.iterations,
    baseline: loop.baseline.suite,
    final: loop.current.suite,
    findings: findings.map(toReportFinding),
    ...(done.unaddressed ? { unaddressed: done.unaddressed } : {}),
    accepted: tried.accepted.map(({ suggestion: _, ...change }) => change),
    rejected: tried.rejected.map(({ suggestion: _, ...change }) => change),
    timings: { totalMs: done.now - loop.startedAt, testMs: loop.testMs, suggestMs: loop.suggestMs },
    tokensUsed: loop.tokensUsed,
    writeMode: loop.options.writeMode,
    written: done.written,
    ...(done.writeError !== undefined ? { writeError: done.writeError } : {}),
    artifactsDir: done.artifactsDir,
  };
}
