import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../../../src/sandbox/local.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { createRepairSuggester, type RepairRunStats } from '../../../src/suggest/repair/engine.ts';
import { runTests } from '../../../src/testing/run-tests.ts';

// Vitest 3 is what many projects still pin; its API starts a warm Vitest with init(), not standalone().
const VITEST_3 = '3.2.4';

/** A plain-JavaScript project on vitest 3, installed from the registry: a wrong comparison that only a value shows. */
function vitest3Project(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'improve-vitest3-')), 'slugs');
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'test'));
  const pkg = { name: 'slugs', private: true, type: 'module', scripts: { test: 'vitest run' }, devDependencies: { vitest: VITEST_3 } };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  writeFileSync(
    path.join(dir, 'src/truncate.js'),
    'export function truncate(text, max) {\n  if (text.length < max) return text;\n  return `${text.slice(0, max - 1)}…`;\n}\n',
  );
  writeFileSync(
    path.join(dir, 'test/truncate.test.js'),
    [
      "import { expect, it } from 'vitest';",
      "import { truncate } from '../src/truncate.js';",
      "it('keeps short text', () => expect(truncate('abc', 5)).toBe('abc'));",
      "it('keeps text of exactly max', () => expect(truncate('abcde', 5)).toBe('abcde'));",
      "it('cuts long text', () => expect(truncate('abcdefgh', 5)).toBe('abcd…'));",
      '',
    ].join('\n'),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
  return dir;
}

describe('repair of a vitest 3 project', () => {
  let sandbox: Sandbox | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await sandbox?.destroy();
    if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('validates warm, localizes by per-test coverage, and finds the fix', async () => {
    dir = vitest3Project();
    sandbox = await createLocalSandbox({ projectDir: dir });
    const report = await runTests(sandbox);
    expect(report.totals).toMatchObject({ passed: 2, failed: 1 });
    let stats: RepairRunStats | undefined;
    const suggester = createRepairSuggester({ onRun: (run) => (stats = run) });
    const [best] = await suggester.suggest({ sandbox, report, findings: [], rejected: [] });
    expect(stats).toMatchObject({ validator: 'hot', localization: 'coverage' });
    expect(best?.edits).toEqual([
      { file: 'src/truncate.js', search: expect.stringContaining('<'), replace: expect.stringContaining('<=') },
    ]);
  }, 180_000);
});
