import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementEventSchema } from '../../src/events/improvement-event.ts';
import { ROOT, startCli, tempDir } from './support/cli.ts';

/** A project whose suite runs for a minute: long enough to be interrupted mid-run. */
async function slowProject(): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'slow-suite', type: 'module', scripts: { test: 'vitest run' } }));
  await writeFile(
    join(dir, 'tests/slow.test.ts'),
    "import { it } from 'vitest';\nit('takes a minute', () => new Promise((done) => setTimeout(done, 60_000)), 120_000);\n",
  );
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The sandbox workspaces process `pid` owns (each records its owner: `pid start-time`). */
async function workspacesOf(pid: number): Promise<string[]> {
  const found: string[] = [];
  for (const root of new Set([tmpdir(), '/dev/shm'])) {
    const names = await readdir(root).catch(() => []);
    for (const name of names.filter((n) => n.startsWith('ri-sandbox-'))) {
      const owner = await readFile(join(root, name, 'owner'), 'utf8').catch(() => '');
      if (owner.split(' ')[0] === String(pid)) found.push(join(root, name));
    }
  }
  return found;
}

/** Processes whose command line names `path`: what runs in a workspace. */
async function processesIn(path: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(path)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
  }
  return found;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe.skipIf(process.platform !== 'linux')('an interrupted run', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'stops on %s with exit %i, says how to continue, and leaves no workspace or process behind',
    async (signal, code) => {
      const project = await slowProject();
      const child = startCli([project, '--json']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdin.end();
      const exited = once(child, 'close');

      // Mid-run: the suite runs in the workspace.
      const workspace = await waitFor('a workspace', async () => (await workspacesOf(child.pid!)).at(0), 60_000);
      await waitFor('the suite', async () => ((await processesIn(workspace)).some((p) => p.includes('vitest')) ? true : undefined), 60_000);

      const sent = Date.now();
      child.kill(signal);
      const [exitCode] = await exited;
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(exitCode, stderr).toBe(code);

      const runStart = stdout
        .trim()
        .split('\n')
        .map((line) => ImprovementEventSchema.parse(JSON.parse(line)))
        .find((event) => event.type === 'run-start');
      expect(runStart?.runId).toBeDefined();
      expect(stderr.trim().split('\n').at(-1)).toBe(
        `improve: interrupted; continue with: improve resume ${runStart?.runId} --dir ${project}`,
      );
      expect(existsSync(workspace)).toBe(false);
      expect(await workspacesOf(child.pid!)).toEqual([]);
      expect(await processesIn(workspace)).toEqual([]);
    },
    120_000,
  );
});
