import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2BSandbox } from '../../../src/sandbox/e2b.ts';
import { shellQuote } from '../../../src/sandbox/shell.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { createRepairSuggester, type RepairRunStats } from '../../../src/suggest/repair/engine.ts';
import { allTests } from '../../../src/testing/report.ts';
import { runTests } from '../../../src/testing/run-tests.ts';
import { type EnvdServer, startEnvdServer } from '../../support/envd-server.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

// Runners reach the sandbox only through the Sandbox interface (files in, a command, streamed
// stdout out), so jest, mocha and node:test must work over E2B as they do locally: here the real
// e2b SDK against a local server speaking the E2B daemon's protocol, on the bundled examples.
describe.each([
  { example: 'jest-buggy', runner: 'jest' },
  { example: 'mocha-buggy', runner: 'mocha' },
  { example: 'node-test-buggy', runner: 'node-test' },
])('$runner over the E2B protocol (real SDK, local envd)', ({ example, runner }) => {
  let server: EnvdServer;
  let sandbox: Sandbox;

  beforeAll(async () => {
    server = await startEnvdServer();
    const nodeModules = join(EXAMPLES, example, 'node_modules');
    sandbox = await createE2BSandbox({
      projectDir: join(EXAMPLES, example),
      e2b: {
        apiKey: 'e2b_test',
        apiUrl: server.apiUrl,
        sandboxUrl: server.sandboxUrl,
        install: existsSync(nodeModules) ? `ln -s ${shellQuote(nodeModules)} node_modules` : 'skip',
      },
    });
  });
  afterAll(async () => {
    await sandbox?.destroy();
    await server?.close();
  });

  it('reads the results, streams progress, and repairs a fault validated in the sandbox', async () => {
    const progress: string[] = [];
    const report = await runTests(sandbox, { onProgress: (p) => progress.push(p.file) });
    expect(report.error).toBeUndefined();
    expect(report.runner).toBe(runner);
    expect(report.sandbox).toBe('e2b/remote');
    expect(report.totals.failed).toBeGreaterThan(0);
    expect(progress.sort()).toEqual(report.files.map((file) => file.file).sort());
    const failing = allTests(report).filter((test) => test.status === 'failed');
    expect(failing.every((test) => (test.failure?.frames.length ?? 0) > 0)).toBe(true);

    let stats: RepairRunStats | undefined;
    const suggestions = await createRepairSuggester({ timeBudgetMs: 240_000, afterPartial: 0, onRun: (s) => (stats = s) }).suggest({
      sandbox,
      report,
      findings: [],
      rejected: [],
    });
    expect(stats?.tried).toBeGreaterThan(0);
    expect(suggestions[0]?.validated?.fixedTests.length).toBeGreaterThan(0);
    expect(suggestions[0]?.validated?.brokeTests).toEqual([]);
  }, 300_000);
});
