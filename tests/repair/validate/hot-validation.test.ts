import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { ColdRunner } from '../../../src/suggest/repair/validate/cold.ts';
import { HotRunner } from '../../../src/suggest/repair/validate/hot.ts';
import {
  type Baseline,
  measureBaseline,
  type ValidationCandidate,
  validateCandidates,
} from '../../../src/suggest/repair/validate/validate.ts';
import { runTests } from '../../../src/testing/run-tests.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/stats', import.meta.url));
const FILE = 'src/stats.ts';
const ORIGINAL = readFileSync(`${FIXTURE}/${FILE}`, 'utf8');

/** A candidate that applies text replacements to the fixture's source. */
function candidate(id: string, ...replacements: [string, string][]): ValidationCandidate {
  let source = ORIGINAL;
  for (const [search, replace] of replacements) {
    if (!source.includes(search)) throw new Error(`fixture has no ${search}`);
    source = source.replace(search, replace);
  }
  return { id, files: { [FILE]: source } };
}

const FIX: [string, string] = ['value < best', 'value > best'];
const CANDIDATES = {
  correct: candidate('correct', FIX),
  // Fixes max but breaks sum, whose tests live in another file (found in the second phase).
  regressing: candidate('regressing', FIX, ['total += values[i]!', 'total -= values[i]!']),
  unrelated: candidate('unrelated', ['max of no values', 'no values to compare']),
  partial: candidate('partial', FIX, ['let best = values[0]!;', 'let best = 0;']),
  syntaxError: candidate('syntax-error', ['if (value < best) best', 'if (value < best best']),
  hangs: candidate('hangs', ['let best = values[0]!;', 'let best = values[0]!;\n  while (best === best) {}']),
  // Kills the validator worker process itself (tests run in its threads).
  killsWorker: candidate('kills-worker', [
    "throw new RangeError('max of no values');",
    "throw new RangeError('max of no values');\n  process.kill(process.pid, 'SIGKILL');",
  ]),
};

const far = () => Date.now() + 120_000;
const OPTIONS = { maxCandidates: 100, stopAfterPlausible: 100 };

