import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createE2BSandbox } from '../../../src/sandbox/e2b.ts';
import { shellQuote } from '../../../src/sandbox/shell.ts';
import type { Sandbox } from '../../../src/sandbox/types.ts';
import { perTestCoverage } from '../../../src/suggest/repair/coverage.ts';
import { HotRunner } from '../../../src/suggest/repair/validate/hot.ts';
import { measureBaseline, validateCandidates } from '../../../src/suggest/repair/validate/validate.ts';
import { type EnvdServer, startEnvdServer } from '../../support/envd-server.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/stats', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const ORIGINAL = readFileSync(`${FIXTURE}/src/stats.ts`, 'utf8');

// The warm validator talks to its worker only through the Sandbox interface (files in, streamed
// stdout out), so it must work on E2B as it does locally: here the real e2b SDK against a local
// server speaking the E2B daemon's protocol.
describe('hot validation in an E2B sandbox (real SDK, local envd)', () => {
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
    hot = await HotRunner.start({ sandbox, batchSize: 3, perRunTimeoutMs: 3_000, stallMs: 1_500, coverage: true });
  });
  afterAll(async () => {
    await hot?.close();
    await sandbox?.destroy();
    await server?.close();
  });

  it('validates a batch of candidates and a hanging one, with coverage', async () => {
    const baseline = await measureBaseline(hot);
    expect(baseline.failing).toHaveLength(2);
    const candidate = (id: string, search: string, replace: string) => ({
      id,
      files: { 'src/stats.ts': ORIGINAL.replace(search, replace) },
    });
    const run = await validateCandidates(
      hot,
      baseline,
      [
        candidate('unrelated', 'max of no values', 'no values'),
        candidate('hangs', 'let best = values[0]!;', 'let best = values[0]!;\n  while (best === best) {}'),
        candidate('correct', 'value < best', 'value > best'),
      ],
      { maxCandidates: 10, deadline: Date.now() + 120_000, stopAfterPlausible: 10 },
    );
    expect(Object.fromEntries(run.results.map((r) => [r.id, r.verdict.kind]))).toEqual({
      unrelated: 'no-progress',
      hangs: 'timeout',
      correct: 'plausible',
    });
    const coverage = perTestCoverage(hot);
    expect(
      coverage.ok && coverage.tests.find((t) => t.testId === 'tests/max.spec.ts > max > finds the largest value')?.lines['src/stats.ts'],
    ).toContain(14);
    expect(await sandbox.readFile('src/stats.ts')).toBe(ORIGINAL);
  });
});
