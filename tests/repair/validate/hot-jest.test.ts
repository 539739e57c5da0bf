import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { ColdRunner } from '../../../src/suggest/repair/validate/cold.ts';
import { HotRunner } from '../../../src/suggest/repair/validate/hot.ts';
import { runnerCommandOf } from '../../../src/suggest/repair/validate/runner-command.ts';
import {
  type Baseline,
  measureBaseline,
  type ValidationCandidate,
  validateCandidates,
} from '../../../src/suggest/repair/validate/validate.ts';
import type { TestReport } from '../../../src/testing/report.ts';
import { runTests } from '../../../src/testing/run-tests.ts';

const PROJECTS = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));

/** Candidates as text replacements in one source file of a fixture. */
function candidates(project: string, file: string) {
  const original = readFileSync(`${PROJECTS}${project}/${file}`, 'utf8');
  const candidate = (id: string, ...replacements: [string, string][]): ValidationCandidate => {
    let source = original;
    for (const [search, replace] of replacements) {
      if (!source.includes(search)) throw new Error(`${file} has no ${search}`);
      source = source.replace(search, replace);
    }
    return { id, files: { [file]: source } };
  };
  return { original, candidate };
}

const far = () => Date.now() + 120_000;
const OPTIONS = { maxCandidates: 100, stopAfterPlausible: 100 };
const kindsOf = (run: Awaited<ReturnType<typeof validateCandidates>>) =>
  Object.fromEntries(run.results.map((result) => [result.id, result.verdict.kind]));

describe('warm jest validation in a local sandbox', () => {
  const FILE = 'src/cart.js';
  const { original, candidate } = candidates('jest-cjs', FILE);
  // The fixture's four faults, and what its tests want instead.
  const FIXES: [string, string][] = [
    ['sum += item.price;', 'sum += item.price * item.quantity;'],
    ['cost: item.price }', 'cost: item.price * item.quantity }'],
    ['item.name.trim()', "(item.name ?? 'item').trim()"],
    ['amount - Math.floor(', 'amount - Math.ceil('],
  ];
  const CANDIDATES = {
    correct: candidate('correct', ...FIXES),
    partial: candidate('partial', FIXES[0]!),
    // Fixes totals but lets negative percentages through, tested in another file only (the second phase).
    regressing: candidate('regressing', FIXES[0]!, ['percent < 0 || percent > 100', 'percent > 100']),
    unrelated: candidate('unrelated', ['percent out of range', 'percent not in 0..100']),
    syntaxError: candidate('syntax-error', ['function label(item) {', 'function label(item {']),
    // A synchronous loop in band: nothing inside the test process can stop it.
    hangs: candidate('hangs', ['for (const item of items) {', 'for (const item of items) {\n    while (item) {}']),
  };

  let sandbox: Sandbox;
  let report: TestReport;
  let hot: HotRunner;
  let baseline: Baseline;

  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir: `${PROJECTS}jest-cjs` });
    report = await runTests(sandbox);
    hot = await HotRunner.start({ sandbox, runner: 'jest', perRunTimeoutMs: 15_000, stallMs: 4_000 });
    baseline = await measureBaseline(hot);
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
  });

  it('sees the unpatched suite as the report does: the same test ids and states, with the set-up file of its config', async () => {
    expect(report.error).toBeUndefined();
    expect(baseline.states).toEqual((await new ColdRunner({ sandbox }, report).unpatched()).states);
    expect(baseline.states).toMatchObject({
      'tests/cart.test.js > cart > total > counts the quantity of each item': 'failed',
      'tests/cart.test.js > cart > charges shipping': 'skipped',
      // toBeAmount comes from the config's setupFilesAfterEnv.
      'tests/discount.test.js > waits for the current rates': 'passed',
    });
    expect(baseline.failingFiles).toEqual(['tests/cart.test.js']);
    expect(baseline.otherFiles).toEqual(['tests/discount.test.js']);
  });

  it('accepts a correct candidate, rejects one that breaks a passing test or a test file, and leaves the project as it was', async () => {
    const set = [CANDIDATES.unrelated, CANDIDATES.regressing, CANDIDATES.partial, CANDIDATES.syntaxError, CANDIDATES.correct];
    const run = await validateCandidates(hot, baseline, set, { ...OPTIONS, deadline: far() });
    const verdicts = Object.fromEntries(run.results.map((result) => [result.id, result.verdict]));
    expect(verdicts.correct).toEqual({ kind: 'plausible', fixed: baseline.failing, broke: [], stillFailing: [] });
    expect(verdicts.regressing).toMatchObject({ kind: 'regression', broke: ['tests/discount.test.js > refuses a negative percentage'] });
    expect(verdicts.partial).toMatchObject({
      kind: 'partial',
      fixed: ['tests/cart.test.js > cart > total > counts the quantity of each item'],
    });
    expect(verdicts.unrelated?.kind).toBe('no-progress');
    expect(verdicts['syntax-error']?.kind).toBe('regression');
    expect(await sandbox.readFile(FILE)).toBe(original);
  });

  it('times out a hanging candidate, and the next runs in a fresh test process', async () => {
    const run = await validateCandidates(hot, baseline, [CANDIDATES.hangs, CANDIDATES.correct], { ...OPTIONS, deadline: far() });
    expect(kindsOf(run)).toEqual({ hangs: 'timeout', correct: 'plausible' });
    expect(hot.restarts).toBe(0);
    expect(await sandbox.readFile(FILE)).toBe(original);
  });

  it('gives the same verdicts as a cold `jest` run per candidate', async () => {
    const set = [CANDIDATES.correct, CANDIDATES.regressing, CANDIDATES.unrelated, CANDIDATES.partial, CANDIDATES.syntaxError];
    const hotRun = await validateCandidates(hot, baseline, set, { ...OPTIONS, deadline: far() });
    const cold = new ColdRunner({ sandbox, perRunTimeoutMs: 60_000 }, report);
    const coldRun = await validateCandidates(cold, await measureBaseline(cold), set, { ...OPTIONS, deadline: far() });
    const normalize = (results: typeof hotRun.results) =>
      results.map(({ id, verdict }) => ({ id, ...verdict, fixed: verdict.fixed.sort(), broke: verdict.broke.sort() }));
    expect(normalize(hotRun.results)).toEqual(normalize(coldRun.results));
  });
});

