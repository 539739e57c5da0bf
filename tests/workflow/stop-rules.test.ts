import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createImproveMastra } from '../../src/api/improve-mastra.ts';
import { runImprovement } from '../../src/api/run-improvement.ts';
import { errorCategory, ImproveOptionsError } from '../../src/contract/errors.ts';
import type { ImproveOptionsInput } from '../../src/contract/options.ts';
import { toImprovementEvents } from '../../src/events/from-chunks.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createRepairSuggester } from '../../src/suggest/repair/engine.ts';
import { createScriptedSuggester, type ScriptedChange } from '../../src/suggest/scripted.ts';
import type { Suggester } from '../../src/suggest/suggester.ts';
import { cycleShape, LOOPED, NOT_LOOPED } from './support/cycles.ts';
import { BUGGY, fixChanges, GREEN, tempCopy, WRONG_CHANGE } from './support/projects.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const buggy = tempCopy(BUGGY);
const green = tempCopy(GREEN);
afterAll(() => {
  rmSync(storeDir, { recursive: true, force: true });
  buggy.remove();
  green.remove();
});

registerSuggester('stop-none', { factory: () => createScriptedSuggester([], 'stop-none') });

/** Also wrong: oldest first breaks the order-history tests that passed. */
const WRONG_SORT: ScriptedChange = {
  edits: [
    {
      file: 'src/orders.ts',
      search: 'b.placedAt.getTime() - a.placedAt.getTime()',
      replace: 'a.placedAt.getTime() - b.placedAt.getTime()',
    },
  ],
  rationale: 'sort oldest first',
};

async function run(name: string, script: ScriptedChange[], options: Partial<ImproveOptionsInput> = {}) {
  registerSuggester(name, { factory: () => createScriptedSuggester(script, name) });
  const events: ImprovementEvent[] = [];
  const outcome = await runImprovement(
    { projectDir: buggy.dir, sandbox: 'local', suggester: name, testRetries: 0, ...options },
    { storeDir, onEvent: (e) => void events.push(e) },
  );
  if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
  return { report: outcome.report, events };
}

describe('stop rules, on real runs', () => {
  it('patience: stops after that many tries in a row that did not help', async () => {
    const { report, events } = await run('stop-patience', [WRONG_CHANGE, WRONG_SORT, ...fixChanges], { patience: 2 });
    expect(report).toMatchObject({ status: 'unchanged', stopReason: 'patience', iterations: 2, accepted: [] });
    expect(report.rejected.map((c) => c.stage)).toEqual(['reverted', 'reverted']);
    expect(events.filter((e) => e.type === 'suggestion')).toHaveLength(2);
    // The loop ends with the cycle that used up the patience: no empty cycle after it.
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1, 2], stepsPerCycle: [5, 5] });
  }, 300_000);

  it('maxIterations: stops at the cap even though work is left', async () => {
    const { report, events } = await run('stop-max', fixChanges, { maxIterations: 1 });
    expect(report).toMatchObject({ status: 'improved', stopReason: 'max-iterations', iterations: 1, final: { failed: 3 } });
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1], stepsPerCycle: [5] });
    expect(report.accepted).toHaveLength(1);
  }, 300_000);

  it('time budget: stops once the budget is spent, before asking for more changes', async () => {
    // A budget any baseline run outlasts, however fast the machine: spent before the first cycle.
    const { report, events } = await run('stop-time', fixChanges, { timeBudgetSeconds: 0.001 });
    expect(report).toMatchObject({ stopReason: 'time-budget', iterations: 0, status: 'unchanged' });
    expect(report.timings.totalMs).toBeGreaterThanOrEqual(report.timings.testMs);
    expect(events.some((e) => e.type === 'suggestion')).toBe(false);
    // Stopped by the analysis of the baseline: the loop is not entered at all.
    expect(cycleShape(events)).toEqual({ topLevel: NOT_LOOPED, iterations: [], stepsPerCycle: [] });
  }, 300_000);

  it('token budget: stops once a metered suggester has spent it', async () => {
    registerSuggester('stop-tokens', {
      factory: () => {
        const inner = createScriptedSuggester(fixChanges, 'stop-tokens');
        let tokensUsed = 0;
        const metered: Suggester = {
          name: 'stop-tokens',
          get tokensUsed() {
            return tokensUsed;
          },
          suggest: async (context) => {
            tokensUsed += 600;
            return inner.suggest(context);
          },
        };
        return metered;
      },
    });
    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: buggy.dir, sandbox: 'local', suggester: 'stop-tokens', testRetries: 0, tokenBudget: 1000 },
      { storeDir, onEvent: (e) => void events.push(e) },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({ stopReason: 'token-budget', iterations: 2, tokensUsed: 1200, status: 'improved' });
    expect(events.filter((e) => e.type === 'budget').map((e) => e.type === 'budget' && [e.tokensUsed, e.tokenBudget])).toEqual([
      [0, 1000],
      [600, 1000],
    ]);
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1, 2], stepsPerCycle: [5, 5] });
  }, 300_000);

  it('exhausted: stops when the suggester has nothing new', async () => {
    const { report, events } = await run('stop-exhausted', []);
    expect(report).toMatchObject({ stopReason: 'exhausted', iterations: 0, status: 'unchanged', baseline: { failed: 5 } });
    expect(events.filter((e) => e.type.startsWith('iteration-'))).toMatchObject([
      { type: 'iteration-start', iteration: 1 },
      { type: 'iteration-end', iteration: 1, outcome: 'exhausted' },
    ]);
    expect(report.findings).toHaveLength(5);
    // One cycle, the one whose suggest step found nothing new; its other steps pass it through.
    expect(cycleShape(events)).toEqual({ topLevel: LOOPED, iterations: [1], stepsPerCycle: [5] });
    expect(report.findings.every((f) => f.category === 'failure' && f.priority === 'high')).toBe(true);
  }, 300_000);

  it('not exhausted: a repair search cut short by its time goes on to the next try, bounded by patience', async () => {
    registerSuggester('stop-short-search', { factory: () => createRepairSuggester({ timeBudgetMs: 1 }) });
    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: buggy.dir, sandbox: 'local', suggester: 'stop-short-search', testRetries: 0, patience: 2 },
      { storeDir, onEvent: (e) => void events.push(e) },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({ stopReason: 'patience', iterations: 2, status: 'unchanged' });
    expect(events.filter((e) => e.type === 'iteration-end')).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: expect.stringContaining('the repair search ran out of time') }),
      expect.objectContaining({ outcome: 'rejected', reason: expect.stringContaining('the repair search ran out of time') }),
    ]);
  }, 300_000);

  it('green: a green project stops at once, without trying anything', async () => {
    registerSuggester('stop-green', { factory: () => createScriptedSuggester(fixChanges, 'stop-green') });
    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: green.dir, sandbox: 'local', suggester: 'stop-green' },
      { storeDir, onEvent: (e) => void events.push(e) },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(outcome.report).toMatchObject({ status: 'green', stopReason: 'green', iterations: 0, baseline: { failed: 0 } });
    expect(events.some((e) => e.type === 'iteration-start')).toBe(false);
    expect(cycleShape(events)).toEqual({ topLevel: NOT_LOOPED, iterations: [], stepsPerCycle: [] });
  }, 300_000);
});

