import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { makeProject, removeTempDirs, snapshotTree, spawnStormScript, waitUntilGone } from './local-fixtures.ts';

let projectDir: string;
let before: Record<string, string>;

beforeAll(async () => {
  process.env.OPENAI_API_KEY = 'sk-fallback-secret';
  projectDir = await makeProject({ 'package.json': '{"name":"fallback"}' });
  before = await snapshotTree(projectDir);
});

afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  await removeTempDirs();
});

describe('unshare isolation (no bubblewrap)', () => {
  let sandbox: LocalSandbox;
  beforeAll(async () => {
    sandbox = await createLocalSandbox({ projectDir, isolation: 'unshare', limits: { maxProcesses: 30 } });
  });
  afterAll(() => sandbox.destroy());

  test('has only loopback, its own pid namespace and no secrets', async () => {
    const result = await sandbox.executeCommand("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; ls /proc | grep -c '^[0-9]'; env");
    const [iface, processes, ...env] = result.stdout.trim().split('\n');
    expect(iface).toBe('lo');
    expect(Number(processes)).toBeLessThan(10);
    expect(env.join('\n')).not.toContain('sk-fallback-secret');
  });

  test('limits processes', async () => {
    const result = await sandbox.executeCommand('node', ['-e', spawnStormScript(100)], { timeout: 10_000 });
    const { started, refused } = JSON.parse(result.stdout) as { started: number; refused: number };
    expect(refused).toBeGreaterThan(0);
    expect(started).toBeLessThan(30);
  });

  test('kills everything at the timeout', async () => {
    const marker = `300.${randomInt(1e9)}`;
    const result = await sandbox.executeCommand(`(setsid sleep ${marker} &); (sleep ${marker} &); sleep ${marker}`, [], { timeout: 1_000 });
    expect(result.timedOut).toBe(true);
    expect(await waitUntilGone((process) => process.cmdline.includes(marker))).toEqual([]);
  });

  test('cannot write into the host project', async () => {
    const result = await sandbox.executeCommand(`echo pwned > ${join(projectDir, 'package.json')}`);
    expect(result.success).toBe(false);
    expect(await snapshotTree(projectDir)).toEqual(before);
  });
});

describe('no isolation', () => {
  test('warns once per process, still scrubs secrets and drops root', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = await createLocalSandbox({ projectDir, isolation: 'none' });
    const second = await createLocalSandbox({ projectDir, isolation: 'none' });
    try {
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/WITHOUT isolation/);
      const result = await first.executeCommand(`id -u; env; echo pwned > ${join(projectDir, 'package.json')}`);
      const [uid, ...env] = result.stdout.trim().split('\n');
      expect(Number(uid)).not.toBe(0);
      expect(env.join('\n')).not.toContain('sk-fallback-secret');
      expect(await snapshotTree(projectDir)).toEqual(before);

      // A process that left the group keeps the output pipe open; the result must not wait for it.
      const started = Date.now();
      const escaped = await first.executeCommand('(setsid sleep 5 &); echo done');
      expect(escaped.stdout).toBe('done\n');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      warn.mockRestore();
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});
