// Containment through whole runs of the CLI, the way a user starts one: a project whose test
// attacks while the loop runs it (the bench's XYZ_API_TOKEN in the environment the CLI inherits),
// then the host looks at what is left: the run's artifacts, processes, /dev/shm and /tmp, workspaces.
import { lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bytesUnder, filesContaining } from './artifacts.ts';
import { type CliRun, startCli } from './cli.ts';
import type { Targets } from './containment-probes.ts';
import { killQuietly, processesMatching, residentKb, workspacesOf } from './processes.ts';
import { packageJson, paginateFiles } from './projects.ts';
import { type Files, makeProject } from './scratch.ts';
import { failed, firstFailure, held, judge, type Outcome, type Verdict } from './verdict.ts';

const RUN_TIMEOUT_MS = 300_000;
const FLOOD_BYTES = 50 * 1024 * 1024;

interface RunBaked {
  tag: string;
  sleepArg: string;
  shmFile: string;
  tmpFile: string;
  hostSecretFile: string;
}

/** A test that leaves a detached sleep and files for the host, plants links to a host file, and fails with every secret it could read (its environment, /proc, a copied .env). */
const attackTest = (baked: RunBaked): string => `import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { it } from 'vitest';

const B = ${JSON.stringify(baked)};
const attempt = (what, action) => { try { action(); return what + ' ok'; } catch (e) { return what + ' ' + (e.code ?? e.message); } };

it('takes what it can', () => {
  spawn('setsid', ['-f', 'sleep', B.sleepArg], { detached: true, stdio: 'ignore' }).unref();
  const wrote = [B.shmFile, B.tmpFile].map((file) => attempt('write ' + file, () => fs.writeFileSync(file, 'left by a test')));
  const planted = [
    attempt('plant src/util.ts', () => { fs.rmSync('src/util.ts'); fs.symlinkSync(B.hostSecretFile, 'src/util.ts'); }),
    attempt('plant src/leak.ts', () => fs.symlinkSync(B.hostSecretFile, 'src/leak.ts')),
  ];
  const environ = ['/proc/self/environ', '/proc/1/environ', '.env'].map((file) => { try { return fs.readFileSync(file, 'utf8').replaceAll('\\0', ' '); } catch (e) { return file + ': ' + e.code; } });
  throw new Error('ENVDUMP-' + B.tag + ' ' + JSON.stringify(process.env) + ' ' + environ.join(' ') + ' SPAWNED ' + wrote.join(', ') + ' PLANTED ' + planted.join(', '));
});
`;

const floodTest = `import fs from 'node:fs';
import { expect, it } from 'vitest';

it('floods stdout', () => {
  const chunk = Buffer.alloc(65536, 'y');
  for (let written = 0; written < ${FLOOD_BYTES}; written += chunk.length) fs.writeSync(1, chunk);
  expect('flooded').toBe('quiet');
});
`;

interface Finished {
  dir: string;
  pid: number;
  run: CliRun;
  peakRssKb: number;
}

/** One CLI run to its end (one cycle is enough for a baseline and a retest), with the CLI's peak memory. */
async function runToEnd(label: string, files: Files): Promise<Finished> {
  const dir = await makeProject(label, files);
  const cli = startCli([dir, '--json', '--max-iterations', '1'], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  let peakRssKb = 0;
  const sampler = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, residentKb(cli.pid));
  }, 250);
  const run = await cli.done;
  clearInterval(sampler);
  await sleep(1000);
  return { dir, pid: cli.pid, run, peakRssKb };
}

/** Where a leak could end up: the run's folder and what the CLI printed. */
async function leakedInto(finished: Finished, text: string): Promise<string[]> {
  const files = await filesContaining(join(finished.dir, '.improve'), text);
  const streams = (['stdout', 'stderr'] as const).filter((stream) => finished.run[stream].includes(text));
  return [...files, ...streams];
}

const exitOf = (run: CliRun): string => (run.timedOut ? 'timed out' : `exit ${run.code ?? run.signal}`);

