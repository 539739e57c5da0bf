import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester, type ScriptedChange } from '../../src/suggest/scripted.ts';
import { RUNNER_EXAMPLES } from '../support/runner-examples.ts';
import { REPO, tempCopy, treeHash } from './support/projects.ts';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

// The loop through the workflow (the public API, as an app or the Studio starts it) on each
// runner's example: the same cycle of suggest, apply, re-test and decide whatever ran the tests.
describe.each(RUNNER_EXAMPLES)('the workflow on examples/$name ($runner)', ({ name, runner, fixes }) => {
  it('reverts a change that breaks tests, refuses a test edit, keeps the fixes, writes only them', async () => {
    const copy = tempCopy(path.join(REPO, 'examples', name));
    cleanups.push(copy.remove);
    const source = fixes[0]!.file;
    const testFile = fixes[0]!.fixes[0]!.split(' > ')[0]!;
    const testsBefore = treeHash(path.join(copy.dir, path.dirname(testFile)));
    // A module that throws when loaded breaks every passing test that imports it.
    const breaking: ScriptedChange = {
      edits: [
        { file: source, search: read(copy.dir, source), replace: `throw new Error('broken on purpose');\n${read(copy.dir, source)}` },
      ],
    };
    const testEdit: ScriptedChange = {
      edits: [{ file: testFile, search: read(copy.dir, testFile), replace: `${read(copy.dir, testFile)}\n// passes now\n` }],
    };
    const fixChanges = fixes.map((fix) => ({ edits: [{ file: fix.file, search: fix.search, replace: fix.replace }] }));
    const suggester = `scripted-${runner}`;
    registerSuggester(suggester, { factory: () => createScriptedSuggester([breaking, testEdit, ...fixChanges], suggester) });

    const events: ImprovementEvent[] = [];
    const outcome = await runImprovement(
      { projectDir: copy.dir, sandbox: 'local', suggester, writeMode: 'write' },
      { onEvent: (event) => void events.push(event) },
    );
    if (outcome.status !== 'done') throw new Error(`run did not finish: ${JSON.stringify(outcome)}`);
    const { report } = outcome;

    expect(report).toMatchObject({ status: 'green', stopReason: 'green', baseline: { runner }, final: { runner, failed: 0 } });
    expect(report.baseline.failed).toBe(new Set(fixes.flatMap((fix) => fix.fixes)).size);
    expect(report.baseline.node).toMatch(/^v\d+\.\d+\.\d+ \(/);
    const baselineFiles = events.flatMap((e) => (e.type === 'test-progress' && e.phase === 'baseline' ? [e.file] : []));
    expect(baselineFiles).toContain(testFile);

    expect(report.rejected.map((change) => [change.stage, change.file])).toEqual([
      ['reverted', source],
      ['refused', testFile],
    ]);
    // Test files that import the module no longer load: the runner says why, and so does the report.
    expect(report.rejected[0]?.reason).toMatch(/^new errors: compile: .*Error: broken on purpose/);
    expect(report.accepted.flatMap((change) => change.fixed).sort()).toEqual(fixes.flatMap((fix) => fix.fixes).sort());
    expect(report.written.sort()).toEqual(fixes.map((fix) => fix.file).sort());
    for (const fix of fixes) expect(read(copy.dir, fix.file)).toContain(fix.replace);
    expect(treeHash(path.join(copy.dir, path.dirname(testFile)))).toBe(testsBefore);
  }, 600_000);
});
