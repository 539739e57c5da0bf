import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import { RunRecordSchema } from '../../src/contract/history.ts';
import { storeDirOf } from '../../src/contract/options.ts';
import type { ImprovementReport } from '../../src/contract/report.ts';
import { recordsFor } from '../../src/store/records.ts';
import { ONE_BUG, projectCopy } from '../cli/support/cli.ts';
import { commitProject, git } from '../support/git-repository.ts';

async function improveOnce(projectDir: string): Promise<ImprovementReport> {
  const outcome = await runImprovement(
    { projectDir, sandbox: 'local', suggester: 'repair', testRetries: 0 },
    { storeDir: storeDirOf(projectDir) },
  );
  if (outcome.status !== 'done') throw new Error(`run ${outcome.status}`);
  return outcome.report;
}

describe('the history of a project', () => {
  it('holds every run in order with its figures, and every decision about a change', async () => {
    const dir = await projectCopy(ONE_BUG);
    commitProject(dir);
    const first = await improveOnce(dir);

    // Between the runs the project changes: a second fault, committed.
    const source = path.join(dir, 'src/age.ts');
    await writeFile(source, (await readFile(source, 'utf8')).replace('age >= 65', 'age > 70'));
    git(dir, ['commit', '-q', '-am', 'seniors after 70']);
    const second = await improveOnce(dir);

    const records = recordsFor(undefined, storeDirOf(dir));
    const runs = await records.runs(dir);
    expect(runs.map((run) => run.runId)).toEqual([first.runId, second.runId]);
    for (const run of runs) expect(RunRecordSchema.safeParse(run).success).toBe(true);
    expect((await records.runs(dir, { limit: 1 })).map((run) => run.runId)).toEqual([second.runId]);

    for (const [run, report] of [
      [runs[0]!, first],
      [runs[1]!, second],
    ] as const) {
      expect(run).toMatchObject({
        status: report.status,
        stopReason: report.stopReason,
        iterations: report.iterations,
        tokensUsed: 0,
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        baseline: { total: report.baseline.total, passed: report.baseline.passed, failed: report.baseline.failed, flaky: 0, skipped: 0 },
        final: { total: report.final.total, passed: report.final.passed, failed: report.final.failed },
        changes: { kept: report.accepted.length, rejected: report.rejected.length },
      });
      expect(run.changes.keptBy.source).toEqual({ repair: report.accepted.length });
      expect(Object.values(run.changes.keptBy.operator).reduce((a, b) => a + b, 0)).toBe(report.accepted.length);
      expect(run.timeToFixMs).toHaveLength(report.accepted.length);
      expect(run.timeToFixMs.every((ms) => ms > 0 && ms <= run.totalMs)).toBe(true);
      expect(Date.parse(run.finishedAt)).toBeGreaterThan(Date.parse(run.startedAt));
    }
    expect(runs[0]!.baseline.failed).toBe(1);
    expect(runs[1]!.baseline.failed).toBe(2);
    expect(runs[1]!.commit).toBe(git(dir, ['rev-parse', 'HEAD']));
    expect(runs[0]!.commit).not.toBe(runs[1]!.commit);

    // Each run's artifacts hold an HTML report charting the runs so far.
    const html = await readFile(path.join(second.artifactsDir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    for (const report of [first, second]) expect(html).toContain(report.runId);
    expect(await readFile(path.join(first.artifactsDir, 'report.html'), 'utf8')).not.toContain(second.runId);

    // One decision per change the loops tried, with what learning reads.
    const decisions = await records.decisions(dir);
    const kept = decisions.filter((d) => d.outcome === 'kept');
    expect(kept).toHaveLength(first.accepted.length + second.accepted.length);
    expect(decisions).toHaveLength(kept.length + first.rejected.length + second.rejected.length);
    for (const decision of kept) {
      expect(decision).toMatchObject({ project: dir, source: 'repair', category: 'failure', weight: 1, area: 'src' });
      expect(decision.operator).toEqual(expect.any(String));
      expect(decision.findingKind).toMatch(/^failure/);
    }
  }, 240_000);
});
