import { randomInt } from 'node:crypto';
import { access } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxError } from '../../src/sandbox/errors.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { hostProcesses, makeProject, removeTempDirs, spawnStormScript, waitUntilGone } from './local-fixtures.ts';

/** A `sleep` argument no other process on the host carries, to find its processes from outside. */
const uniqueSleep = (): string => `300.${randomInt(1e9)}`;
const runs = (marker: string) => (process: { cmdline: string }) => process.cmdline.includes(marker);

describe('local sandbox limits', () => {
  let projectDir: string;
  let sandbox: LocalSandbox;

  beforeAll(async () => {
    projectDir = await makeProject({ 'package.json': '{"name":"limits"}' });
    sandbox = await createLocalSandbox({ projectDir, isolation: 'bwrap', limits: { maxProcesses: 40 } });
  });

  afterAll(async () => {
    await sandbox.destroy();
    await removeTempDirs();
  });

  test('a runaway command is killed at the timeout, grandchildren included', async () => {
    const marker = uniqueSleep();
    // A detached double fork and a new session: neither the process group nor the session holds them.
    const started = Date.now();
    const result = await sandbox.executeCommand(`(setsid sleep ${marker} &); (sleep ${marker} &); sleep ${marker}`, [], { timeout: 1_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ success: false, timedOut: true, killed: true, exitCode: 124 });
    expect(await waitUntilGone(runs(marker))).toEqual([]);
  });

  test('leftover background processes die with the command', async () => {
    const marker = uniqueSleep();
    const result = await sandbox.executeCommand(`sleep ${marker} & echo started`);
    expect(result).toMatchObject({ success: true, stdout: 'started\n', timedOut: false });
    expect(await waitUntilGone(runs(marker))).toEqual([]);
  });

  test('an abort signal kills the command', async () => {
    const marker = uniqueSleep();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await sandbox.executeCommand(`sleep ${marker}`, [], { abortSignal: controller.signal });
    expect(result).toMatchObject({ success: false, killed: true, timedOut: false });
    expect(await waitUntilGone(runs(marker))).toEqual([]);
  });

  test('huge output keeps its tail and reports what was dropped', async () => {
    let streamed = 0;
    const result = await sandbox.executeCommand("head -c 3000000 /dev/zero | tr '\\0' a; echo END", [], {
      maxRetainedBytes: 100_000,
      onStdout: (chunk) => (streamed += chunk.length),
    });
    expect(result.success).toBe(true);
    expect(streamed).toBe(3_000_004);
    expect(result.stdout).toHaveLength(100_000);
    expect(result.stdout.endsWith('aaaEND\n')).toBe(true);
    expect(result).toMatchObject({ stdoutTruncated: true, stdoutDroppedBytes: 2_900_004, stderrTruncated: false, stderrDroppedBytes: 0 });
  });

  test('the output limit defaults to limits.maxOutputBytes', async () => {
    const small = await createLocalSandbox({ projectDir, isolation: 'bwrap', limits: { maxOutputBytes: 1_000 } });
    try {
      const result = await small.executeCommand('seq 1 10000 >&2');
      expect(result.stderr.length).toBe(1_000);
      expect(result.stderr.endsWith('9999\n10000\n')).toBe(true);
      expect(result.stderrTruncated).toBe(true);
    } finally {
      await small.destroy();
    }
  });

  test('the process limit stops a spawn storm', async () => {
    const result = await sandbox.executeCommand('node', ['-e', spawnStormScript(300)], { timeout: 10_000 });
    const { started, refused } = JSON.parse(result.stdout) as { started: number; refused: number };
    expect(refused).toBeGreaterThan(0);
    expect(started).toBeLessThan(40);
    expect(started + refused).toBe(300);
  });

  test('a fork loop stays under the limit on the host and is cleaned up at the timeout', async () => {
    const uid = Number((await sandbox.executeCommand('id -u')).stdout);
    const ownedBySandbox = (process: { uid: number }) => process.uid === uid;
    const running = sandbox.executeCommand('for i in $(seq 2000); do sleep 30 & done; wait', [], { timeout: 2_500 });
    let most = 0;
    for (let i = 0; i < 15; i++) {
      most = Math.max(most, (await hostProcesses()).filter(ownedBySandbox).length);
      await new Promise((done) => setTimeout(done, 100));
    }
    const result = await running;
    expect(result.timedOut).toBe(true);
    expect(most).toBeGreaterThan(10);
    expect(most).toBeLessThanOrEqual(40);
    expect(await waitUntilGone(ownedBySandbox)).toEqual([]);
  });

  test('destroy kills running commands, removes the workspace and can be called twice', async () => {
    const doomed = await createLocalSandbox({ projectDir, isolation: 'bwrap' });
    const marker = uniqueSleep();
    const running = doomed.executeCommand(`sleep ${marker}`);
    await new Promise((done) => setTimeout(done, 200));
    await doomed.destroy();
    expect(await running).toMatchObject({ success: false, killed: true });
    expect(await waitUntilGone(runs(marker))).toEqual([]);
    await expect(access(doomed.workdir)).rejects.toThrow();
    await doomed.destroy();
    expect(doomed.status).toBe('destroyed');
    await expect(doomed.executeCommand('true')).rejects.toBeInstanceOf(SandboxError);
  });
});
