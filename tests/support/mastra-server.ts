import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const NODE = path.join(REPO, 'node_modules/.bin/node');
const MASTRA_CLI = path.join(REPO, 'node_modules/mastra/dist/index.js');

/** What `mastra dev` bundles: the entry (src/mastra/index.ts) and everything it imports. */
const SOURCES = ['package.json', 'tsconfig.json', 'mastra.config.ts', 'src', 'steps', 'workflows'];

export interface MastraServer {
  /** e.g. http://localhost:4213 (the client's `baseUrl`; the API is under /api). */
  url: string;
  port: number;
  /** Where the server keeps its LibSQL store (IMPROVE_STORE_DIR). */
  storeDir: string;
  /** Milliseconds from spawning `mastra dev` until `/api` answered. */
  startupMs: number;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** Stops the whole process group and removes the server's temporary files. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readyTimeoutMs?: number;
}

/**
 * Starts the real `mastra dev` on a free port, offline, in its own process group, with its store
 * in a temporary directory. It runs on a snapshot of the sources in a temporary root: `mastra dev`
 * allows one dev server per `.mastra` folder (dev.lock) and rebundles and restarts whenever a
 * watched source changes, so in a checkout where someone else edits or runs `mastra dev` the
 * snapshot keeps this server to itself and its runs uninterrupted.
 */
export async function startMastraServer(options: StartOptions = {}): Promise<MastraServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'improve-mastra-'));
  const storeDir = path.join(root, 'store');
  const app = path.join(root, 'app');
  mkdirSync(storeDir);
  for (const entry of SOURCES) cpSync(path.join(REPO, entry), path.join(app, entry), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'));

  const port = await freePort();
  const url = `http://localhost:${port}`;
  const started = Date.now();
  const command = [NODE, MASTRA_CLI, 'dev', '--root', app, '--dir', path.join(app, 'src/mastra')];
  const child = spawn(NODE, ['--input-type=module', '-e', WATCHDOG, JSON.stringify({ parent: process.pid, command, root })], {
    cwd: app,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv({ PORT: String(port), IMPROVE_STORE_DIR: storeDir }),
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    await stopGroup(child, exited);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, options.readyTimeoutMs ?? 180_000, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, storeDir, startupMs: Date.now() - started, output: () => log, stop };
}

/**
 * Leads the server's process group: runs `mastra dev`, exits with it, and kills the whole group
 * and its files when the test process is gone without stopping it (a killed vitest worker), so no
 * server outlives its test run.
 */
const WATCHDOG = `
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
const { parent, command, root } = JSON.parse(process.argv[1]);
const server = spawn(command[0], command.slice(1), { stdio: 'inherit' });
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    rmSync(root, { recursive: true, force: true });
    process.kill(-process.pid, 'SIGKILL');
  }
}, 1000);
`;

/** The server's environment: offline, no telemetry, Node 24 first on PATH, no credentials of ours. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'E2B_API_KEY',
    'NODE_OPTIONS',
    'NODE_ENV',
    'VITEST',
    'VITEST_WORKER_ID',
    'VITEST_POOL_ID',
  ]) {
    delete env[key];
  }
  return {
    ...env,
    PATH: `${path.join(REPO, 'node_modules/.bin')}${path.delimiter}${env.PATH ?? ''}`,
    MASTRA_TELEMETRY_DISABLED: '1',
    MASTRA_OFFLINE: '1',
    ...extra,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`mastra dev exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`mastra dev did not answer on ${url}/api within ${timeoutMs / 1000} s:\n${output()}`);
}

/** SIGTERM to the group (mastra dev stops its server child), SIGKILL whatever is left after 10 s. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  await Promise.race([exited, sleep(10_000)]);
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
