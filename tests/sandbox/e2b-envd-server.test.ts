/**
 * The local envd server as the SDK and a raw client see it: run as its own process (as the bench
 * starts it), it serves the real `e2b` SDK end to end and guards sandboxes like E2B does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CommandExitError, Sandbox } from 'e2b';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const SERVER_SCRIPT = resolve(import.meta.dirname, '../support/envd-server.ts');

interface Served {
  url: string;
  apiUrl: string;
  sandboxUrl: string;
  root: string;
}

let child: ChildProcess;
let served: Served;

beforeAll(async () => {
  child = spawn(process.execPath, [SERVER_SCRIPT, '--api-key', 'e2b_script'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`envd server exited early (${code})`)));
  });
  served = JSON.parse(firstLine) as Served;
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
});

const connection = () => ({ apiKey: 'e2b_script', apiUrl: served.apiUrl, sandboxUrl: served.sandboxUrl });

describe('envd server run as a script', () => {
  test('serves the SDK: commands, files, reconnect by id, kill', async () => {
    const sandbox = await Sandbox.create('base', connection());
    const out: string[] = [];
    const run = await sandbox.commands.run('echo "$HOME" && printf data >&2', { onStdout: (text) => void out.push(text) });
    expect(run.stdout.trim()).toBe(`${served.root}/${sandbox.sandboxId}/home/user`);
    expect(run.stderr).toBe('data');
    expect(out.join('')).toBe(run.stdout);
    await expect(sandbox.commands.run('exit 5')).rejects.toBeInstanceOf(CommandExitError);

    await sandbox.files.write([
      { path: 'a/one.txt', data: 'one' },
      { path: '/tmp/../' + `${served.root.slice(1)}/${sandbox.sandboxId}/home/user/two.txt`, data: 'two' },
    ]);
    expect(await sandbox.files.read('a/one.txt')).toBe('one');
    expect(await sandbox.files.read('~/two.txt')).toBe('two');
    expect((await sandbox.files.list('.')).map((entry) => entry.name)).toEqual(expect.arrayContaining(['a', 'two.txt']));
    expect(await sandbox.files.makeDir('a')).toBe(false);

    const again = await Sandbox.connect(sandbox.sandboxId, connection());
    expect(await again.files.read('a/one.txt')).toBe('one');
    const background = await again.commands.run('sleep 30', { background: true });
    expect((await again.commands.list()).map((proc) => proc.pid)).toContain(background.pid);

    expect(await sandbox.kill()).toBe(true);
    expect(await Sandbox.kill(sandbox.sandboxId, connection())).toBe(false);
    await expect(again.commands.run('true')).rejects.toThrow(/not running/);
  });

  test('guards envd with the access token and the control plane with the API key', async () => {
    const sandbox = await Sandbox.create('base', connection());
    try {
      const health = (token?: string) =>
        fetch(`${served.sandboxUrl}/health`, {
          headers: { 'E2b-Sandbox-Id': sandbox.sandboxId, ...(token ? { 'X-Access-Token': token } : {}) },
        });
      expect((await health()).status).toBe(401);
      expect((await health('wrong')).status).toBe(401);
      const created = await fetch(`${served.apiUrl}/v2/sandboxes`, { method: 'POST', headers: { 'X-API-KEY': 'not-it' }, body: '{}' });
      expect(created.status).toBe(401);
      const unknown = await fetch(`${served.sandboxUrl}/health`, { headers: { 'E2b-Sandbox-Id': 'nope' } });
      expect(unknown.status).toBe(502);
    } finally {
      await sandbox.kill();
    }
  });

  test('stops on SIGTERM, killing what its sandboxes still run', async () => {
    const sandbox = await Sandbox.create('base', connection());
    await sandbox.commands.run('sleep 60', { background: true });
    // Commands run in their own pid namespace (as in a VM): find the sleep by its sandbox's marker.
    let pid: number | undefined;
    for (let tries = 0; pid === undefined && tries < 50; tries++) {
      [pid] = await processesOf(sandbox.sandboxId);
      if (pid === undefined) await new Promise((wait) => setTimeout(wait, 100));
    }
    expect(pid).toBeDefined();
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const state = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => 'gone');
    expect(state === 'gone' || state.split(' ')[2] === 'Z').toBe(true);
  });
});

/** Host pids of the live processes whose environment carries this sandbox's id. */
async function processesOf(sandboxId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (environ.includes(`E2B_SANDBOX_ID=${sandboxId}\0`) && stat.split(' ')[2] !== 'Z' && stat.includes('(sleep)'))
      pids.push(Number(entry));
  }
  return pids;
}