describe('hot validation in a local sandbox', () => {
  let sandbox: Sandbox;
  let hot: HotRunner;
  let baseline: Baseline;

  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir: FIXTURE });
    hot = await HotRunner.start({ sandbox, batchSize: 4, perRunTimeoutMs: 2_000 });
    baseline = await measureBaseline(hot);
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
  });

  it('measures the unpatched suite: the failing tests and the files to run first', () => {
    expect(baseline.failing.sort()).toEqual([
      'tests/max.spec.ts > max > finds the largest value',
      'tests/max.spec.ts > max > handles negative values',
    ]);
    expect(baseline.failingFiles).toEqual(['tests/max.spec.ts']);
    expect(baseline.otherFiles).toEqual(['tests/sum.spec.ts']);
  });

  it('accepts a correct candidate and rejects one that breaks a passing test', async () => {
    const run = await validateCandidates(hot, baseline, [CANDIDATES.unrelated, CANDIDATES.regressing, CANDIDATES.correct], {
      ...OPTIONS,
      deadline: far(),
    });
    const verdicts = Object.fromEntries(run.results.map((r) => [r.id, r.verdict]));
    expect(verdicts.correct).toEqual({
      kind: 'plausible',
      fixed: baseline.failing.sort(),
      broke: [],
      stillFailing: [],
    });
    expect(verdicts.regressing?.kind).toBe('regression');
    expect(verdicts.regressing?.broke.sort()).toEqual([
      'tests/sum.spec.ts > mean > averages the values',
      'tests/sum.spec.ts > sum > adds the values',
    ]);
    expect(verdicts.unrelated?.kind).toBe('no-progress');
    // The project in the sandbox is left as it was.
    expect(await sandbox.readFile(FILE)).toBe(ORIGINAL);
  });

  it('times out a hanging candidate without losing the rest of its batch or later runs', async () => {
    const run = await validateCandidates(hot, baseline, [CANDIDATES.unrelated, CANDIDATES.hangs, CANDIDATES.correct, CANDIDATES.partial], {
      ...OPTIONS,
      deadline: far(),
    });
    const kinds = Object.fromEntries(run.results.map((r) => [r.id, r.verdict.kind]));
    expect(kinds).toEqual({ unrelated: 'no-progress', hangs: 'timeout', correct: 'plausible', partial: 'partial' });
    const again = await validateCandidates(hot, baseline, [CANDIDATES.correct], { ...OPTIONS, deadline: far() });
    expect(again.results[0]?.verdict.kind).toBe('plausible');
  });

  it('restarts a worker that dies under a candidate and goes on validating', async () => {
    const restartsBefore = hot.restarts;
    const run = await validateCandidates(hot, baseline, [CANDIDATES.killsWorker, CANDIDATES.correct], { ...OPTIONS, deadline: far() });
    const kinds = Object.fromEntries(run.results.map((r) => [r.id, r.verdict.kind]));
    expect(kinds['kills-worker']).toBe('timeout');
    expect(kinds.correct).toBe('plausible');
    expect(hot.restarts).toBeGreaterThan(restartsBefore);
  });

  it('stops at the budget: max candidates, first plausible, deadline', async () => {
    const all = [CANDIDATES.unrelated, CANDIDATES.correct, CANDIDATES.partial, CANDIDATES.regressing];
    const capped = await validateCandidates(hot, baseline, all, { ...OPTIONS, maxCandidates: 1, deadline: far() });
    expect(capped.results.map((r) => r.id)).toEqual(['unrelated']);
    expect(capped.stoppedBy).toBe('max-candidates');
    const first = await validateCandidates(hot, baseline, all, { ...OPTIONS, stopAfterPlausible: 1, deadline: far() });
    expect(first.stoppedBy).toBe('plausible');
    const late = await validateCandidates(hot, baseline, all, { ...OPTIONS, deadline: Date.now() - 1 });
    expect(late).toMatchObject({ results: [], stoppedBy: 'deadline' });
  });

  it('after a partial fix, looks only so much further for a complete one', async () => {
    // Batches of 4: the limit is checked between batches, so the fifth (complete) fix is never tried.
    const all = [CANDIDATES.unrelated, CANDIDATES.partial, CANDIDATES.regressing, CANDIDATES.syntaxError, CANDIDATES.correct];
    const run = await validateCandidates(hot, baseline, all, { ...OPTIONS, afterPartial: 1, deadline: far() });
    expect(run.stoppedBy).toBe('partial');
    expect(run.results.map((r) => r.id)).toEqual(['unrelated', 'partial', 'regressing', 'syntax-error']);
    expect(run.results[1]?.verdict.kind).toBe('partial');
    const unlimited = await validateCandidates(hot, baseline, all, { ...OPTIONS, deadline: far() });
    expect(unlimited.results.map((r) => r.id)).toContain('correct');
  });

  it('gives the same verdicts as a cold `vitest run` per candidate', async () => {
    const set = [CANDIDATES.correct, CANDIDATES.regressing, CANDIDATES.unrelated, CANDIDATES.partial, CANDIDATES.syntaxError];
    const hotRun = await validateCandidates(hot, baseline, set, { ...OPTIONS, deadline: far() });
    // Closing removes the worker's slot copies, which a plain `vitest run` would pick up as tests.
    await hot.close();
    const cold = new ColdRunner({ sandbox, perRunTimeoutMs: 60_000 }, await runTests(sandbox));
    const coldBaseline = await measureBaseline(cold);
    expect(coldBaseline.states).toEqual(baseline.states);
    const coldRun = await validateCandidates(cold, coldBaseline, set, { ...OPTIONS, deadline: far() });
    const normalize = (results: typeof hotRun.results) =>
      results.map(({ id, verdict }) => ({ id, ...verdict, fixed: verdict.fixed.sort(), broke: verdict.broke.sort() }));
    expect(normalize(hotRun.results)).toEqual(normalize(coldRun.results));
    expect(hotRun.results.find((r) => r.id === 'syntax-error')?.verdict.kind).toBe('regression');
  });
});
