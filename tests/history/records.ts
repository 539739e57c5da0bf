import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectKey, type RunRecord } from '../../src/contract/history.ts';
import { storeDirOf } from '../../src/contract/options.ts';
import type { ImprovementReport } from '../../src/contract/report.ts';
import { recordsFor } from '../../src/store/records.ts';

/** Three runs of a project as the history records them: red with flaky tests, improved, then green with coverage. */
export function threeRuns(projectDir: string): RunRecord[] {
  const project = projectKey({ projectDir });
  const suite = (passed: number, failed: number, flaky: number, durationMs: number, coverage?: [number, number]) => ({
    total: passed + failed + 1,
    passed,
    failed,
    flaky,
    skipped: 1,
    durationMs,
    ...(coverage && { lineCoverage: coverage[0], branchCoverage: coverage[1] }),
  });
  const none = { source: {}, category: {}, operator: {} };
  return [
    {
      version: 1,
      runId: 'a1b2c3d4-0000-4000-8000-000000000001',
      project,
      startedAt: '2026-11-28T09:00:00.000Z',
      finishedAt: '2026-11-28T09:02:10.000Z',
      status: 'unchanged',
      stopReason: 'exhausted',
      commit: '1111111111111111111111111111111111111111',
      baseline: suite(6, 3, 2, 4200),
      final: suite(6, 3, 2, 4100),
      findings: { high: 3, medium: 2, low: 1, byCategory: { failure: 3, 'error-handling': 2, performance: 1 } },
      changes: {
        kept: 0,
        rejected: 2,
        keptBy: none,
        rejectedBy: { source: { repair: 2 }, category: { failure: 2 }, operator: { 'flip-comparison': 2 } },
      },
      timeToFixMs: [],
      iterations: 2,
      totalMs: 130_000,
      tokensUsed: 0,
    },
    {
      version: 1,
      runId: 'a1b2c3d4-0000-4000-8000-000000000002',
      project,
      startedAt: '2026-11-29T10:00:00.000Z',
      finishedAt: '2026-11-29T10:03:00.000Z',
      status: 'improved',
      stopReason: 'patience',
      commit: '2222222222222222222222222222222222222222',
      baseline: suite(6, 3, 2, 4300),
      final: suite(8, 1, 1, 3900),
      findings: { high: 1, medium: 1, low: 1, byCategory: { failure: 1, 'error-handling': 1, performance: 1 } },
      changes: {
        kept: 2,
        rejected: 1,
        keptBy: { source: { repair: 2 }, category: { failure: 2 }, operator: { 'off-by-one': 2 } },
        rejectedBy: { source: { llm: 1 }, category: { 'error-handling': 1 }, operator: {} },
      },
      timeToFixMs: [40_000, 95_000],
      iterations: 3,
      totalMs: 180_000,
      tokensUsed: 5400,
    },
    {
      version: 1,
      runId: 'a1b2c3d4-0000-4000-8000-000000000003',
      project,
      startedAt: '2026-11-30T11:00:00.000Z',
      finishedAt: '2026-11-30T11:01:30.000Z',
      status: 'green',
      stopReason: 'green',
      baseline: suite(8, 1, 1, 3800, [71.5, 60]),
      final: suite(9, 0, 0, 3500, [78.25, 66.5]),
      findings: { high: 0, medium: 0, low: 1, byCategory: { performance: 1 } },
      changes: {
        kept: 1,
        rejected: 0,
        keptBy: { source: { repair: 1 }, category: { failure: 1 }, operator: { 'swap-operands': 1 } },
        rejectedBy: none,
      },
      timeToFixMs: [30_000],
      iterations: 1,
      totalMs: 90_000,
      tokensUsed: 0,
    },
  ];
}

/** The latest run's report.json: a kept change and a reverted one, their diffs full of markup characters. */
export function latestReport(projectDir: string, run: RunRecord): ImprovementReport {
  const change = {
    iteration: 1,
    source: 'repair',
    file: 'src/range.ts',
    files: ['src/range.ts'],
    category: 'failure' as const,
    priority: 'high' as const,
  };
  return {
    version: 1,
    runId: run.runId,
    status: run.status,
    stopReason: run.stopReason,
    iterations: run.iterations,
    baseline: { passed: run.baseline.passed, failed: run.baseline.failed, total: run.baseline.total, durationMs: run.baseline.durationMs },
    final: { passed: run.final.passed, failed: run.final.failed, total: run.final.total, durationMs: run.final.durationMs },
    findings: [{ category: 'performance', priority: 'low', file: 'test/range.test.ts', message: 'slow test: range of 1e6 <takes 2 s>' }],
    accepted: [
      {
        ...change,
        suggestionId: 's1',
        diff: '--- a/src/range.ts\n+++ b/src/range.ts\n@@ -1,3 +1,3 @@\n export function inRange(n, lo, hi) {\n-  return n > lo && n < hi;\n+  return n >= lo && n <= hi;\n }',
        rationale: 'the bounds are inclusive: <lo> & <hi> belong to the range',
        fixed: ['test/range.test.ts > inRange > includes the bounds'],
        effect: 'fixed 1 failing test',
        keptAfterMs: 30_000,
      },
    ],
    rejected: [
      {
        ...change,
        suggestionId: 's0',
        diff: '--- a/src/range.ts\n+++ b/src/range.ts\n@@ -2 +2 @@\n-  return n > lo && n < hi;\n+  return n > lo || n < hi;\n',
        rationale: 'swap && for ||',
        stage: 'reverted',
        reason: '2 tests failed that passed before: <script>alert(1)</script>',
      },
    ],
    timings: { totalMs: run.totalMs, testMs: 20_000, suggestMs: 1_000 },
    tokensUsed: run.tokensUsed,
    writeMode: 'dry-run',
    written: [],
    artifactsDir: path.join(projectDir, '.improve', 'runs', run.runId),
  };
}

/** A project directory whose store holds `threeRuns`, and the latest run's report.json in its artifacts. */
export async function projectWithHistory(projectDir: string): Promise<RunRecord[]> {
  const runs = threeRuns(projectDir);
  const records = recordsFor(undefined, storeDirOf(projectDir));
  for (const run of runs) await records.saveRun(run);
  const report = latestReport(projectDir, runs.at(-1)!);
  await mkdir(report.artifactsDir, { recursive: true });
  await writeFile(path.join(report.artifactsDir, 'report.json'), JSON.stringify(report));
  return runs;
}
