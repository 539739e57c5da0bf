import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2BSandbox } from '../../../src/sandbox/e2b.ts';
import { shellQuote } from '../../../src/sandbox/shell.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { HotRunner } from '../../../src/suggest/repair/validate/hot.ts';
import { measureBaseline, validateCandidates } from '../../../src/suggest/repair/validate/validate.ts';
import { type EnvdServer, startEnvdServer } from '../../support/envd-server.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/projects/mocha-cjs', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const ORIGINAL = readFileSync(`${FIXTURE}/src/cart.js`, 'utf8');

// The mocha worker forks its test process inside the sandbox and talks to the host only through the
// Sandbox interface: here the real e2b SDK against a local server speaking the E2B daemon's protocol.
describe('warm mocha validation in an E2B sandbox (real SDK, local envd)', () => {
  let server: EnvdServer;
  let sandbox: Sandbox;
  let hot: HotRunner;

  beforeAll(async () => {
    server = await startEnvdServer();
    sandbox = await createE2BSandbox({
      projectDir: FIXTURE,
      e2b: {
        apiKey: 'e2b_test',
        apiUrl: server.apiUrl,
        sandboxUrl: server.sandboxUrl,
        install: `ln -s ${shellQuote(NODE_MODULES)} node_modules`,
      },
    });
    hot = await HotRunner.start({ sandbox, runner: 'mocha', perRunTimeoutMs: 5_000, stallMs: 1_500 });
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
    await server?.close();
  });

  it('validates candidates and a hanging one, with the environment the test script sets', async () => {
    const baseline = await measureBaseline(hot);
    expect(baseline.states['test/nested/totals.spec.js > totals > sees the test environment']).toBe('passed');
    expect(baseline.failing).toHaveLength(3);
    const candidate = (id: string, ...replacements: [string, string][]) => ({
      id,
      files: { 'src/cart.js': replacements.reduce((source, [search, replace]) => source.replace(search, replace), ORIGINAL) },
    });
    const run = await validateCandidates(
      hot,
      baseline,
      [
        candidate('partial', ['(cart.total * percent * 2) / 100', '(cart.total * percent) / 100']),
        candidate('hangs', ['function total(items) {', 'function total(items) {\n  while (items) {}']),
        candidate('wrong', ['`Total:${cart.total}`', '`Sum: ${cart.total}`']),
      ],
      { maxCandidates: 10, deadline: Date.now() + 120_000, stopAfterPlausible: 10 },
    );
    expect(Object.fromEntries(run.results.map((r) => [r.id, r.verdict.kind]))).toEqual({
      partial: 'partial',
      hangs: 'timeout',
      wrong: 'regression',
    });
    expect(await sandbox.readFile('src/cart.js')).toBe(ORIGINAL);
  });
});
