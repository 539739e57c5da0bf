import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepStaleWorkspaces } from '../../src/sandbox/stale-workspaces.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Runs a child that creates a local sandbox under `root`, prints its base, and waits to be killed. */
function sandboxOwner(root: string): Promise<{ base: string; kill: () => Promise<void> }> {
  const script = `
    import { createLocalSandbox } from ${JSON.stringify(join(ROOT, 'src/sandbox/local.ts'))};
    const sandbox = await createLocalSandbox({ projectDir: ${JSON.stringify(join(ROOT, 'examples/green'))} });
    console.log(sandbox.workdir);
    setInterval(() => {}, 1000);`;
  const child = spawn(NODE, ['--input-type=module', '-e', script], {
    env: { ...process.env, TMPDIR: root },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const base = resolve(String(chunk).trim(), '..');
      done({ base, kill: () => new Promise((gone) => child.once('exit', () => gone()).kill('SIGKILL')) });
    });
  });
}

describe('workspaces of killed processes', () => {
  it('are removed by the next process that makes one, while live owners keep theirs', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stale-root-'));
    roots.push(root);
    const killed = await sandboxOwner(root);
    const alive = await sandboxOwner(root);
    // Both workspaces went to the temporary root only if it is memory-backed; else to /dev/shm.
    const workspaceRoot = resolve(killed.base, '..');
    await killed.kill();

    const removed = await sweepStaleWorkspaces(workspaceRoot, 'ri-sandbox-');
    expect(removed).toContain(killed.base);
    expect(removed).not.toContain(alive.base);
    const left = await readdir(workspaceRoot);
    expect(left).not.toContain(killed.base.slice(workspaceRoot.length + 1));
    expect(left).toContain(alive.base.slice(workspaceRoot.length + 1));
    await alive.kill();
    expect(await sweepStaleWorkspaces(workspaceRoot, 'ri-sandbox-')).toContain(alive.base);
  });
});
