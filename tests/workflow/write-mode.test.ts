import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { BUGGY, BUGGY_FIXES, fixChanges, tempCopy } from './support/projects.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const cleanups: (() => void)[] = [() => rmSync(storeDir, { recursive: true, force: true })];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

registerSuggester('scripted-write', { factory: () => createScriptedSuggester(fixChanges, 'scripted-write') });

function copyOfBuggy(): string {
  const copy = tempCopy(BUGGY);
  cleanups.push(copy.remove);
  return copy.dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('write mode', () => {
  it('writes the accepted changes to the project at the end, and only then', async () => {
    const dir = copyOfBuggy();
    const original = Object.fromEntries(BUGGY_FIXES.map((f) => [f.file, read(dir, f.file)]));
    const seenDuringRun: string[] = [];
    const outcome = await runImprovement(
      { projectDir: dir, sandbox: 'local', suggester: 'scripted-write', writeMode: 'write', testRetries: 0 },
      {
        storeDir,
        onEvent: (event: ImprovementEvent) => {
          // Until the run ends, the project on disk keeps its original code.
          if (event.type === 'patch-kept')
            seenDuringRun.push(...BUGGY_FIXES.filter((f) => read(dir, f.file) !== original[f.file]).map((f) => f.file));
        },
      },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(seenDuringRun).toEqual([]);
    expect(outcome.report).toMatchObject({ status: 'green', writeMode: 'write', written: BUGGY_FIXES.map((f) => f.file) });
    expect(outcome.report.writeError).toBeUndefined();
    for (const fix of BUGGY_FIXES) expect(read(dir, fix.file)).toBe((original[fix.file] as string).replace(fix.search, fix.replace));
    expect(readdirSync(path.join(dir, 'src')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(read(outcome.report.artifactsDir, 'summary.md')).toContain(
      `Written to the project: ${BUGGY_FIXES.map((f) => f.file).join(', ')}`,
    );
  }, 300_000);

  it('writes nothing when a file changed on disk during the run, and says why', async () => {
    const dir = copyOfBuggy();
    const userEdit = (text: string) => text.replace('page >= count', 'count <= page');
    const outcome = await runImprovement(
      { projectDir: dir, sandbox: 'local', suggester: 'scripted-write', writeMode: 'write', testRetries: 0 },
      {
        storeDir,
        onEvent: (event: ImprovementEvent) => {
          // The user edits the very line the first fix changes while the loop still runs.
          if (event.type === 'patch-kept' && event.iteration === 1) {
            writeFileSync(path.join(dir, 'src/paginate.ts'), userEdit(read(dir, 'src/paginate.ts')));
          }
        },
      },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(outcome.report.accepted).toHaveLength(3);
    // Green in the sandbox, but the changes cannot be confirmed on the project as it now is.
    expect(outcome.report).toMatchObject({ status: 'improved', stopReason: 'unconfirmed' });
    expect(outcome.report.written).toEqual([]);
    expect(outcome.report.writeError).toBe('search text not found in src/paginate.ts: "page >= count"');
    const untouched = tempCopy(BUGGY);
    cleanups.push(untouched.remove);
    for (const file of ['src/cart.ts', 'src/orders.ts']) expect(read(dir, file)).toBe(read(untouched.dir, file));
    expect(read(dir, 'src/paginate.ts')).toBe(userEdit(read(untouched.dir, 'src/paginate.ts')));
    expect(read(outcome.report.artifactsDir, 'summary.md')).toContain('Not written to the project: search text not found');
  }, 300_000);
});
