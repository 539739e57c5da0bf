import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const CLI = join(ROOT, 'src/cli/main.ts');
export const ONE_BUG = join(ROOT, 'tests/fixtures/one-bug');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: no model and no E2B key, so the offline repair engine and the local sandbox are used. */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['OPENAI_API_KEY', 'E2B_API_KEY', 'IMPROVE_MODEL']) if (!(name in extra)) delete env[name];
  return env;
}

/** Runs the real CLI (or `entry`, e.g. a built bin/improve.js) in a child process. */
export function runCli(args: string[], options: { stdin?: string; entry?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', options.entry ?? CLI, ...args], {
      cwd: ROOT,
      env: offlineEnv(options.env),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A directory removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'improve-cli-'));
  made.push(dir);
  return dir;
}

/** A private copy of a project (without its .improve); its packages resolve from the repo's node_modules. */
export async function projectCopy(source: string): Promise<string> {
  const dir = await tempDir();
  await cp(source, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.improve)$/.test(src) });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The names in a directory, sorted: to prove a run left nothing behind. */
export const entries = async (dir: string) => (await readdir(dir)).sort();
