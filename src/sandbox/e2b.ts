/**
 * A sandbox in an E2B microVM, driven through the official `e2b` SDK.
 *
 * The project travels as one tarball (one upload, one `tar -xzf`); dependencies are installed
 * inside the VM. Every command gets its environment per call (scrubbed of secrets; the SDK drops
 * create-time envs in debug mode anyway) plus a unique marker variable, so a timeout or an abort
 * can kill the command's whole process tree (envd itself only signals the top process), and what
 * it left running is swept when it ends, as the local sandbox does. `ulimit -u` bounds its
 * processes (envd runs commands as an unprivileged user, for whom the limit holds).
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { ProviderStatus, SandboxInfo } from '@mastra/core/workspace';
import {
  AuthenticationError,
  CommandExitError,
  type CommandHandle,
  Sandbox as E2BClient,
  FileNotFoundError,
  SandboxNotFoundError,
  TimeoutError,
} from 'e2b';
import { commandResult } from './command-result.ts';
import { AUTO_INSTALL_COMMAND, type E2BSettings, type E2BSettingsInput, resolveE2BSettings } from './e2b-settings.ts';
import { scrubSecrets } from './env.ts';
import { SandboxError, SandboxFileNotFoundError, SandboxUnavailableError } from './errors.ts';
import { TailBuffer } from './output.ts';
import { packProject } from './project-tarball.ts';
import { remoteCommandEnv } from './remote-env.ts';
import { remotePathIn } from './remote-path.ts';
import { commandLine, shellQuote } from './shell.ts';
import { TIMEOUT_EXIT_CODE } from './start-command.ts';
import {
  type CommandResult,
  type CreateSandboxOptions,
  DEFAULT_LIMITS,
  type ExecuteCommandOptions,
  type Sandbox,
  type SandboxLimits,
} from './types.ts';

export interface E2BSandboxOptions extends CreateSandboxOptions {
  /** E2B settings; unset ones come from E2B_* variables in `env`, then in process.env. */
  e2b?: E2BSettingsInput;
}

/** Variable carrying each command's marker; every descendant inherits it. */
const RUN_MARKER = 'IMPROVE_RUN_ID';
/** envd's own deadline trails ours, so it only acts if our kill never arrives. */
const ENVD_DEADLINE_SLACK_MS = 30_000;
/** How long a killed command may take to report its end before we stop waiting. */
const KILL_GRACE_MS = 5_000;
/** A stopped command is SIGKILLed: 128 + 9 in the shell convention, as the local sandbox reports it. */
const KILLED_EXIT_CODE = 128 + 9;
// setTimeout fires at once for delays above 2^31-1 ms; such limits mean "no limit" in practice.
const MAX_TIMER_MS = 2 ** 31 - 1;
/** envd's status words for the signals that end a process. */
const SIGNAL_NUMBERS: Record<string, number> = { killed: 9, terminated: 15, interrupt: 2 };

/** Kills every process whose environment holds this exact marker (twice, to catch late forks). */
function killByMarkerScript(marker: string): string {
  const holders = `grep -lsxzF ${shellQuote(`${RUN_MARKER}=${marker}`)} /proc/[0-9]*/environ`;
  return `for pass in 1 2; do for f in $(${holders}); do p=\${f#/proc/}; kill -9 "\${p%/environ}" 2>/dev/null; done; done; true`;
}

type StopReason = 'timeout' | 'abort';

interface Exit {
  exitCode: number;
  /** envd's status for a process that did not exit by itself, e.g. "signal: killed". */
  signalStatus?: string;
}

