/**
 * Captures real vitest runs for the parser's unit tests: runs each project's tests in a local sandbox
 * exactly as runTests does and saves what the run left behind (output, exit code, JSON report text).
 * Regenerate with `node tests/testing/capture-fixtures.ts` after changing how runs are made.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalSandbox } from '../../src/sandbox/local.ts';
import { buildTestReport } from '../../src/testing/build-report.ts';
import { detectTestCommand } from '../../src/testing/detect.ts';
import { rerunCandidates } from '../../src/testing/flaky.ts';
import { executeRun } from '../../src/testing/run-tests.ts';
import { vitestAdapter } from '../../src/testing/runners/vitest.ts';
import type { CapturedRun } from './captures.ts';

const repo = join(import.meta.dirname, '..', '..');
const out = join(repo, 'tests', 'fixtures', 'vitest-runs');

/** Project, and how many times to run it (later runs rerun the failing tests, as the flaky guard does). */
const CASES: Array<{ name: string; project: string; runs?: number }> = [
  { name: 'green', project: 'examples/green' },
  { name: 'buggy', project: 'examples/buggy' },
  { name: 'compile-error', project: 'tests/fixtures/projects/compile-error' },
  { name: 'crash', project: 'tests/fixtures/projects/crash' },
  { name: 'no-tests', project: 'tests/fixtures/projects/no-tests' },
  { name: 'flaky', project: 'tests/fixtures/projects/flaky', runs: 2 },
];

await mkdir(out, { recursive: true });
for (const c of CASES) {
  const sandbox = await createLocalSandbox({ projectDir: join(repo, c.project) });
  try {
    const command = await detectTestCommand({
      packageJson: await sandbox.readFile('package.json'),
      runnerWithoutScript: async () => 'vitest',
    });
    if (command.runner === 'none') throw new Error(`${c.project}: ${command.reason}`);
    const runs: CapturedRun[] = [];
    let extraArgs: string[] = [];
    for (let i = 0; i < (c.runs ?? 1); i++) {
      const settings = { extraArgs, timeoutMs: 60_000, startedAt: new Date().toISOString(), sandboxName: 'local/capture' };
      const { events, ...run } = await executeRun(sandbox, command, settings);
      runs.push(run);
      extraArgs = vitestAdapter.rerunArgs(rerunCandidates(buildTestReport({ ...run, events })));
    }
    await writeFile(join(out, `${c.name}.json`), `${JSON.stringify({ project: c.project, runs }, null, 1)}\n`);
    console.log(`${c.name}: ${runs.map((r) => `exit ${r.exitCode}`).join(', ')}`);
  } finally {
    await sandbox.destroy();
  }
}
