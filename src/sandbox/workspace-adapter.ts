/**
 * Wraps a Mastra `WorkspaceSandbox` the user already has (Mastra's LocalSandbox, @mastra/e2b,
 * Daytona, ...) as our `Sandbox`. Commands go to their `executeCommand`; files go through their
 * `writeFiles` when they have one, else through the shell (base64, so any bytes survive).
 */
import { posix } from 'node:path';
import { callLifecycle, type SandboxInfo, type WorkspaceSandbox } from '@mastra/core/workspace';
import { scrubSecrets } from './env.ts';
import { SandboxError, SandboxFileNotFoundError } from './errors.ts';
import { remoteCommandEnv } from './remote-env.ts';
import { remotePathIn } from './remote-path.ts';
import { shellQuote } from './shell.ts';
import {
  type CommandResult,
  DEFAULT_LIMITS,
  type ExecuteCommandOptions,
  type IsolationLevel,
  type Sandbox,
  type SandboxLimits,
} from './types.ts';

export interface WorkspaceAdapterOptions {
  /** Absolute path of the project inside their sandbox; file paths and commands are relative to it. */
  workdir: string;
  limits?: Partial<SandboxLimits>;
  /** Extra environment for every command (secrets are still scrubbed). */
  env?: Record<string, string>;
  /** How isolated their sandbox is. We cannot tell from outside, so `none` unless you say so. */
  isolation?: IsolationLevel;
}

/** Exit code of the read script for a missing file (sysexits' EX_NOINPUT). */
const MISSING_FILE_EXIT = 66;
/** Base64 characters per write command, well below any shell's argument limit. */
const WRITE_CHUNK_CHARS = 96 * 1024;

class WorkspaceSandboxAdapter implements Sandbox {
  readonly workdir: string;
  readonly isolation: IsolationLevel;
  readonly limits: SandboxLimits;
  readonly #theirs: WorkspaceSandbox;
  readonly #env: Record<string, string>;
  readonly #createdAt = new Date();
  #destroyed: Promise<void> | undefined;

  constructor(theirs: WorkspaceSandbox, options: WorkspaceAdapterOptions) {
    if (!posix.isAbsolute(options.workdir)) {
      throw new SandboxError('INVALID_OPTIONS', `workdir must be an absolute path inside the sandbox: ${options.workdir}`);
    }
    this.#theirs = theirs;
    this.workdir = posix.resolve(options.workdir);
    this.isolation = options.isolation ?? 'none';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#env = scrubSecrets(options.env ?? {});
  }

  get id() {
    return this.#theirs.id;
  }

  get name() {
    return this.#theirs.name;
  }

  get provider() {
    return this.#theirs.provider;
  }

  get status() {
    return this.#theirs.status;
  }

  async executeCommand(command: string, args: string[] = [], options: ExecuteCommandOptions = {}): Promise<CommandResult> {
    if (this.#destroyed) throw new SandboxError('DESTROYED', `sandbox ${this.id} has been destroyed`);
    if (!this.#theirs.executeCommand) {
      throw new SandboxError('UNSUPPORTED', `the ${this.provider} sandbox cannot run commands (no executeCommand)`);
    }
    return this.#theirs.executeCommand(command, args, {
      ...options,
      cwd: posix.resolve(this.workdir, options.cwd ?? '.'),
      env: remoteCommandEnv(this.#env, options.env),
      timeout: options.timeout ?? this.limits.timeoutMs,
      maxRetainedBytes: options.maxRetainedBytes ?? this.limits.maxOutputBytes,
    });
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const target = remotePathIn(this.workdir, path);
    const bytes = Buffer.from(content);
    if (this.#theirs.writeFiles) {
      await this.#theirs.writeFiles([{ path: target, content: bytes }]);
      return;
    }
    // Written next to the target and renamed, so the file is never seen half-written.
    const partial = `${target}.partial-${process.pid}-${Date.now()}`;
    const chunks = bytes.toString('base64').match(new RegExp(`.{1,${WRITE_CHUNK_CHARS}}`, 'g')) ?? [''];
    for (const [index, chunk] of chunks.entries()) {
      const steps = index === 0 ? [`mkdir -p ${shellQuote(posix.dirname(target))}`] : [];
      steps.push(`printf %s ${shellQuote(chunk)} | base64 -d ${index === 0 ? '>' : '>>'} ${shellQuote(partial)}`);
      if (index === chunks.length - 1) steps.push(`mv -f ${shellQuote(partial)} ${shellQuote(target)}`);
      await this.#script(steps.join(' && '), `write ${path}`);
    }
  }

  async readFile(path: string): Promise<string> {
    const target = shellQuote(remotePathIn(this.workdir, path));
    const result = await this.#script(`if [ -f ${target} ]; then base64 ${target}; else exit ${MISSING_FILE_EXIT}; fi`, `read ${path}`, [
      MISSING_FILE_EXIT,
    ]);
    if (result.exitCode === MISSING_FILE_EXIT) throw new SandboxFileNotFoundError(path);
    return Buffer.from(result.stdout.replace(/\s+/g, ''), 'base64').toString('utf8');
  }

  async snapshot(): Promise<void> {
    await this.#theirs.snapshot();
  }

  async isReady(): Promise<boolean> {
    return (await this.#theirs.isReady?.()) ?? this.status === 'running';
  }

  async getInfo(): Promise<SandboxInfo> {
    const theirs = await this.#theirs.getInfo?.();
    return theirs ?? { id: this.id, name: this.name, provider: this.provider, status: this.status, createdAt: this.#createdAt };
  }

  destroy(): Promise<void> {
    // Through Mastra's lifecycle wrapper, which also moves their status to `destroyed`.
    this.#destroyed ??= callLifecycle(this.#theirs, 'destroy');
    return this.#destroyed;
  }

  /** Runs a helper script with full output retained; fails unless it exits 0 or with an expected code. */
  async #script(script: string, action: string, expectedCodes: number[] = []): Promise<CommandResult> {
    const result = await this.executeCommand(script, [], { cwd: this.workdir, maxRetainedBytes: Infinity });
    if (result.exitCode === 0 || expectedCodes.includes(result.exitCode)) return result;
    const detail = result.stderr.trim().split('\n').at(-1) || `exit code ${result.exitCode}`;
    throw new SandboxError('COMMAND_FAILED', `could not ${action} in the ${this.provider} sandbox: ${detail}`);
  }
}

/** Our `Sandbox` over a Mastra `WorkspaceSandbox`; `workdir` is where the project lives inside it. */
export function fromWorkspaceSandbox(theirs: WorkspaceSandbox, options: WorkspaceAdapterOptions): Sandbox {
  return new WorkspaceSandboxAdapter(theirs, options);
}
