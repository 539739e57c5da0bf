import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyEditToText } from '../../../src/patch/edits.ts';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { createRepairSuggester, type RepairRunStats, type RepairSuggesterOptions } from '../../../src/suggest/repair/engine.ts';
import type { Suggestion } from '../../../src/suggest/suggestion.ts';
import { allTests, type TestReport } from '../../../src/testing/report.ts';
import { runTests } from '../../../src/testing/run-tests.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

const sandboxes: Sandbox[] = [];
afterAll(() => Promise.all(sandboxes.map((sandbox) => sandbox.destroy())));
async function sandboxOf(project: string): Promise<Sandbox> {
  const sandbox = await createLocalSandbox({ projectDir: `${REPO}${project}` });
  sandboxes.push(sandbox);
  return sandbox;
}

async function suggest(
  sandbox: Sandbox,
  report: TestReport,
  options: RepairSuggesterOptions = {},
): Promise<{ suggestions: Suggestion[]; stats: RepairRunStats }> {
  let stats: RepairRunStats | undefined;
  const suggester = createRepairSuggester({ ...options, onRun: (run) => (stats = run) });
  const suggestions = await suggester.suggest({ sandbox, report, findings: [], rejected: [] });
  return { suggestions, stats: stats! };
}

async function apply(sandbox: Sandbox, suggestion: Suggestion): Promise<void> {
  for (const edit of suggestion.edits) await sandbox.writeFile(edit.file, applyEditToText(await sandbox.readFile(edit.file), edit));
}

const failing = (report: TestReport) => allTests(report).filter((test) => test.status === 'failed').length;

describe('repair of mocha projects', () => {
  it('repairs examples/mocha-buggy with the warm validator, a fix a call, until its suite passes', async () => {
    const sandbox = await sandboxOf('examples/mocha-buggy');
    let report = await runTests(sandbox);
    expect(failing(report)).toBe(6);
    for (let round = 0; round < 4 && failing(report) > 0; round++) {
      const { suggestions, stats } = await suggest(sandbox, report);
      expect(stats).toMatchObject({ validator: 'hot', localization: 'coverage' });
      expect(stats.fallbackReason).toBeUndefined();
      const [best] = suggestions;
      if (!best) throw new Error(`round ${round + 1}: no suggestion`);
      expect(best.validated?.brokeTests).toEqual([]);
      await apply(sandbox, best);
      const before = failing(report);
      report = await runTests(sandbox);
      // The warm validator's verdict holds in a run of the project's own command.
      expect(failing(report)).toBe(before - best.validated!.fixedTests.length);
    }
    expect(report.error).toBeUndefined();
    expect(failing(report)).toBe(0);
  });

  it('validates ES module tests cold, saying why', async () => {
    const sandbox = await sandboxOf('tests/fixtures/projects/mocha-esm');
    const { stats } = await suggest(sandbox, await runTests(sandbox), { maxCandidates: 2 });
    expect(stats.validator).toBe('cold');
    expect(stats.fallbackReason).toMatch(/^warm validator unavailable: .*test\/slug\.spec\.js is an ES module/);
  });
});
