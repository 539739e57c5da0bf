// Sandbox benchmarks (issue 2): start-up p50/p90 of the local sandbox and of the E2B sandbox over
// the E2B daemon protocol (the real SDK against our local envd server), and the overhead of a
// sandboxed vitest run over a plain one on the buggy example.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createE2BSandbox } from '../src/sandbox/e2b.ts';
import { createLocalSandbox } from '../src/sandbox/local.ts';
import type { Sandbox } from '../src/sandbox/types.ts';
import { runTests } from '../src/testing/run-tests.ts';
import { startEnvdServer } from '../tests/support/envd-server.ts';
import { median, percentile, timed } from './lib/stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(ROOT, 'examples/buggy');
const STARTS = 20;
const RUNS = 5;
// The same command both ways, without npx (which adds half a second of its own).
const VITEST = 'vitest run';

async function startups(create: () => Promise<Sandbox>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const { value: sandbox, ms } = await timed(create);
    times.push(ms);
    await sandbox.destroy();
  }
  return times;
}

/** The plain run works on a copy, so vitest's cache never lands in the example itself. */
async function plainCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-plain-'));
  await cp(EXAMPLE, dir, { recursive: true, filter: (source) => !/\/(\.improve|node_modules)(\/|$)/.test(source) });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function plainRunMs(cwd: string): number {
  const start = performance.now();
  const path = `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
  spawnSync('/bin/bash', ['-c', VITEST], { cwd, stdio: 'ignore', env: { ...process.env, PATH: path } });
  return performance.now() - start;
}

async function sandboxedRunMs(sandbox: Sandbox): Promise<number> {
  const { ms } = await timed(() => sandbox.executeCommand(VITEST));
  return ms;
}

export async function runSandboxBench(): Promise<void> {
  const server = await startEnvdServer();
  const e2bOptions = {
    projectDir: EXAMPLE,
    e2b: {
      apiKey: 'e2b_bench',
      apiUrl: server.apiUrl,
      sandboxUrl: server.sandboxUrl,
      install: `ln -s ${join(ROOT, 'node_modules')} node_modules`,
    },
  };
  try {
    const local = await startups(() => createLocalSandbox({ projectDir: EXAMPLE }));
    const e2b = await startups(() => createE2BSandbox(e2bOptions));

    const sandbox = await createLocalSandbox({ projectDir: EXAMPLE });
    const plainDir = await plainCopy();
    plainRunMs(plainDir); // warm the file cache once for both
    const plain: number[] = [];
    const sandboxed: number[] = [];
    const fullCycle: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(plainRunMs(plainDir));
      sandboxed.push(await sandboxedRunMs(sandbox));
      fullCycle.push(
        (
          await timed(async () => {
            const fresh = await createLocalSandbox({ projectDir: EXAMPLE });
            const report = await runTests(fresh);
            await fresh.destroy();
            if (report.error) throw new Error(`sandboxed test run failed: ${report.error.message}`);
          })
        ).ms,
      );
    }
    await sandbox.destroy();
    await rm(plainDir, { recursive: true, force: true });

    const results = {
      isolation: sandbox.isolation,
      startupMs: {
        local: { p50: median(local), p90: percentile(local, 90) },
        e2bProtocol: { p50: median(e2b), p90: percentile(e2b, 90) },
      },
      vitestRunMs: { plain: median(plain), sandboxed: median(sandboxed), sandboxCreateRunReportDestroy: median(fullCycle) },
      overhead: {
        sandboxedOverPlain: median(sandboxed) / median(plain),
        fullCycleOverPlain: median(fullCycle) / median(plain),
      },
    };
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `local sandbox (${results.isolation}) start-up:   p50 ${ms(results.startupMs.local.p50)}  p90 ${ms(results.startupMs.local.p90)}  (n=${STARTS})`,
    );
    console.log(
      `e2b protocol sandbox start-up: p50 ${ms(results.startupMs.e2bProtocol.p50)}  p90 ${ms(results.startupMs.e2bProtocol.p90)}  (n=${STARTS})`,
    );
    console.log(`vitest run on examples/buggy (median of ${RUNS}): plain ${ms(median(plain))}, in sandbox ${ms(median(sandboxed))}`);
    console.log(`overhead ratio, sandboxed / plain run:                       ${results.overhead.sandboxedOverPlain.toFixed(3)}`);
    console.log(`overhead ratio, create + runTests + destroy / plain run:     ${results.overhead.fullCycleOverPlain.toFixed(3)}`);
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(join(ROOT, 'bench/results/sandbox.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await server.close();
  }
}