describe('bad input', () => {
  it('rejects invalid options in one line before running anything', async () => {
    const error = await runImprovement({ projectDir: 'relative/dir', maxIterations: 0 }, { storeDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImproveOptionsError);
    expect((error as Error).message).toBe(
      'invalid options: projectDir: projectDir must be an absolute path; maxIterations: Too small: expected number to be >=1',
    );
  });

  it('refuses a missing project or an unknown suggester in one line, as an input error, before anything runs', async () => {
    const missing = path.join(storeDir, 'nope');
    const noProject = await runImprovement({ projectDir: missing, sandbox: 'local', suggester: 'stop-none' }, { storeDir }).catch(
      (e: unknown) => e,
    );
    expect(noProject).toMatchObject({ category: 'input', message: `project directory not found: ${missing}` });
    const events: ImprovementEvent[] = [];
    const noSuggester = await runImprovement(
      { projectDir: green.dir, sandbox: 'local', suggester: 'nosuch' },
      { storeDir, onEvent: (e) => void events.push(e) },
    ).catch((e: unknown) => e);
    expect(errorCategory(noSuggester)).toBe('input');
    expect((noSuggester as Error).message).toMatch(/^unknown suggester 'nosuch' \(registered: .*stop-none.*\)$/);
    expect(events).toEqual([]);
  });

  it('fails a workflow run started directly (as the Studio does) at its first step, with the same one-line reasons', async () => {
    const workflow = createImproveMastra({ storeDir, logger: false }).getWorkflow('improve');
    const cases = [
      [{ projectDir: path.join(storeDir, 'nope') }, `project directory not found: ${path.join(storeDir, 'nope')}`],
      [{ projectDir: green.dir, sandbox: 'local' as const, suggester: 'nosuch' }, /^unknown suggester 'nosuch' \(registered: .*\)$/],
    ] as const;
    for (const [inputData, message] of cases) {
      const run = await workflow.createRun();
      const events: ImprovementEvent[] = [];
      const output = run.stream({ inputData });
      for await (const event of toImprovementEvents(output.fullStream)) events.push(event);
      const result = await output.result;
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.error.message).toMatch(message);
      expect(events.filter((e) => e.type === 'step-start').map((e) => e.type === 'step-start' && e.stepId)).toEqual(['sandbox-test']);
      expect(events.some((e) => e.type === 'test-run')).toBe(false);
    }
  }, 120_000);
});
