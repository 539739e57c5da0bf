import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEditToText } from '../../src/patch/edits.ts';
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { createRepairSuggester, type RepairRunStats, type RepairSuggesterOptions } from '../../src/suggest/repair/engine.ts';
import type { SuggestContext } from '../../src/suggest/suggester.ts';
import type { Suggestion } from '../../src/suggest/suggestion.ts';
import { runTests } from '../../src/testing/run-tests.ts';

const FIXTURES = fileURLToPath(new URL('./validate/fixtures/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../bench/corpus/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A sandbox of a copy of `dir` (only `entries`), with the repository's node_modules linked in. */
async function sandboxOf(dir: string, entries: string[]): Promise<Sandbox> {
  const parent = await mkdtemp(join(tmpdir(), 'engine-test-'));
  for (const entry of entries) await cp(join(dir, entry), join(parent, entry), { recursive: true });
  await symlink(NODE_MODULES, join(parent, 'node_modules'));
  const sandbox = await createLocalSandbox({ projectDir: parent });
  cleanups.push(async () => {
    await sandbox.destroy();
    await rm(parent, { recursive: true, force: true });
  });
  return sandbox;
}

async function suggest(
  sandbox: Sandbox,
  options: RepairSuggesterOptions = {},
  context: Partial<Pick<SuggestContext, 'rejected' | 'budgetMs'>> = {},
): Promise<{ suggestions: Suggestion[]; stats: RepairRunStats }> {
  const report = await runTests(sandbox);
  let stats: RepairRunStats | undefined;
  const suggester = createRepairSuggester({ ...options, onRun: (run) => (stats = run) });
  expect(suggester.name).toBe('repair');
  const suggestions = await suggester.suggest({ sandbox, report, findings: [], rejected: [], ...context });
  return { suggestions, stats: stats! };
}

/** The file's text after the suggestion's edits, applied in order as the patch engine does. */
function applied(original: string, suggestion: Suggestion): string {
  return suggestion.edits.reduce((text, edit) => applyEditToText(text, edit), original);
}

describe('RepairSuggester', () => {
  it('finds the known fix of a single fault, validated in the sandbox with coverage-based localization', async () => {
    const dir = join(FIXTURES, 'stats');
    const sandbox = await sandboxOf(dir, ['package.json', 'src', 'tests']);
    const { suggestions, stats } = await suggest(sandbox);
    expect(suggestions).toHaveLength(1);
    const [suggestion] = suggestions as [Suggestion];
    const original = await readFile(join(dir, 'src/stats.ts'), 'utf8');
    // `>=` is as right as `>` here: equal values leave the same maximum.
    expect([original.replace('value < best', 'value > best'), original.replace('value < best', 'value >= best')]).toContain(
      applied(original, suggestion),
    );
    expect(suggestion).toMatchObject({
      source: 'repair',
      category: 'failure',
      priority: 'high',
      validated: { brokeTests: [] },
    });
    expect(suggestion.operator).toMatch(/^(relational-operator|negate-condition)$/);
    expect(suggestion.validated?.fixedTests.sort()).toEqual([
      'tests/max.spec.ts > max > finds the largest value',
      'tests/max.spec.ts > max > handles negative values',
    ]);
    expect(suggestion.rationale).toMatch(/src\/stats\.ts:14/);
    expect(stats).toMatchObject({ validator: 'hot', localization: 'coverage', baselineFailing: 2, plausible: 1 });
    // The sandbox's project is left unpatched: applying is the caller's decision.
    expect(await sandbox.readFile('src/stats.ts')).toBe(original);
  });

  it('repairs two faults with a second edit on top of a partial fix', async () => {
    const dir = join(FIXTURES, 'two-faults');
    const sandbox = await sandboxOf(dir, ['package.json', 'src', 'tests']);
    const { suggestions, stats } = await suggest(sandbox);
    const [suggestion] = suggestions as [Suggestion];
    const original = await readFile(join(dir, 'src/range.ts'), 'utf8');
    const fixedLow = ['value < low', 'value <= low'].map((low) => original.replace('value > low', low).replace('high + low', 'high - low'));
    expect(fixedLow).toContain(applied(original, suggestion));
    expect(suggestion.priority).toBe('high');
    expect(suggestion.operator).toContain('+');
    expect(suggestion.validated?.fixedTests).toHaveLength(3);
    expect(stats.followUpsTried).toBeGreaterThan(0);
  });

  it('falls back to a cold `vitest run` per candidate when asked, with the same fix', async () => {
    const dir = join(FIXTURES, 'stats');
    const sandbox = await sandboxOf(dir, ['package.json', 'src', 'tests']);
    const { suggestions, stats } = await suggest(sandbox, { validator: 'cold', maxCandidates: 12 });
    const original = await readFile(join(dir, 'src/stats.ts'), 'utf8');
    expect([original.replace('value < best', 'value > best'), original.replace('value < best', 'value >= best')]).toContain(
      applied(original, suggestions[0]!),
    );
    expect(stats).toMatchObject({ validator: 'cold', localization: 'frames' });
  });

  it("finds a corpus program's known fix", async () => {
    const dir = join(CORPUS, '01-rate-limiter');
    const bug = JSON.parse(await readFile(join(dir, 'bug.json'), 'utf8')) as { file: string; fix: { search: string; replace: string } };
    const sandbox = await sandboxOf(dir, ['package.json', 'vitest.config.ts', 'src', 'tests']);
    const { suggestions } = await suggest(sandbox);
    const original = await readFile(join(dir, bug.file), 'utf8');
    expect(suggestions[0]?.edits.every((edit) => edit.file === bug.file)).toBe(true);
    expect(applied(original, suggestions[0]!)).toBe(original.replace(bug.fix.search, bug.fix.replace));
  });

  it('does not propose a rejected attempt again', async () => {
    const sandbox = await sandboxOf(join(FIXTURES, 'stats'), ['package.json', 'src', 'tests']);
    const first = await suggest(sandbox);
    const again = await suggest(sandbox, {}, { rejected: [{ suggestion: first.suggestions[0]!, reason: 'not wanted' }] });
    expect(again.suggestions[0]?.id).toBeDefined();
    expect(again.suggestions[0]?.id).not.toBe(first.suggestions[0]?.id);
    expect(again.suggestions[0]?.priority).toBe('high');
  });

  it('stops at the time budget', async () => {
    const sandbox = await sandboxOf(join(FIXTURES, 'stats'), ['package.json', 'src', 'tests']);
    const { suggestions, stats } = await suggest(sandbox, {}, { budgetMs: 1 });
    expect(suggestions).toEqual([]);
    expect(stats.tried).toBe(0);
  });

  it('has nothing to suggest for a green project', async () => {
    const dir = join(FIXTURES, 'stats');
    const sandbox = await sandboxOf(dir, ['package.json', 'src', 'tests']);
    await sandbox.writeFile('src/stats.ts', (await readFile(join(dir, 'src/stats.ts'), 'utf8')).replace('value < best', 'value > best'));
    const { suggestions } = await suggest(sandbox);
    expect(suggestions).toEqual([]);
  });
});
