// Containment: a project whose test code attacks, run in the tool's real local sandbox. Each probe
// runs in a fresh sandbox made by the public `createSandbox` (as the loop makes them) from a user
// project the bench writes; then whole CLI runs whose tests attack (containment-runs.ts).
import { randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSandbox, type Sandbox } from '../../src/index.ts';
import { ROOT } from './cli.ts';
import { bySandboxReport, PRELUDE, PROBES, type Probe, type ProbeRun, parseReport, type Targets } from './containment-probes.ts';
import { runAttackRuns } from './containment-runs.ts';
import { setUpHostTraps } from './host-traps.ts';
import { killQuietly, processesOfUid } from './processes.ts';
import { packageJson } from './projects.ts';
import { type Files, freshDir, writeFiles } from './scratch.ts';
import { describeChanges, snapshotTree, type Tree, treeChanges } from './tree.ts';
import { firstFailure, judge, type Outcome, type Verdict } from './verdict.ts';

/** The user's project: a source with the marker, a gitignored .env holding the token, and the attack scripts. */
function originalFiles(targets: Targets, token: string): Files {
  const baked = {
    original: targets.originalDir,
    tag: targets.tag,
    markerText: targets.markerText,
    markers: targets.markers,
    socketPath: targets.socketPath,
    socketDir: targets.socketDir,
    abstractName: targets.abstractName,
    tcpPort: targets.tcpPort,
    hostAddress: targets.hostAddress,
    inboundPort: targets.inboundPort,
    benchPid: process.pid,
    sentinelPids: targets.sentinels.map((sentinel) => sentinel.pid),
    ptraceTargets: [process.pid, targets.sentinels[0]?.pid],
    victimWorkdir: targets.victimWorkdir,
    hostSecretFile: targets.hostSecretFile,
    writeTarget: targets.writeTarget,
    writeTargetDir: targets.writeTargetDir,
    repoNodeModules: join(ROOT, 'node_modules'),
    sleepArg: targets.sleepArg,
  };
  return {
    'package.json': packageJson(),
    '.gitignore': '.env\n',
    '.env': `XYZ_API_TOKEN=${token}\n`,
    'src/price.ts': `// ${targets.markerText}\nexport const price = (cents: number): string => (cents / 100).toFixed(2);\n`,
    'tests/price.test.ts':
      "import { expect, it } from 'vitest';\nimport { price } from '../src/price.ts';\n\nit('formats', () => expect(price(150)).toBe('1.50'));\n",
    'attacks/baked.json': JSON.stringify(baked, null, 2),
    ...Object.fromEntries(PROBES.map((probe) => [`attacks/${probe.name}.mjs`, `${PRELUDE}\n${probe.body}\n`])),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

interface Attacked {
  targets: Targets;
  token: string;
  files: Files;
  tree: Tree;
  victimAlive: () => boolean;
}

/** One probe in a fresh sandbox, then the host's checks: its verdict, nothing left running, nothing left on the host, the original untouched. */
async function runProbe(probe: Probe, attacked: Attacked): Promise<Outcome> {
  const { targets } = attacked;
  const sandbox: Sandbox = await createSandbox({ kind: 'local', projectDir: targets.originalDir });
  let outcome: Outcome;
  let leftBehind = 0;
  try {
    const uid = Number((await sandbox.executeCommand('id', ['-u'])).stdout.trim());
    let peakProcesses = 0;
    const sampler = setInterval(() => {
      peakProcesses = Math.max(peakProcesses, processesOfUid(uid).length);
    }, 200);
    let stdout = '';
    const connectionsBefore = { ...targets.connections };
    const started = performance.now();
    const command = sandbox.executeCommand('node', [`attacks/${probe.name}.mjs`], {
      timeout: probe.timeoutMs ?? 30_000,
      onStdout: (text) => {
        stdout = (stdout + text).slice(-4096);
      },
    });
    const during = probe.during?.(targets, () => stdout);
    const result = await command;
    const ms = performance.now() - started;
    clearInterval(sampler);
    const duringResult = await during;
    await sleep(500);
    const left = processesOfUid(uid);
    leftBehind = left.length;
    for (const process of left) killQuietly(process.pid);
    const run: ProbeRun = {
      result,
      report: parseReport(result.stdout),
      ms,
      peakProcesses,
      traps: targets,
      token: attacked.token,
      sandbox,
      connectionsBefore,
      victimAlive: attacked.victimAlive,
      ...(duringResult !== undefined && { duringResult }),
    };
    outcome = await (probe.judge ?? bySandboxReport)(run);
  } finally {
    await sandbox.destroy();
  }
  const onHost = (probe.hostPaths?.(targets) ?? []).filter((path) => existsOnHost(path));
  // A cgroup directory goes with rmdir only.
  await Promise.all(onHost.map((path) => rm(path, { recursive: true, force: true }).catch(() => rmdir(path).catch(() => {}))));
  const changes = treeChanges(attacked.tree, await snapshotTree(targets.originalDir));
  if (changes.length > 0) {
    await rm(targets.originalDir, { recursive: true, force: true });
    await writeFiles(targets.originalDir, attacked.files);
  }
  return firstFailure(
    [
      !outcome.held && outcome.why,
      onHost.length > 0 && `the host now has ${onHost.join(', ')}`,
      changes.length > 0 && `the original project changed: ${describeChanges(changes)}`,
      leftBehind > 0 && `${leftBehind} process(es) of the sandbox user still ran 0.5 s after the command returned`,
    ],
    outcome.why,
  );
}

/** Whether anything, even a dangling link, is at `path`. */
const existsOnHost = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

export async function runContainment(): Promise<Verdict[]> {
  const token = `xyz-${randomBytes(16).toString('hex')}`;
  process.env.XYZ_API_TOKEN = token;
  const traps = await setUpHostTraps();
  const victimDir = await freshDir('containment-victim');
  await writeFiles(victimDir, { 'package.json': packageJson(), 'secret.txt': `VICTIM-SECRET-${traps.tag}\n` });
  const victim = await createSandbox({ kind: 'local', projectDir: victimDir });
  let victimRunning = true;
  void victim.executeCommand('sleep', ['600'], { timeout: 900_000 }).finally(() => {
    victimRunning = false;
  });
  try {
    const targets: Targets = {
      ...traps,
      originalDir: await freshDir('containment-original'),
      inboundPort: await freePort(),
      victimWorkdir: victim.workdir,
      sleepArg: `1000.${parseInt(traps.tag.slice(0, 6), 16)}`,
    };
    const files = originalFiles(targets, token);
    await writeFiles(targets.originalDir, files);
    const attacked: Attacked = { targets, token, files, tree: await snapshotTree(targets.originalDir), victimAlive: () => victimRunning };
    const verdicts: Verdict[] = [];
    for (const probe of PROBES) {
      const verdict = await judge(probe.name, () => runProbe(probe, attacked));
      verdicts.push(verdict);
      console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${probe.name}: ${verdict.why}`);
    }
    for (const verdict of await runAttackRuns(targets, token)) {
      verdicts.push(verdict);
      console.log(`  ${verdict.held ? 'held  ' : 'FAILED'} ${verdict.name}: ${verdict.why}`);
    }
    return verdicts;
  } finally {
    await victim.destroy();
    await traps.close();
    delete process.env.XYZ_API_TOKEN;
  }
}
