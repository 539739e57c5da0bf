/**
 * What untrusted code in a bubblewrap sandbox can reach of the host: only an allow-list. Every
 * fixture is readable or connectable by an unprivileged user, and an `unshare` sandbox (host
 * filesystem visible) proves it, so what fails under bwrap fails because it is not there.
 */
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SandboxFileNotFoundError } from '../../src/sandbox/errors.ts';
import { createLocalSandbox, type LocalSandbox } from '../../src/sandbox/local.ts';
import { REPO_NODE_MODULES, writeTree } from './local-fixtures.ts';

const SECRET = 'SECRET=containment-secret-value';
/** Top-level names a sandbox may show besides the parents of its own mount points. */
const ALLOWED_AT_ROOT = ['usr', 'etc', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'dev', 'proc', 'tmp', 'sys'];
const HOST_ONLY = ['/home', '/root', '/run', '/var', '/opt', '/srv', '/mnt', '/media', '/boot'];

const hostDirs: string[] = [];
const servers: Server[] = [];
let projectDir: string;
let sockets: string[];
let sandbox: LocalSandbox;
let neighbour: LocalSandbox;
let control: LocalSandbox;

/** A fresh host directory with the given mode (mkdtemp makes them 0700, closed to the sandbox user). */
async function hostDir(parent: string, mode: number): Promise<string> {
  const dir = await mkdtemp(join(parent, 'ri-containment-'));
  hostDirs.push(dir);
  await chmod(dir, mode);
  return dir;
}

/** A UNIX socket anyone may connect to, answering `pong`. */
async function listeningSocket(dir: string): Promise<string> {
  const path = join(dir, 'host.sock');
  const server = createServer((connection) => connection.end('pong'));
  servers.push(server);
  await new Promise<void>((listening) => server.listen(path, listening));
  await chmod(path, 0o777);
  return path;
}

const writable = (dir: string): Promise<boolean> =>
  access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );

/** Runs a CommonJS script with Node in `box`, its JSON argument as `process.argv[1]`, and parses what it prints. */
async function runNode<T>(box: LocalSandbox, script: string, argument: unknown = null): Promise<T> {
  const result = await box.executeCommand('node', ['-e', script, JSON.stringify(argument)]);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** For each path: its entries, or the error code that reading it gave. */
const LIST_OR_ERROR = `
  const fs = require('fs');
  const out = {};
  for (const path of JSON.parse(process.argv[1])) {
    try { out[path] = fs.readdirSync(path).sort(); } catch (e) { out[path] = e.code; }
  }
  console.log(JSON.stringify(out));`;

/** For each socket path: what the server said, or the error code of the connect. */
const CONNECT_ALL = `
  const net = require('net');
  const paths = JSON.parse(process.argv[1]);
  Promise.all(paths.map((path) => new Promise((done) => {
    net.connect(path).on('data', (data) => done(String(data))).on('error', (e) => done(e.code));
  }))).then((answers) => console.log(JSON.stringify(answers)));`;

/** What a listing of `dir` must show: only the next step towards the sandbox's own mount points. */
function expectedListing(dir: string, mountPoints: string[]): string[] | string {
  const steps = mountPoints.filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1).split('/')[0]!);
  return steps.length > 0 ? [...new Set(steps)].sort() : 'ENOENT';
}

beforeAll(async () => {
  // Not under /tmp, whose private copy would hide it anyway: a place the host root shows.
  projectDir = await hostDir('/var/tmp', 0o755);
  await writeTree(projectDir, { 'package.json': '{"name":"contained"}', '.gitignore': '.env\n', '.env': `${SECRET}\n` });
  await chmod(join(projectDir, '.env'), 0o644);
  await symlink(REPO_NODE_MODULES, join(projectDir, 'node_modules'));

  const socketParents = ['/var/tmp', tmpdir(), '/dev/shm', ...((await writable('/run')) ? ['/run'] : [])];
  sockets = await Promise.all(socketParents.map(async (parent) => listeningSocket(await hostDir(parent, 0o777))));

  [sandbox, neighbour, control] = await Promise.all([
    createLocalSandbox({ projectDir, isolation: 'bwrap' }),
    createLocalSandbox({ projectDir, isolation: 'bwrap' }),
    createLocalSandbox({ projectDir, isolation: 'unshare' }),
  ]);
});

