import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { access, chmod, lchown, mkdir, mkdtemp, readFile, realpath, rename, rm, statfs, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ProviderStatus, SandboxInfo } from '@mastra/core/workspace';
import { copyProjectFiles, findNodeModules, selectProjectFiles } from './copy.ts';
import { buildSandboxEnv } from './env.ts';
import { SandboxError, SandboxFileNotFoundError } from './errors.ts';
import { SANDBOX_TMP } from './filesystem-view.ts';
import {
  buildLaunch,
  type HostTools,
  type HostUser,
  hostTools,
  isRoot,
  type LocalIsolation,
  type LocalIsolationRequest,
  resolveIsolation,
} from './isolation.ts';
import { type NodeSetup, nodeForProject } from './node-installs.ts';
import { commandLine } from './shell.ts';
import { markOwner, sweepStaleWorkspaces } from './stale-workspaces.ts';
import { type RunningCommand, startCommand } from './start-command.ts';
import {
  type CommandResult,
  type CreateSandboxOptions,
  DEFAULT_LIMITS,
  type ExecuteCommandOptions,
  type Sandbox,
  type SandboxLimits,
  type SandboxNode,
} from './types.ts';

export interface CreateLocalSandboxOptions extends CreateSandboxOptions {
  /** `auto` (default) picks bubblewrap, else unshare, else none (with a warning). */
  isolation?: LocalIsolationRequest;
}

/** Host uids handed to sandboxes: far above any real account, one fresh uid per sandbox. */
const SANDBOX_UID_BASE = 1_900_000_000;
const SANDBOX_UID_RANGE = 100_000_000;

/** How a sandbox was set up; fixed for its lifetime. */
interface LocalSetup {
  id: string;
  /** The temporary directory holding the workspace and, without bwrap, HOME and TMPDIR. */
  base: string;
  workdir: string;
  isolation: LocalIsolation;
  tools: HostTools;
  limits: SandboxLimits;
  env: Record<string, string>;
  nodeModules?: string;
  /** The Node the project's commands run on. */
  node: NodeSetup;
  runAs?: HostUser;
}

/**
 * Resolves `path` (relative to `root`, or absolute) and checks that it, after following symbolic
 * links, stays inside `root`: commands in the sandbox can plant links, and we read and write as the
 * host user.
 */
async function pathInWorkspace(root: string, path: string): Promise<string> {
  const target = resolve(root, path);
  const outside = (candidate: string): boolean => {
    const rel = relative(root, candidate);
    return rel === '..' || rel.startsWith('../') || isAbsolute(rel);
  };
  let real = target;
  for (let dir = target; ; dir = dirname(dir)) {
    // The deepest existing ancestor decides where the path really leads.
    const resolved = await realpath(dir).catch(() => undefined);
    if (resolved !== undefined) {
      real = join(resolved, relative(dir, target));
      break;
    }
  }
  if (outside(target) || outside(real)) {
    throw new SandboxError('OUTSIDE_WORKSPACE', `path leaves the sandbox workspace: ${path}`);
  }
  return real;
}

export class LocalSandbox implements Sandbox {
  readonly id: string;
  readonly name = 'Local sandbox';
  readonly provider = 'local';
  status: ProviderStatus = 'running';
  readonly workdir: string;
  readonly isolation: LocalIsolation;
  readonly limits: SandboxLimits;
  readonly node: SandboxNode;
  readonly #setup: LocalSetup;
  readonly #running = new Set<RunningCommand>();
  readonly #createdAt = new Date();
  #destroyed: Promise<void> | undefined;

  constructor(setup: LocalSetup) {
    this.#setup = setup;
    this.id = setup.id;
    this.workdir = setup.workdir;
    this.isolation = setup.isolation;
    this.limits = setup.limits;
    this.node = setup.node.node;
    trackWorkspace(setup.base);
  }

