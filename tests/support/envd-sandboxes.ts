/**
 * The "remote machines" behind the local envd server: one directory per sandbox under the server's
 * root, with a home directory that relative paths resolve against (as envd resolves them against
 * the user's home) and a login profile that plays the part of the template image.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, lchownSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { EnvdProcess } from './envd-processes.ts';

export interface EnvdSandbox {
  readonly id: string;
  readonly templateId: string;
  readonly dir: string;
  readonly home: string;
  /** The unprivileged user its commands run as (envd's `user`), when this server runs as root. */
  readonly user: { uid: number; gid: number } | undefined;
  readonly accessToken: string;
  readonly envVars: Record<string, string>;
  readonly metadata: Record<string, string>;
  readonly startedAt: Date;
  endAt: Date;
  lifetime: NodeJS.Timeout | undefined;
  readonly processes: Map<number, EnvdProcess>;
}

export interface CreateSandboxRequest {
  templateID?: string;
  envVars?: Record<string, string>;
  metadata?: Record<string, string>;
  /** Seconds until the sandbox is killed. */
  timeout?: number;
}

/** The sandbox the SDK talks to in debug mode, where no control-plane call creates it. */
export const DEBUG_SANDBOX_ID = 'debug_sandbox_id';
const DEFAULT_LIFETIME_SECONDS = 300;
/** Host uids for sandbox users: far above real accounts (and the local sandbox's range), one per sandbox. */
const SANDBOX_UID_BASE = 1_700_000_000;
const SANDBOX_UID_RANGE = 100_000_000;

/** Login profile of every sandbox: the Node that runs this server is the template's Node. */
function templateProfile(): string {
  return `export PATH="${dirname(process.execPath)}:$PATH"\n`;
}

export class SandboxRegistry {
  readonly #root: string;
  readonly #templates: ReadonlySet<string>;
  readonly #sandboxes = new Map<string, EnvdSandbox>();

  constructor(root: string, templates: readonly string[]) {
    this.#root = root;
    this.#templates = new Set(templates);
    // Sandbox users must pass through the root to reach their homes.
    chmodSync(root, 0o711);
  }

  hasTemplate(templateId: string): boolean {
    return this.#templates.has(templateId);
  }

  create(request: CreateSandboxRequest, id = `sbx${randomBytes(6).toString('hex')}`): EnvdSandbox {
    const dir = join(this.#root, id);
    const home = join(dir, 'home', 'user');
    mkdirSync(home, { recursive: true, mode: 0o711 });
    writeFileSync(join(home, '.bash_profile'), templateProfile());
    const uid = SANDBOX_UID_BASE + randomInt(SANDBOX_UID_RANGE);
    const user = process.getuid?.() === 0 ? { uid, gid: uid } : undefined;
    if (user) for (const path of [home, join(home, '.bash_profile')]) lchownSync(path, user.uid, user.gid);
    const now = new Date();
    const sandbox: EnvdSandbox = {
      id,
      templateId: request.templateID ?? 'base',
      dir,
      home,
      user,
      accessToken: randomBytes(16).toString('hex'),
      envVars: request.envVars ?? {},
      metadata: request.metadata ?? {},
      startedAt: now,
      endAt: now,
      lifetime: undefined,
      processes: new Map(),
    };
    this.#sandboxes.set(id, sandbox);
    this.setTimeout(sandbox, request.timeout ?? DEFAULT_LIFETIME_SECONDS);
    return sandbox;
  }

  /** The live sandbox with this id; the debug sandbox comes to life on first use. */
  get(id: string | null): EnvdSandbox | undefined {
    if (!id) return undefined;
    const sandbox = this.#sandboxes.get(id);
    if (sandbox || id !== DEBUG_SANDBOX_ID) return sandbox;
    return this.create({}, DEBUG_SANDBOX_ID);
  }

  list(): EnvdSandbox[] {
    return [...this.#sandboxes.values()];
  }

  setTimeout(sandbox: EnvdSandbox, seconds: number): void {
    clearTimeout(sandbox.lifetime);
    sandbox.endAt = new Date(Date.now() + seconds * 1000);
    sandbox.lifetime = setTimeout(() => this.kill(sandbox.id), seconds * 1000);
    sandbox.lifetime.unref();
  }

  /** Ends the sandbox like a VM shutdown: every process it started dies, its disk is gone. */
  kill(id: string): boolean {
    const sandbox = this.#sandboxes.get(id);
    if (!sandbox) return false;
    this.#sandboxes.delete(id);
    clearTimeout(sandbox.lifetime);
    killProcessesOf(sandbox.id);
    rmSync(sandbox.dir, { recursive: true, force: true });
    return true;
  }

  killAll(): void {
    for (const id of [...this.#sandboxes.keys()]) this.kill(id);
  }
}

/** Resolves a path as envd does: `~` and relative paths against the user's home. */
export function resolveSandboxPath(sandbox: EnvdSandbox, path: string): string {
  if (path === '~' || path.startsWith('~/')) return join(sandbox.home, path.slice(1));
  if (isAbsolute(path)) return resolve(path);
  return resolve(sandbox.home, path);
}

/** Creates the missing parents of `path` owned by the sandbox user, as envd's EnsureDirs does. */
export function ensureParentDirs(sandbox: EnvdSandbox, path: string): void {
  const missing: string[] = [];
  for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    mkdirSync(dir);
    giveToUser(sandbox, dir);
  }
}

/** Hands a path envd created to the sandbox user (envd chowns what it writes to the requesting user). */
export function giveToUser(sandbox: EnvdSandbox, path: string): void {
  if (sandbox.user) lchownSync(path, sandbox.user.uid, sandbox.user.gid);
}

/**
 * Every process of a sandbox carries E2B_SANDBOX_ID in its environment (envd sets it too); killing
 * by that marker also reaches descendants that were orphaned or started their own session, as a VM
 * shutdown would.
 */
function killProcessesOf(sandboxId: string): void {
  const marker = `E2B_SANDBOX_ID=${sandboxId}\0`;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) process.kill(pid, 'SIGKILL');
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
}