afterAll(async () => {
  await Promise.all([sandbox, neighbour, control].map((box) => box?.destroy()));
  await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  await Promise.all(hostDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('cannot read the original project, its gitignored .env included', async () => {
  const paths = [join(projectDir, '.env'), join(projectDir, 'package.json')];
  const read = `
    const fs = require('fs');
    console.log(JSON.stringify(JSON.parse(process.argv[1]).map((path) => {
      try { return fs.readFileSync(path, 'utf8').trim(); } catch (e) { return e.code; }
    })));`;
  expect(await runNode(control, read, paths)).toEqual([SECRET, '{"name":"contained"}']);
  expect(await runNode(sandbox, read, paths)).toEqual(['ENOENT', 'ENOENT']);
  // The copy leaves it out too.
  await expect(sandbox.readFile('.env')).rejects.toBeInstanceOf(SandboxFileNotFoundError);
});

test('shows nothing of the host root but the system directories and its own mount points', async () => {
  // The project links the repository's node_modules, whose own Node (node_modules/.bin/node) it runs on: no Node mount.
  const mountPoints = [sandbox.workdir];
  const listings = await runNode<Record<string, string[] | string>>(sandbox, LIST_OR_ERROR, ['/', ...HOST_ONLY]);

  const ownTops = mountPoints.map((path) => path.split('/')[1]!);
  expect(listings['/']).toBeInstanceOf(Array);
  for (const name of listings['/']!) expect([...ALLOWED_AT_ROOT, ...ownTops], name).toContain(name);
  for (const dir of HOST_ONLY) expect(listings[dir], dir).toEqual(expectedListing(dir, mountPoints));
});

test('cannot see another live sandbox, nor anything else next to its own workspace', async () => {
  expect(existsSync(neighbour.workdir)).toBe(true);
  const base = dirname(sandbox.workdir);
  const listings = await runNode<Record<string, string[] | string>>(sandbox, LIST_OR_ERROR, [neighbour.workdir, dirname(base)]);
  expect(listings[neighbour.workdir]).toBe('ENOENT');
  expect(listings[dirname(base)]).toEqual([base.slice(dirname(base).length + 1)]);
});

test('cannot connect to host UNIX sockets at world-writable paths, and its /dev holds none', async () => {
  expect(await runNode(control, CONNECT_ALL, sockets)).toEqual(sockets.map(() => 'pong'));
  expect(await runNode(sandbox, CONNECT_ALL, sockets)).toEqual(sockets.map(() => 'ENOENT'));

  const devSockets = await sandbox.executeCommand('find /dev -type s');
  expect(devSockets.exitCode, devSockets.stderr).toBe(0);
  expect(devSockets.stdout).toBe('');
});

test('still runs Node with every CPU, worker threads and packages from node_modules', async () => {
  const probe = `
    const os = require('os');
    const { Worker } = require('worker_threads');
    const worker = new Worker('require("worker_threads").parentPort.postMessage(42)', { eval: true });
    worker.once('message', (fromWorker) => {
      const vitest = require.resolve('vitest/package.json');
      console.log(JSON.stringify({ cpus: os.cpus().length, parallelism: os.availableParallelism(), fromWorker, vitest }));
    });`;
  const seen = await runNode<{ cpus: number; parallelism: number; fromWorker: number; vitest: string }>(sandbox, probe);
  expect(seen.cpus).toBeGreaterThan(0);
  expect(seen.parallelism).toBe(availableParallelism());
  expect(seen.fromWorker).toBe(42);
  expect(seen.vitest).toBe(join(sandbox.workdir, 'node_modules/vitest/package.json'));
});

test('writes its workspace, /tmp and /dev/shm, but neither node_modules nor Node', async () => {
  const scratch = await sandbox.executeCommand('echo a > new.txt && echo b > /tmp/b && echo c > /dev/shm/c && cat /tmp/b /dev/shm/c');
  expect(scratch.stdout, scratch.stderr).toBe('b\nc\n');
  expect(await sandbox.readFile('new.txt')).toBe('a\n');

  const nodeDir = await sandbox.executeCommand('dirname "$(readlink -f "$(command -v node)")"');
  for (const dir of ['node_modules', nodeDir.stdout.trim()]) {
    const result = await sandbox.executeCommand('touch', [join(dir, 'ri-written')]);
    expect(result.stderr, dir).toContain('Read-only file system');
  }
  expect(existsSync(join(REPO_NODE_MODULES, 'ri-written'))).toBe(false);
});
