import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { nodeModulesFor } from '../../support/node-modules.ts';

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

/** An account without privileges: as root, file modes alone make nothing read-only. */
const NOBODY = 65_534;

export interface RunOptions {
  stdin?: string;
  /** The CLI's entry point, e.g. a built bin/improve.js; default the source. */
  entry?: string;
  env?: Record<string, string>;
  /** Run as an unprivileged user when the tests run as root, so that file modes count. */
  unprivileged?: boolean;
}

/** Starts the real CLI in a child process. */
export function startCli(args: string[], options: RunOptions = {}) {
  const asNobody = options.unprivileged && process.getuid?.() === 0;
  return spawn(NODE, ['--disable-warning=ExperimentalWarning', options.entry ?? CLI, ...args], {
    cwd: ROOT,
    env: offlineEnv(options.env),
    ...(asNobody && { uid: NOBODY, gid: NOBODY }),
  });
}

/** Runs the real CLI to its end. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = startCli(args, options);
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
  // A test may have made its directory read-only: writable again, so that it can be emptied.
  const remove = async (dir: string) => {
    await chmod(dir, 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  await Promise.all(made.splice(0).map(remove));
});

/** A directory removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'improve-cli-'));
  made.push(dir);
  return dir;
}

/** A private copy of a project (without its .improve), its packages resolving as the original's do (see nodeModulesFor). */
export async function projectCopy(source: string): Promise<string> {
  const dir = await tempDir();
  await cp(source, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.improve)$/.test(src) });
  await symlink(nodeModulesFor(source), join(dir, 'node_modules'));
  return dir;
}

/** The names in a directory, sorted: to prove a run left nothing behind. */
export const entries = async (dir: string) => (await readdir(dir)).sort();

/** Every file of a project (its node_modules aside) with its contents: to prove a run changed no byte. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes('node_modules')) files[path] = await readFile(path, 'utf8');
    else if (entry.isDirectory()) files[`${path}/`] = '';
  }
  return files;
}
