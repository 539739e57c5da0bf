/**
 * process.Process of envd, backed by real child processes on this machine.
 *
 * Mirrors envd's behaviour where the SDK depends on it: the command starts in the requested cwd
 * (relative to home) with PATH/HOME/USER plus the sandbox's and the request's envs; events are
 * start{pid}, data{stdout|stderr} chunks as they are read, end{exitCode, exited, status, error};
 * the request deadline (Connect-Timeout-Ms) kills the process, a client that merely disconnects
 * does not; SendSignal signals the process itself, not its children.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';
import { SIGNALS } from './envd-protocol.ts';
import { type EnvdSandbox, resolveSandboxPath } from './envd-sandboxes.ts';

export interface ProcessConfig {
  cmd: string;
  args: string[];
  envs: Record<string, string>;
  cwd?: string;
}

/** `process.ProcessEvent` in its init shape (oneof `event`). */
export type ProcessEvent =
  | { event: { case: 'start'; value: { pid: number } } }
  | { event: { case: 'data'; value: { output: { case: 'stdout' | 'stderr'; value: Uint8Array } } } }
  | { event: { case: 'end'; value: { exitCode: number; exited: boolean; status: string; error?: string } } };

export interface EnvdProcess {
  readonly pid: number;
  readonly tag: string | undefined;
  readonly config: ProcessConfig;
  readonly child: ChildProcess;
  /** Adds a listener for the events still to come; returns its removal. */
  subscribe(listener: (event: ProcessEvent) => void): () => void;
}

/** How long output may still arrive after the process exited (grandchildren may hold the pipes). */
const PIPE_DRAIN_MS = 200;

/** Go's ProcessState.String(), which envd reports as `status` (and as `error` when not 0). */
function exitStatus(code: number | null, signal: NodeJS.Signals | null): string {
  if (code !== null) return `exit status ${code}`;
  const names: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: 'killed', SIGTERM: 'terminated', SIGINT: 'interrupt' };
  return `signal: ${(signal && names[signal]) ?? signal ?? 'unknown'}`;
}

/** Whether bwrap can give each command a pid namespace here (it needs root, or user namespaces). */
const canReap = process.getuid?.() === 0 && spawnSync('bwrap', ['--dev-bind', '/', '/', '--unshare-pid', 'true']).status === 0;

/**
 * The program and arguments that run a command as the sandbox user. On a real E2B VM an init
 * process reaps orphans; this machine's PID 1 does not, and zombies would count against the
 * sandbox user's process limit. So each command gets its own pid namespace, whose init (bwrap)
 * reaps them, and `setpriv` drops to the sandbox user inside it.
 */
function commandLine(cmd: string, args: readonly string[], user: EnvdSandbox['user']): { file: string; args: string[]; asUser: boolean } {
  if (!user || !canReap) return { file: cmd, args: [...args], asUser: true };
  const drop = ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'];
  return {
    file: 'bwrap',
    args: ['--dev-bind', '/', '/', '--unshare-pid', '--die-with-parent', '--', ...drop, cmd, ...args],
    asUser: false,
  };
}

export function startProcess(
  sandbox: EnvdSandbox,
  request: { config: ProcessConfig; tag?: string; stdin?: boolean; timeoutMs?: number },
  listener: (event: ProcessEvent) => void,
): EnvdProcess {
  const cwd = resolveSandboxPath(sandbox, request.config.cwd || sandbox.home);
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConnectError(`cwd '${cwd}' does not exist`, Code.InvalidArgument);
  }
  const line = commandLine(request.config.cmd, request.config.args, sandbox.user);
  const child = spawn(line.file, line.args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: sandbox.home,
      USER: 'user',
      LOGNAME: 'user',
      E2B_SANDBOX: 'true',
      E2B_SANDBOX_ID: sandbox.id,
      ...sandbox.envVars,
      ...request.config.envs,
    },
    stdio: [request.stdin === false ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(line.asUser ? sandbox.user : {}),
  });
  // A command that cannot start has no pid; the error event would otherwise crash the server.
  child.on('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new ConnectError(`error starting process '${request.config.cmd}'`, Code.InvalidArgument);

  const listeners = new Set([listener]);
  const emit = (event: ProcessEvent) => {
    for (const each of listeners) each(event);
  };
  const proc: EnvdProcess = {
    pid,
    tag: request.tag,
    config: request.config,
    child,
    subscribe(next) {
      listeners.add(next);
      return () => listeners.delete(next);
    },
  };
  sandbox.processes.set(pid, proc);
  emit({ event: { case: 'start', value: { pid } } });

  child.stdout?.on('data', (chunk: Buffer) => emit({ event: { case: 'data', value: { output: { case: 'stdout', value: chunk } } } }));
  child.stderr?.on('data', (chunk: Buffer) => emit({ event: { case: 'data', value: { output: { case: 'stderr', value: chunk } } } }));

  const deadline = request.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), request.timeoutMs) : undefined;
  child.once('exit', (code, signal) => {
    clearTimeout(deadline);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      child.stdout?.destroy();
      child.stderr?.destroy();
      sandbox.processes.delete(pid);
      const status = exitStatus(code, signal);
      emit({
        event: { case: 'end', value: { exitCode: code ?? -1, exited: code !== null, status, ...(code === 0 ? {} : { error: status }) } },
      });
      listeners.clear();
    };
    child.once('close', end);
    setTimeout(end, PIPE_DRAIN_MS).unref();
  });
  return proc;
}

export function findProcess(sandbox: EnvdSandbox, selector: { case?: string; value?: unknown } | undefined): EnvdProcess {
  const found = [...sandbox.processes.values()].find((proc) =>
    selector?.case === 'tag' ? proc.tag === selector.value : proc.pid === selector?.value,
  );
  if (!found) throw new ConnectError(`process with ${selector?.case ?? 'pid'} ${String(selector?.value)} not found`, Code.NotFound);
  return found;
}

export function sendSignal(proc: EnvdProcess, signal: number): void {
  const name = SIGNALS[signal];
  if (!name) throw new ConnectError(`invalid signal: ${signal}`, Code.InvalidArgument);
  proc.child.kill(name);
}

/** Turns pushed process events into the server stream of one RPC; ends after `end` or on disconnect. */
export async function* streamEvents(
  context: HandlerContext,
  attach: (listener: (event: ProcessEvent) => void) => void,
): AsyncGenerator<{ event: ProcessEvent }> {
  const queue: ProcessEvent[] = [];
  let wake: (() => void) | undefined;
  attach((event) => {
    queue.push(event);
    wake?.();
  });
  const disconnected = new Promise<void>((resolveAbort) => context.signal.addEventListener('abort', () => resolveAbort(), { once: true }));
  while (!context.signal.aborted) {
    const event = queue.shift();
    if (!event) {
      await Promise.race([new Promise<void>((resolveWake) => (wake = resolveWake)), disconnected]);
      continue;
    }
    yield { event };
    if (event.event.case === 'end') return;
  }
}

/** Connect-Timeout-Ms of the request: envd bounds the process (not just the stream) by it. */
export function requestTimeoutMs(context: HandlerContext): number | undefined {
  const value = Number(context.requestHeader.get('connect-timeout-ms'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