  async executeCommand(command: string, args: string[] = [], options: ExecuteCommandOptions = {}): Promise<CommandResult> {
    this.#assertUsable();
    const setup = this.#setup;
    const inBwrap = setup.isolation === 'bwrap';
    const home = inBwrap ? SANDBOX_TMP : join(setup.base, 'home');
    const launch = buildLaunch({
      isolation: setup.isolation,
      tools: setup.tools,
      workdir: setup.workdir,
      cwd: options.cwd ? resolve(setup.workdir, options.cwd) : setup.workdir,
      nodeModules: inBwrap ? setup.nodeModules : undefined,
      readOnlyDirs: setup.node.installDir ? [setup.node.installDir] : [],
      runAs: setup.runAs,
      maxProcesses: setup.limits.maxProcesses,
      script: commandLine(command, args),
    });
    const env = buildSandboxEnv({
      path: commandPath(setup.workdir, setup.node.binDir),
      home,
      tmpdir: inBwrap ? SANDBOX_TMP : join(setup.base, 'tmp'),
      host: process.env,
      overrides: [setup.env, options.env],
    });
    const running = startCommand(launch, {
      env,
      timeoutMs: options.timeout ?? setup.limits.timeoutMs,
      maxRetainedBytes: options.maxRetainedBytes ?? setup.limits.maxOutputBytes,
      onStdout: options.onStdout,
      onStderr: options.onStderr,
      abortSignal: options.abortSignal,
    });
    this.#running.add(running);
    try {
      return { ...(await running.result), command, args };
    } finally {
      this.#running.delete(running);
    }
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    this.#assertUsable();
    const target = await pathInWorkspace(this.workdir, path);
    await mkdir(dirname(target), { recursive: true });
    const owner = this.#setup.runAs;
    if (owner) {
      for (let dir = dirname(target); dir !== this.workdir && dir.startsWith(this.workdir); dir = dirname(dir)) {
        await lchown(dir, owner.uid, owner.gid);
      }
    }
    // Written beside the target and renamed over it: the file appears whole and already owned by
    // the sandbox user (code in the sandbox may read or delete it at once), and a link the
    // sandboxed code put at the target is replaced, never written through.
    const temporary = join(dirname(target), `.${basename(target)}.${randomInt(2 ** 31)}.tmp`);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    try {
      await writeFile(temporary, content, { flag: flags });
      if (owner) await lchown(temporary, owner.uid, owner.gid);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async readFile(path: string): Promise<string> {
    this.#assertUsable();
    const target = await pathInWorkspace(this.workdir, path);
    try {
      return await readFile(target, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SandboxFileNotFoundError(path);
      throw new SandboxError('READ_FAILED', `cannot read ${path} in the sandbox: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Local workspaces are throwaway copies; there is nothing to checkpoint. */
  async snapshot(): Promise<void> {}

  async start(): Promise<void> {
    this.#assertUsable();
  }

  isReady(): boolean {
    return this.status === 'running';
  }

  getInstructions(): string {
    const confinement = {
      bwrap: 'no network but loopback; of the host only /usr, /etc and Node, read-only; writable: this directory, /tmp and /dev/shm',
      unshare: 'no network but loopback; the host filesystem stays visible',
      none: 'WITHOUT isolation',
    }[this.isolation];
    const nodeModules =
      this.isolation === 'bwrap'
        ? 'node_modules is the host one, mounted read-only'
        : 'node_modules links to the host one: do not modify it';
    return `Commands run with bash in ${this.workdir}, a private copy of the project (${confinement}). ${nodeModules}.`;
  }

  getInfo(): SandboxInfo {
    return {
      id: this.id,
      name: this.name,
      provider: this.provider,
      status: this.status,
      createdAt: this.#createdAt,
      metadata: { workdir: this.workdir, isolation: this.isolation },
    };
  }

  destroy(): Promise<void> {
    this.#destroyed ??= this.#teardown();
    return this.#destroyed;
  }

  async #teardown(): Promise<void> {
    this.status = 'destroying';
    const pending = [...this.#running];
    for (const command of pending) command.kill();
    await Promise.allSettled(pending.map((command) => command.result));
    if (this.#setup.runAs) await killAllProcessesOf(this.#setup.runAs);
    await rm(this.#setup.base, { recursive: true, force: true, maxRetries: 3 });
    liveWorkspaces.delete(this.#setup.base);
    this.status = 'destroyed';
  }

  #assertUsable(): void {
    if (this.#destroyed) throw new SandboxError('DESTROYED', `sandbox ${this.id} has been destroyed`);
  }
}

/**
 * PATH of a sandboxed command: the project's own tools, then the chosen Node's directory (which
 * must come before the system's: the Node chosen may be an older one than theirs), then the system's.
 */
function commandPath(workdir: string, nodeBinDir: string | undefined): string[] {
  const path = [join(workdir, 'node_modules', '.bin'), ...(nodeBinDir ? [nodeBinDir] : []), '/usr/local/bin', '/usr/bin', '/bin'];
  return [...new Set(path)];
}

/** Workspaces not yet destroyed; removed when the process exits so that none outlives it. */
const liveWorkspaces = new Set<string>();
let removeOnExit = false;
function trackWorkspace(base: string): void {
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const dir of liveWorkspaces) rmSync(dir, { recursive: true, force: true });
    });
  }
  liveWorkspaces.add(base);
}

/**
 * SIGKILLs every process of a sandbox user, sent as that user (kill -1 reaches exactly the
 * processes it may signal: its own). Catches anything that left the command's process group.
 */
function killAllProcessesOf(user: HostUser): Promise<void> {
  return new Promise((done) => {
    const killer = spawn('/bin/kill', ['-KILL', '-1'], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
    killer.once('error', () => done());
    killer.once('close', () => done());
  });
}

/**
 * Makes `node_modules` resolve inside the workspace: bwrap mounts the host directory read-only onto
 * an empty directory; without bwrap a symbolic link points at it.
 */
async function linkNodeModules(
  workdir: string,
  nodeModules: string | undefined,
  isolation: LocalIsolation,
  owner?: HostUser,
): Promise<void> {
  if (!nodeModules) return;
  const link = join(workdir, 'node_modules');
  if (isolation === 'bwrap') await mkdir(link);
  else await symlink(nodeModules, link);
  if (owner) await lchown(link, owner.uid, owner.gid);
}

/** statfs(2) type of tmpfs. */
const TMPFS_MAGIC = 0x01021994;
/** Free memory-backed space below which workspaces go to disk instead. */
const MIN_TMPFS_FREE_BYTES = 2 * 1024 ** 3;

let workspaceRootOnce: Promise<string> | undefined;
/**
 * Where workspaces are created: the temporary directory, unless it is on disk and /dev/shm is a
 * roomy tmpfs. Creating hundreds of small files is several times faster in memory, and start-up
 * time is what every improvement round pays.
 */
function workspaceRoot(): Promise<string> {
  workspaceRootOnce ??= (async () => {
    for (const dir of [tmpdir(), '/dev/shm']) {
      const info = await statfs(dir).catch(() => undefined);
      const writable = await access(dir, constants.W_OK).then(
        () => true,
        () => false,
      );
      if (writable && info?.type === TMPFS_MAGIC && info.bavail * info.bsize >= MIN_TMPFS_FREE_BYTES) return dir;
    }
    return tmpdir();
  })();
  return workspaceRootOnce;
}

const WORKSPACE_PREFIX = 'ri-sandbox-';
/** Once per process: workspaces left behind by processes that were killed outright. */
let staleSweep: Promise<string[]> | undefined;

/** Copies `options.projectDir` into a fresh private workspace and returns a sandbox ready to run commands. */
export async function createLocalSandbox(options: CreateLocalSandboxOptions): Promise<LocalSandbox> {
  const projectDir = await realpath(options.projectDir).catch((error: unknown) => {
    throw new SandboxError('PROJECT_NOT_FOUND', `project directory not found: ${options.projectDir}`, { cause: error });
  });
  const [isolation, tools, files, { nodeModules, node }] = await Promise.all([
    resolveIsolation(options.isolation ?? 'auto'),
    hostTools(),
    selectProjectFiles(projectDir),
    findNodeModules(projectDir).then(async (nodeModules) => ({ nodeModules, node: await nodeForProject(projectDir, nodeModules) })),
  ]);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // As root, RLIMIT_NPROC does not apply and every file is readable: run as a fresh unprivileged uid.
  const uid = SANDBOX_UID_BASE + randomInt(SANDBOX_UID_RANGE);
  const runAs = isRoot() ? { uid, gid: uid } : undefined;

  const root = await workspaceRoot();
  staleSweep ??= sweepStaleWorkspaces(root, WORKSPACE_PREFIX);
  await staleSweep;
  // The real path, so that paths checked against it after following links compare equal.
  const base = await realpath(await mkdtemp(join(root, WORKSPACE_PREFIX)));
  try {
    await markOwner(base);
    const workdir = join(base, 'project');
    const home = join(base, 'home');
    const tmp = join(base, 'tmp');
    // The sandbox user must traverse `base` but not list it.
    await chmod(base, 0o711);
    await Promise.all([workdir, home, tmp].map((dir) => mkdir(dir)));
    if (runAs) await Promise.all([home, tmp].map((dir) => lchown(dir, runAs.uid, runAs.gid)));
    await copyProjectFiles(projectDir, workdir, files, runAs);
    await linkNodeModules(workdir, nodeModules, isolation, runAs);
    return new LocalSandbox({
      id: `local-${base.slice(base.lastIndexOf('-') + 1)}`,
      base,
      workdir,
      isolation,
      tools,
      limits,
      env: options.env ?? {},
      nodeModules,
      node,
      runAs,
    });
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}
