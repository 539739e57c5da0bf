import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { REPO, tempCopy, treeHash } from './support/projects.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const cleanups: (() => void)[] = [() => rmSync(storeDir, { recursive: true, force: true })];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

// A change that changes nothing: it can only look like a fix when the tests change under it.
registerSuggester('meaningless', {
  factory: () =>
    createScriptedSuggester(
      [{ edits: [{ file: 'src/double.ts', search: 'return x * 2;', replace: 'return 2 * x;' }], rationale: 'reorder' }],
      'meaningless',
    ),
});

describe('every run starts from the original tests', () => {
  it('puts back a test file the suite rewrote, so a meaningless change is not kept, and says the suite rewrites itself', async () => {
    const copy = tempCopy(path.join(REPO, 'tests/fixtures/projects/rewrites-test-files'));
    cleanups.push(copy.remove);
    const before = treeHash(copy.dir);
    const outcome = await runImprovement(
      { projectDir: copy.dir, sandbox: 'local', suggester: 'meaningless', writeMode: 'write', testRetries: 0 },
      { storeDir },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    const { report } = outcome;
    expect(report).toMatchObject({ status: 'unchanged', accepted: [], written: [], final: { failed: 1 } });
    expect(report.rejected).toEqual([expect.objectContaining({ stage: 'reverted', suggestionId: 'meaningless-1' })]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        priority: 'high',
        message: expect.stringContaining('the suite changes its own test files while it runs (tests/double.test.ts)'),
      }),
    );
    expect(treeHash(copy.dir)).toBe(before);
  }, 300_000);
});

registerSuggester('halving', {
  factory: () =>
    createScriptedSuggester([{ edits: [{ file: 'src/half.ts', search: 'x / 3', replace: 'x / 2' }], rationale: 'halve' }], 'halving'),
});

describe('confirming the final state on a fresh copy', () => {
  it('gives the confirming run time of its own when the budget is spent, and keeps the fix it confirms', async () => {
    const copy = tempCopy(path.join(REPO, 'tests/fixtures/projects/slow-confirm'));
    cleanups.push(copy.remove);
    // The budget is spent by the time the fix is kept: the confirming run (22 s on the fresh copy)
    // would get only what is left of it.
    const outcome = await runImprovement(
      { projectDir: copy.dir, sandbox: 'local', suggester: 'halving', testRetries: 0, timeBudgetSeconds: 20 },
      { storeDir },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({ status: 'green', stopReason: 'green', rejected: [], final: { passed: 1, failed: 0 } });
    expect(outcome.report.accepted).toHaveLength(1);
    expect(outcome.report.final.durationMs).toBeGreaterThan(20_000);
  }, 300_000);

  it('reverts a change that only looked like a fix because a test rewrote the expectation of another, and writes nothing', async () => {
    const copy = tempCopy(path.join(REPO, 'tests/fixtures/projects/rewrites-tests'));
    cleanups.push(copy.remove);
    const before = treeHash(copy.dir);
    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: copy.dir, sandbox: 'local', suggester: 'meaningless', writeMode: 'write', testRetries: 0 },
      {
        storeDir,
        onEvent: (event) => {
          events.push(event);
        },
      },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    const { report } = outcome;
    // In the loop's sandbox the change seemed to fix the test, and the loop stopped as green.
    expect(events.some((e) => e.type === 'patch-kept')).toBe(true);
    // On a fresh copy it does not hold: reverted, reported, not written.
    const phases = events.flatMap((e) => (e.type === 'test-run' ? [e.phase] : []));
    expect(phases).toEqual(['baseline', 'retest', 'confirm']);
    expect(report).toMatchObject({ status: 'unchanged', stopReason: 'unconfirmed', accepted: [], written: [] });
    expect(report.final).toMatchObject({ failed: 1 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ stage: 'reverted', reason: expect.stringContaining('did not hold on a fresh copy of the original tests') }),
    ]);
    expect(treeHash(copy.dir)).toBe(before);
  }, 300_000);
});