async function attackRunVerdicts(targets: Targets, token: string): Promise<Verdict[]> {
  const baked: RunBaked = {
    tag: targets.tag,
    sleepArg: `2000.${parseInt(targets.tag.slice(0, 6), 16)}`,
    shmFile: `/dev/shm/ri-bench-run-${targets.tag}`,
    tmpFile: `/tmp/ri-bench-run-${targets.tag}`,
    hostSecretFile: targets.hostSecretFile,
  };
  const finished = await runToEnd('containment-run', {
    ...paginateFiles(),
    '.gitignore': '.env\n',
    '.env': `XYZ_API_TOKEN=${token}\n`,
    'src/util.ts': 'export const twice = (n: number): number => n * 2;\n',
    'tests/attack.test.ts': attackTest(baked),
  });
  // The attack's failure message is the channel: without it in the run, absent secrets prove nothing.
  const channel = await leakedInto(finished, `ENVDUMP-${targets.tag}`);
  const unconfirmed = channel.length === 0 && `the attacking test's output is nowhere in the run (${exitOf(finished.run)}): cannot tell`;
  const cases: [string, () => Promise<Outcome>][] = [
    [
      'run-secret-in-artifacts',
      async () => {
        const leaks = await leakedInto(finished, token);
        return firstFailure(
          [unconfirmed, leaks.length > 0 && `the value of XYZ_API_TOKEN is in ${leaks.join(', ')}`],
          `the token is in none of the run's files or output (the attack's dump is in ${channel.length} place(s))`,
        );
      },
    ],
    [
      'run-orphan-after-run',
      async () => {
        const left = processesMatching(`sleep ${baked.sleepArg}`);
        for (const process of left) killQuietly(process.pid);
        return firstFailure(
          [unconfirmed, left.length > 0 && `a test's detached sleep still runs after the CLI exited (pid ${left[0]?.pid})`],
          'no process of the test outlived the run',
        );
      },
    ],
    [
      'run-shm-tmp-after-run',
      async () => {
        const left = [baked.shmFile, baked.tmpFile].filter((file) => lstatSync(file, { throwIfNoEntry: false }));
        await Promise.all(left.map((file) => rm(file, { force: true })));
        return firstFailure(
          [unconfirmed, left.length > 0 && `the host now has ${left.join(', ')}`],
          'nothing the test wrote to /dev/shm or /tmp is on the host',
        );
      },
    ],
    [
      'run-planted-symlink',
      async () => {
        const leaks = await leakedInto(finished, `${targets.markerText}-SYMLINKED`);
        return firstFailure(
          [unconfirmed, leaks.length > 0 && `the tool followed a planted link to a host file: its content is in ${leaks.join(', ')}`],
          "the linked host file's content is in none of the run's files or output",
        );
      },
    ],
    [
      'run-workspace-after-run',
      async () => {
        const left = workspacesOf(finished.pid);
        return left.length > 0
          ? failed(`the CLI left its sandbox workspace ${left.join(', ')}`)
          : held(`no workspace of the run is left (${exitOf(finished.run)})`);
      },
    ],
  ];
  const verdicts: Verdict[] = [];
  for (const [name, run] of cases) verdicts.push(await judge(name, run));
  return verdicts;
}

async function floodVerdict(): Promise<Verdict> {
  return judge('run-stdout-flood', async () => {
    const finished = await runToEnd('containment-flood', {
      ...paginateFiles(),
      'package.json': packageJson(),
      'tests/flood.test.ts': floodTest,
    });
    const { run } = finished;
    const stored = await bytesUnder(join(finished.dir, '.improve'));
    const summary = `${exitOf(run)} in ${(run.ms / 1000).toFixed(0)} s, .improve ${(stored / 1024 / 1024).toFixed(1)} MiB, CLI stdout ${(run.stdout.length / 1024).toFixed(0)} KiB, CLI peak RSS ${(finished.peakRssKb / 1024).toFixed(0)} MiB`;
    return firstFailure(
      [
        run.timedOut && `the run did not finish within ${RUN_TIMEOUT_MS / 1000} s`,
        run.code !== 0 && run.code !== 1 && `the run did not end green or not-green: ${exitOf(run)}: ${run.stderr.trim().split('\n')[0]}`,
        stored > 8 * 1024 * 1024 && `the run stored ${(stored / 1024 / 1024).toFixed(1)} MiB for a 50 MiB flood`,
        run.stdout.length > 2 * 1024 * 1024 && `the CLI printed ${(run.stdout.length / 1024 / 1024).toFixed(1)} MiB of events`,
      ],
      summary,
    );
  });
}

/** The two runs side by side: neither is timing-sensitive, and the flood run is the longest of the category. */
export async function runAttackRuns(targets: Targets, token: string): Promise<Verdict[]> {
  const [attack, flood] = await Promise.all([attackRunVerdicts(targets, token), floodVerdict()]);
  return [...attack, flood];
}
