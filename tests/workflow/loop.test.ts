import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { cycleShape, LOOPED } from './support/cycles.ts';
import { BUGGY, BUGGY_FIXES, fixChanges, TEST_EDIT_CHANGE, tempCopy, treeHash, WRONG_CHANGE } from './support/projects.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const cleanups: (() => void)[] = [() => rmSync(storeDir, { recursive: true, force: true })];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** Event types in order, with runs of the same type (per-file test progress) collapsed to one. */
function loopSequence(events: ImprovementEvent[]): string[] {
  const types = events.filter((e) => !e.type.startsWith('step-') && !e.type.startsWith('run-')).map((e) => e.type);
  return types.filter((t, i) => t !== types[i - 1]);
}

describe('the improvement loop on examples/buggy (real sandbox, real vitest)', () => {
  it('reverts a wrong change, refuses a test edit, keeps the real fixes, ends green; the project is untouched', async () => {
    registerSuggester('scripted-loop', {
      factory: () => createScriptedSuggester([WRONG_CHANGE, TEST_EDIT_CHANGE, ...fixChanges], 'scripted-loop'),
    });
    const before = treeHash(BUGGY);
    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: BUGGY, sandbox: 'local', suggester: 'scripted-loop' },
      { storeDir, onEvent: (e) => void events.push(e) },
    );
    if (outcome.status !== 'done') throw new Error(`run did not finish: ${JSON.stringify(outcome)}`);
    const { report } = outcome;
    cleanups.push(() => rmSync(report.artifactsDir, { recursive: true, force: true }));

    expect(treeHash(BUGGY)).toBe(before);

    const fixed = ['test-progress', 'test-run'];
    const tried = ['iteration-start', 'findings', 'budget', 'suggestion'];
    const kept = [...tried, 'patch-applied', ...fixed, 'patch-kept', 'iteration-end'];
    expect(loopSequence(events)).toEqual([
      ...fixed,
      ...tried,
      'patch-applied',
      ...fixed,
      'patch-reverted',
      'iteration-end',
      ...tried,
      'patch-rejected',
      'iteration-end',
      ...kept,
      ...kept,
      ...kept,
      // The confirming run on a fresh copy.
      ...fixed,
      'summary',
    ]);
    expect(events[0]).toMatchObject({ v: 1, type: 'run-start', workflowId: 'improve', runId: outcome.runId });
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', status: 'success', result: report });
    expect(events.every((e) => e.v === 1 && e.runId === outcome.runId)).toBe(true);
    // Five cycles of five steps for five iterations: the loop ends with the cycle that turned it green.
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1, 2, 3, 4, 5], stepsPerCycle: [5, 5, 5, 5, 5] });
    expect(events.find((e) => e.type === 'step-start' && e.stepId === 'loop.cycle.apply')).toMatchObject({
      path: ['loop', 'cycle', 'apply'],
    });
    const reverted = events.find((e) => e.type === 'patch-reverted');
    expect(reverted).toMatchObject({ iteration: 1, suggestionId: 'scripted-loop-1', fixed: [] });
    expect(reverted?.type === 'patch-reverted' && reverted.broken.length).toBeGreaterThan(0);
    const progress = events.filter((e) => e.type === 'test-progress' && e.phase === 'baseline');
    expect(progress.map((e) => e.type === 'test-progress' && e.file).sort()).toEqual([
      'tests/cart.test.ts',
      'tests/orders.test.ts',
      'tests/paginate.test.ts',
    ]);

    expect(ImprovementReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      status: 'green',
      stopReason: 'green',
      iterations: 5,
      baseline: { passed: 18, failed: 5, total: 23 },
      final: { passed: 23, failed: 0, total: 23 },
      findings: [],
      writeMode: 'dry-run',
      written: [],
    });
    expect(report.accepted.map((c) => ({ file: c.file, fixed: c.fixed, rationale: c.rationale }))).toEqual(
      BUGGY_FIXES.map((f) => ({ file: f.file, fixed: [...f.fixesTests].sort(), rationale: f.kind })),
    );
    for (const change of report.accepted) expect(change.diff).toMatch(new RegExp(`^--- a/${change.file}\n\\+\\+\\+ b/${change.file}\n@@ `));
    expect(report.rejected.map((c) => [c.suggestionId, c.stage, c.file])).toEqual([
      ['scripted-loop-1', 'reverted', 'src/cart.ts'],
      ['scripted-loop-2', 'refused', 'tests/paginate.test.ts'],
    ]);
    expect(report.rejected[0]?.reason).toMatch(/^broke \d+ passing tests?: tests\/cart\.test\.ts > /);
    expect(report.rejected[1]?.reason).toBe('edits to tests or test configuration are not allowed: tests/paginate.test.ts');
    expect(report.timings.testMs).toBeGreaterThan(0);
    expect(report.timings.totalMs).toBeGreaterThanOrEqual(report.timings.testMs);

    // The artifacts: the report as returned, a patch that turns the project into the fixed one, a summary.
    expect(report.artifactsDir).toBe(path.join(BUGGY, '.improve/runs', outcome.runId));
    expect(JSON.parse(readFileSync(path.join(report.artifactsDir, 'report.json'), 'utf8'))).toEqual(report);
    const copy = tempCopy(BUGGY);
    cleanups.push(copy.remove);
    execFileSync('git', ['apply', path.join(report.artifactsDir, 'improvements.patch')], { cwd: copy.dir });
    for (const fix of BUGGY_FIXES) {
      const text = readFileSync(path.join(copy.dir, fix.file), 'utf8');
      expect(text).toContain(fix.replace);
      expect(text).not.toContain(fix.search);
    }
    const summary = readFileSync(path.join(report.artifactsDir, 'summary.md'), 'utf8');
    expect(summary).toContain('Status: **green** (stopped: green, after 5 iterations)');
    expect(summary).toContain('Dry run: the project was not modified');
  }, 300_000);
});
