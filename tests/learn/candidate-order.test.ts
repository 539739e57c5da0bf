import { afterEach, describe, expect, it } from 'vitest';
import { learnedFor, resetLearned } from '../../src/api/learning.ts';
import { runImprovement } from '../../src/api/run-improvement.ts';
import { type Decision, projectKey } from '../../src/contract/history.ts';
import { storeDirOf } from '../../src/contract/options.ts';
import { projectLearning } from '../../src/learn/project-learning.ts';
import { PERSON_WEIGHT } from '../../src/loop/decision.ts';
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import { recordsFor } from '../../src/store/records.ts';
import { createRepairSuggester } from '../../src/suggest/repair/engine.ts';
import { BUILT_IN_PRIORS } from '../../src/suggest/repair/operators/registry.ts';
import { runTests } from '../../src/testing/run-tests.ts';
import { ONE_BUG, projectCopy } from '../cli/support/cli.ts';

// one-bug's `age > 18` is fixed by `>=` (relational-operator, the higher built-in prior, so the
// default) or by `age > 17` (off-by-one-literal): which one the engine finds first is its order.
const DEFAULT_FIX = 'relational-operator';
const OTHER_FIX = 'off-by-one-literal';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function decision(projectDir: string, outcome: Decision['outcome'], operator: string): Decision {
  const byPerson = outcome === 'approved' || outcome === 'declined';
  return {
    project: projectKey({ projectDir }),
    runId: 'earlier-run',
    at: new Date().toISOString(),
    outcome,
    weight: byPerson ? PERSON_WEIGHT : 1,
    source: 'repair',
    operator,
    category: 'failure',
    priority: 'high',
    area: 'src',
    ...(outcome === 'kept' || outcome === 'approved' ? {} : { reason: `${operator} was not what this project wanted` }),
  };
}

const recordsOf = (dir: string) => recordsFor(undefined, storeDirOf(dir));

/** The operator of the fix the repair engine finds first, with what the project's records taught (as the suggest step loads it). */
async function firstFixOperator(dir: string): Promise<string | undefined> {
  const { learned } = await projectLearning(recordsOf(dir), projectKey({ projectDir: dir }));
  const sandbox = await createLocalSandbox({ projectDir: dir });
  try {
    const report = await runTests(sandbox);
    const [best] = await createRepairSuggester().suggest({ sandbox, report, findings: [], rejected: [], learned });
    return best?.operator;
  } finally {
    await sandbox.destroy();
  }
}

describe('learning from decisions changes the repair order', () => {
  it('an operator kept before comes first, one declined comes later, and a reset restores the default order', async () => {
    const dir = await projectCopy(ONE_BUG);
    expect(await firstFixOperator(dir)).toBe(DEFAULT_FIX);

    await recordsOf(dir).saveDecision(decision(dir, 'kept', OTHER_FIX));
    expect(await firstFixOperator(dir)).toBe(OTHER_FIX);

    expect(await resetLearned(dir)).toBe(1);
    expect(await firstFixOperator(dir)).toBe(DEFAULT_FIX);

    await recordsOf(dir).saveDecision(decision(dir, 'declined', DEFAULT_FIX));
    expect(await firstFixOperator(dir)).toBe(OTHER_FIX);

    expect(await resetLearned(dir)).toBe(1);
    expect(await learnedFor(dir)).toEqual({ project: dir, decisions: 0, lines: [], priors: BUILT_IN_PRIORS });
  }, 120_000);

  it("a person's answer moves a prior more than a test run's", async () => {
    const [byTests, byPerson] = [await projectCopy(ONE_BUG), await projectCopy(ONE_BUG)];
    await recordsOf(byTests).saveDecision(decision(byTests, 'reverted', DEFAULT_FIX));
    await recordsOf(byPerson).saveDecision(decision(byPerson, 'declined', DEFAULT_FIX));
    const builtIn = BUILT_IN_PRIORS[DEFAULT_FIX]!;
    const afterTests = (await learnedFor(byTests)).priors[DEFAULT_FIX]!;
    const afterPerson = (await learnedFor(byPerson)).priors[DEFAULT_FIX]!;
    expect(afterTests).toBeLessThan(builtIn);
    expect(afterPerson).toBeLessThan(afterTests);

    await recordsOf(byTests).saveDecision(decision(byTests, 'kept', OTHER_FIX));
    await recordsOf(byPerson).saveDecision(decision(byPerson, 'approved', OTHER_FIX));
    expect((await learnedFor(byPerson)).priors[OTHER_FIX]!).toBeGreaterThan((await learnedFor(byTests)).priors[OTHER_FIX]!);
    const { lines } = await learnedFor(byPerson);
    expect(lines).toContain(
      `rejected before: a failure change in src (repair) was declined by a person: ${DEFAULT_FIX} was not what this project wanted`,
    );
    expect(lines.some((line) => line.startsWith(`repair operator ${OTHER_FIX}: prior 0.90 -> `))).toBe(true);
  });

  it("a run's suggest step reads the project's decisions: the fix it keeps is the one learned", async () => {
    const dir = await projectCopy(ONE_BUG);
    await recordsOf(dir).saveDecision(decision(dir, 'kept', OTHER_FIX));
    const outcome = await runImprovement(
      { projectDir: dir, sandbox: 'local', suggester: 'repair', testRetries: 0 },
      { storeDir: storeDirOf(dir) },
    );
    expect(outcome.status).toBe('done');
    const [run] = await recordsOf(dir).runs(dir);
    expect(run?.changes.keptBy.operator).toEqual({ [OTHER_FIX]: 1 });
  }, 120_000);
});