describe('warm jest validation of ES modules (vm modules)', () => {
  const FILE = 'src/slug.js';
  const { candidate } = candidates('jest-esm', FILE);
  let sandbox: Sandbox;
  let hot: HotRunner;

  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir: `${PROJECTS}jest-esm` });
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
  });

  it("loads each run's modules afresh: a candidate's ES module is the one its tests see", async () => {
    const report = await runTests(sandbox);
    // NODE_OPTIONS=--experimental-vm-modules comes from the test script.
    hot = await HotRunner.start({ sandbox, runner: 'jest', perRunTimeoutMs: 15_000, stallMs: 4_000 });
    const baseline = await measureBaseline(hot);
    expect(baseline.states).toEqual((await new ColdRunner({ sandbox }, report).unpatched()).states);
    expect(baseline.failing).toHaveLength(2);
    const correct = candidate(
      'correct',
      ['.join(SEPARATOR)', '.filter(Boolean).join(SEPARATOR)'],
      ['post.meta.title', '(post.meta ?? post).title'],
    );
    const breaks = candidate('breaks', ['const SEPARATOR = ', "const SEPARATOR = '_' || "]);
    const run = await validateCandidates(hot, baseline, [breaks, correct], { ...OPTIONS, deadline: far() });
    expect(kindsOf(run)).toEqual({ breaks: 'regression', correct: 'plausible' });
  });
});

describe("the project's jest command, as the warm worker takes it over", () => {
  const RUN_ONCE = ['--ci', '--watchAll=false', '--coverage=false'];

  it("keeps jest's arguments (with those that make it run once), node's flags and the variables the command sets", async () => {
    const scripts = { test: 'NODE_OPTIONS=--experimental-vm-modules node --expose-gc node_modules/jest/bin/jest.js --watch tests/unit' };
    expect(await runnerCommandOf(JSON.stringify({ scripts }), 'jest')).toEqual({
      args: ['tests/unit', ...RUN_ONCE],
      nodeArgs: ['--expose-gc'],
      env: { NODE_OPTIONS: '--experimental-vm-modules' },
    });
  });
});
