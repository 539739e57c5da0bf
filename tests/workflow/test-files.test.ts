import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImprovement } from '../../src/api/run-improvement.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { REPO, tempCopy } from './support/projects.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const cleanups: (() => void)[] = [() => rmSync(storeDir, { recursive: true, force: true })];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

// Two "fixes" that change what the test expects, then the real one.
registerSuggester('edits-the-tests', {
  factory: () =>
    createScriptedSuggester(
      [
        {
          edits: [{ file: 'checks/price.check.ts', search: 'toBe(order.gross)', replace: 'toBe(100.2)' }],
          rationale: 'expect what it does',
        },
        { edits: [{ file: 'fixtures/orders.ts', search: 'gross: 120', replace: 'gross: 100.2' }], rationale: 'fix the fixture' },
        { edits: [{ file: 'src/price.ts', search: 'net + rate', replace: 'net * (1 + rate)' }], rationale: 'apply the rate' },
      ],
      'edits-the-tests',
    ),
});

describe("the project's own test files", () => {
  it('refuses edits to a test its runner config names and to a fixture only tests use, and writes only the real fix', async () => {
    const copy = tempCopy(path.join(REPO, 'tests/fixtures/projects/custom-tests'));
    cleanups.push(copy.remove);
    const read = (file: string) => readFileSync(path.join(copy.dir, file), 'utf8');
    const tests = ['checks/price.check.ts', 'fixtures/orders.ts', 'vitest.config.ts'].map((file) => [file, read(file)]);
    const outcome = await runImprovement(
      { projectDir: copy.dir, sandbox: 'local', suggester: 'edits-the-tests', writeMode: 'write', testRetries: 0 },
      { storeDir },
    );
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    const { report } = outcome;
    expect(report.rejected.map((change) => [change.file, change.stage])).toEqual([
      ['checks/price.check.ts', 'refused'],
      ['fixtures/orders.ts', 'refused'],
    ]);
    expect(report.rejected[1]?.reason).toContain('files of the tests');
    expect(report).toMatchObject({ status: 'green', written: ['src/price.ts'] });
    for (const [file, text] of tests) expect(read(file as string)).toBe(text);
  }, 300_000);
});