async function waitForExit(handle: CommandHandle): Promise<Exit | 'deadline'> {
  try {
    return { exitCode: (await handle.wait()).exitCode };
  } catch (error) {
    if (error instanceof CommandExitError) {
      return error.exitCode < 0 ? { exitCode: error.exitCode, signalStatus: error.error ?? '' } : { exitCode: error.exitCode };
    }
    if (error instanceof TimeoutError) return 'deadline';
    throw error;
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

/** SDK errors as ours: a gone or unreachable VM is "unavailable", the rest keeps its message. */
function toSandboxError(action: string, error: unknown): SandboxError {
  if (error instanceof SandboxError) return error;
  if (error instanceof AuthenticationError) {
    return new SandboxUnavailableError(`E2B rejected the credentials while trying to ${action}: ${firstLine(error)}`, { cause: error });
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const reason = (error.cause as { code?: string } | undefined)?.code ?? firstLine(error.cause);
    return new SandboxUnavailableError(`E2B is unreachable (${action}): ${reason}`, { cause: error });
  }
  if (error instanceof SandboxNotFoundError || error instanceof TimeoutError) {
    return new SandboxUnavailableError(`the E2B sandbox is gone or unreachable (${action}): ${firstLine(error)}`, { cause: error });
  }
  return new SandboxError('E2B_FAILED', `could not ${action}: ${firstLine(error)}`, { cause: error });
}

async function assertProjectDir(projectDir: string): Promise<void> {
  const info = await stat(projectDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new SandboxError('PROJECT_NOT_FOUND', `project directory not found: ${projectDir}`);
}

async function openClient(settings: E2BSettings): Promise<E2BClient> {
  try {
    return await E2BClient.create(settings.template, {
      apiKey: settings.apiKey,
      domain: settings.domain,
      debug: settings.debug,
      apiUrl: settings.apiUrl,
      sandboxUrl: settings.sandboxUrl,
      timeoutMs: settings.lifetimeMs,
    });
  } catch (error) {
    throw toSandboxError(`start an E2B sandbox from template '${settings.template}'`, error);
  }
}

/** Uploads the project as one tarball into the home directory, unpacks it and returns the absolute workdir. */
async function uploadProject(client: E2BClient, tarball: Buffer): Promise<string> {
  const dir = `project-${randomUUID().slice(0, 8)}`;
  const archive = `${dir}.tgz`;
  await client.files.write(archive, new Blob([new Uint8Array(tarball)]));
  const unpacked = await client.commands.run(
    `mkdir -p ${dir} && tar -xzf ${archive} -C ${dir} --no-same-owner && rm -f ${archive} && cd ${dir} && pwd`,
  );
  const workdir = unpacked.stdout.trim().split('\n').at(-1);
  if (!workdir?.startsWith('/'))
    throw new SandboxError('E2B_FAILED', `could not locate the unpacked project (got "${unpacked.stdout.trim()}")`);
  return workdir;
}

interface ActiveRun {
  stop(reason: StopReason): void;
  done: Promise<unknown>;
}

interface E2BSandboxInit {
  client: E2BClient;
  /** When the VM's lifetime began counting (just before it was requested). */
  requestedAt: number;
  settings: E2BSettings;
  workdir: string;
  limits: SandboxLimits;
  env: Record<string, string>;
}

export class E2BSandbox implements Sandbox {
  readonly id: string;
  readonly name = 'E2B Sandbox';
  readonly provider = 'e2b';
  readonly isolation = 'remote' as const;
  readonly workdir: string;
  readonly limits: SandboxLimits;
  status: ProviderStatus = 'running';
  readonly #client: E2BClient;
  readonly #settings: E2BSettings;
  readonly #env: Record<string, string>;
  readonly #createdAt = new Date();
  readonly #runs = new Set<ActiveRun>();
  #extendedAt: number;
  #teardown: Promise<void> | undefined;

  constructor(init: E2BSandboxInit) {
    this.#client = init.client;
    this.#settings = init.settings;
    this.workdir = init.workdir;
    this.limits = init.limits;
    this.#env = init.env;
    this.id = init.client.sandboxId;
    this.#extendedAt = init.requestedAt;
  }

  /** Starts a VM, uploads the project and installs its dependencies; the sandbox is ready to run tests. */
  static async create(options: E2BSandboxOptions): Promise<E2BSandbox> {
    const settings = resolveE2BSettings(options.e2b, { ...process.env, ...options.env });
    await assertProjectDir(options.projectDir);
    const requestedAt = Date.now();
    const [client, tarball] = await Promise.allSettled([openClient(settings), packProject(options.projectDir)]);
    if (client.status === 'rejected') throw client.reason;
    if (tarball.status === 'rejected') {
      await client.value.kill().catch(() => false);
      throw tarball.reason;
    }
    let sandbox: E2BSandbox | undefined;
    try {
      const workdir = await uploadProject(client.value, tarball.value.bytes);
      sandbox = new E2BSandbox({
        client: client.value,
        requestedAt,
        settings,
        workdir,
        limits: { ...DEFAULT_LIMITS, ...options.limits },
        env: scrubSecrets(options.env ?? {}),
      });
      await sandbox.#installDependencies();
      return sandbox;
    } catch (error) {
      await (sandbox ? sandbox.destroy() : client.value.kill().catch(() => false));
      throw toSandboxError('prepare the project in the E2B sandbox', error);
    }
  }

  async executeCommand(command: string, args: string[] = [], options: ExecuteCommandOptions = {}): Promise<CommandResult> {
    this.#assertUsable();
    const startedAt = Date.now();
    const timeoutMs = options.timeout ?? this.limits.timeoutMs;
    const hasTimeout = Number.isFinite(timeoutMs) && timeoutMs > 0;
    const maxBytes = options.maxRetainedBytes ?? this.limits.maxOutputBytes;
    const stdout = new TailBuffer(maxBytes);
    const stderr = new TailBuffer(maxBytes);
    const finish = (exitCode: number, flags: { timedOut: boolean; killed: boolean }): CommandResult => ({
      command,
      args,
      ...commandResult({ exitCode, ...flags, timeoutMs, startedAt, stdout, stderr }),
    });
    if (options.abortSignal?.aborted) return finish(KILLED_EXIT_CODE, { timedOut: false, killed: true });

    await this.#keepAlive();
    const marker = randomUUID();
    let handle: CommandHandle;
    try {
      handle = await this.#client.commands.run(`ulimit -u ${this.limits.maxProcesses} 2>/dev/null\n${commandLine(command, args)}`, {
        background: true,
        cwd: options.cwd ? posix.resolve(this.workdir, options.cwd) : this.workdir,
        envs: { ...remoteCommandEnv(this.#env, options.env), [RUN_MARKER]: marker },
        timeoutMs: hasTimeout ? timeoutMs + ENVD_DEADLINE_SLACK_MS : 0,
        onStdout: (text) => {
          stdout.push(Buffer.from(text));
          options.onStdout?.(text);
        },
        onStderr: (text) => {
          stderr.push(Buffer.from(text));
          options.onStderr?.(text);
        },
      });
    } catch (error) {
      throw toSandboxError(`start \`${command}\``, error);
    }

    let stopped: StopReason | undefined;
    let killing: Promise<void> | undefined;
    let giveUp: (value: 'gone') => void = () => undefined;
    const gone = new Promise<'gone'>((resolve) => (giveUp = resolve));
    const stop = (reason: StopReason) => {
      if (stopped) return;
      stopped = reason;
      killing = this.#sweep(marker).then(() =>
        handle.kill().then(
          () => undefined,
          () => undefined,
        ),
      );
      // A killed command reports its end at once; if it cannot (VM unreachable), stop waiting.
      void killing.then(() => setTimeout(() => giveUp('gone'), KILL_GRACE_MS).unref());
    };
    const exited = waitForExit(handle);
    const run: ActiveRun = { stop, done: exited.catch(() => undefined) };
    this.#runs.add(run);
    const timer = hasTimeout ? setTimeout(() => stop('timeout'), Math.min(timeoutMs, MAX_TIMER_MS)) : undefined;
    const onAbort = () => stop('abort');
    options.abortSignal?.addEventListener('abort', onAbort, { once: true });
    if (options.abortSignal?.aborted) stop('abort');
    try {
      const outcome = await Promise.race([exited, gone]);
      if (outcome === 'gone') await handle.disconnect();
      // The top process may end before the rest of its tree: stopped or not, nothing outlives the result.
      await (killing ?? this.#sweep(marker));
      const exit = outcome === 'gone' ? { exitCode: -1, signalStatus: 'signal: killed' } : outcome;
      if (exit === 'deadline' || stopped === 'timeout') return finish(TIMEOUT_EXIT_CODE, { timedOut: true, killed: true });
      if (stopped === 'abort') return finish(KILLED_EXIT_CODE, { timedOut: false, killed: true });
      if (exit.signalStatus !== undefined) {
        const signal = SIGNAL_NUMBERS[exit.signalStatus.replace(/^signal: /, '')];
        return finish(signal ? 128 + signal : 1, { timedOut: false, killed: true });
      }
      return finish(exit.exitCode, { timedOut: false, killed: false });
    } catch (error) {
      throw toSandboxError(`run \`${command}\``, error);
    } finally {
      clearTimeout(timer);
      options.abortSignal?.removeEventListener('abort', onAbort);
      this.#runs.delete(run);
    }
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const target = this.#pathInWorkdir(path);
    try {
      await this.#client.files.write(target, typeof content === 'string' ? content : new Blob([new Uint8Array(content)]));
    } catch (error) {
      throw toSandboxError(`write ${path}`, error);
    }
  }

  async readFile(path: string): Promise<string> {
    const target = this.#pathInWorkdir(path);
    try {
      return await this.#client.files.read(target);
    } catch (error) {
      if (error instanceof FileNotFoundError) throw new SandboxFileNotFoundError(path);
      throw toSandboxError(`read ${path}`, error);
    }
  }

  destroy(): Promise<void> {
    this.#teardown ??= this.#destroyNow();
    return this.#teardown;
  }

  async snapshot(): Promise<void> {
    // E2B snapshots are not used: every improvement cycle starts from the project on disk.
  }

  isReady(): boolean {
    return this.status === 'running';
  }

  getInstructions(): string {
    return `Commands run with bash in ${this.workdir}, a copy of the project inside an E2B microVM (template ${this.#settings.template}); its dependencies were installed there.`;
  }

  getInfo(): SandboxInfo {
    return {
      id: this.id,
      name: this.name,
      provider: this.provider,
      status: this.status,
      createdAt: this.#createdAt,
      metadata: { template: this.#settings.template, workdir: this.workdir },
    };
  }

  async #installDependencies(): Promise<void> {
    const { install, installTimeoutMs } = this.#settings;
    if (install === 'skip') return;
    const result = await this.executeCommand(install === 'auto' ? AUTO_INSTALL_COMMAND : install, [], { timeout: installTimeoutMs });
    if (result.success) return;
    const lastLine = (result.stderr.trim() || result.stdout.trim()).split('\n').at(-1) ?? '';
    const why = result.timedOut ? `timed out after ${installTimeoutMs} ms` : `exit code ${result.exitCode}`;
    throw new SandboxError('INSTALL_FAILED', `installing dependencies in the E2B sandbox failed (${why}): ${lastLine}`);
  }

  /** Kills every process of one command, wherever it went (new session, double fork). */
  async #sweep(marker: string): Promise<void> {
    await this.#client.commands.run(killByMarkerScript(marker), { timeoutMs: KILL_GRACE_MS }).catch(() => undefined);
  }

  /** E2B ends a VM after its lifetime; a long improvement loop keeps extending it. */
  async #keepAlive(): Promise<void> {
    if (Date.now() - this.#extendedAt < this.#settings.lifetimeMs / 2) return;
    this.#extendedAt = Date.now();
    await this.#client.setTimeout(this.#settings.lifetimeMs).catch(() => undefined);
  }

  #assertUsable(): void {
    if (this.#teardown) throw new SandboxError('DESTROYED', `sandbox ${this.id} has been destroyed`);
  }

  #pathInWorkdir(path: string): string {
    this.#assertUsable();
    return remotePathIn(this.workdir, path);
  }

  async #destroyNow(): Promise<void> {
    this.status = 'destroying';
    const runs = [...this.#runs];
    for (const run of runs) run.stop('abort');
    await Promise.all(runs.map((run) => run.done));
    if (this.#settings.debug) {
      // Debug mode has no VM to kill: the daemon's machine lives on, so clean up after ourselves.
      await this.#client.commands.run(`rm -rf ${shellQuote(this.workdir)}`).catch(() => undefined);
    }
    await this.#client.kill().catch(() => false);
    this.status = 'destroyed';
  }
}

export function createE2BSandbox(options: E2BSandboxOptions): Promise<E2BSandbox> {
  return E2BSandbox.create(options);
}
