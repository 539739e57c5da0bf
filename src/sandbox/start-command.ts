import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { commandResult } from './command-result.ts';
import { SandboxError } from './errors.ts';
import type { Launch } from './isolation.ts';
import { TailBuffer, textStream } from './output.ts';
import type { CommandResult } from './types.ts';

export interface StartCommandOptions {
  env: Record<string, string>;
  /** Wall-clock limit; 0, negative or non-finite means none. */
  timeoutMs: number;
  /** Bytes kept per stream (see TailBuffer). */
  maxRetainedBytes: number;
  onStdout?: (data: string) => void;
  onStderr?: (data: string) => void;
  abortSignal?: AbortSignal;
}

/** A started command: its eventual result, and a way to end it early. */
export interface RunningCommand {
  result: Promise<CommandResult>;
  kill(): void;
}

/** Exit code reported for a command that ran out of time, as `timeout(1)` and Mastra report it. */
export const TIMEOUT_EXIT_CODE = 124;
/** After the main process exits, how long its pipes may stay silent before we stop reading. */
const DRAIN_IDLE_MS = 500;
// setTimeout fires at once for delays above 2^31-1 ms; such limits mean "no limit" in practice.
const MAX_TIMER_MS = 2 ** 31 - 1;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

/**
 * Spawns `launch` in its own process group and collects its output. Killing (timeout, abort or
 * `kill()`) sends SIGKILL to the whole group; the isolation layers make sure that reaches
 * everything the command started (bwrap and unshare tear down their pid namespace when their
 * leader dies). When the main process exits, whatever it left behind in its group is killed too,
 * so a command never outlives its result.
 */
export function startCommand(launch: Launch, options: StartCommandOptions): RunningCommand {
  const started = Date.now();
  const child = spawn(launch.file, launch.args, {
    cwd: launch.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let timedOut = false;
  let killed = false;
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  const kill = (): void => {
    killed = true;
    killGroup();
  };

  const hasTimeout = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0;
  const timer = hasTimeout
    ? setTimeout(
        () => {
          timedOut = true;
          kill();
        },
        Math.min(options.timeoutMs, MAX_TIMER_MS),
      )
    : undefined;
  const onAbort = (): void => kill();
  options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  if (options.abortSignal?.aborted) kill();

  const stdout = new TailBuffer(options.maxRetainedBytes);
  const stderr = new TailBuffer(options.maxRetainedBytes);
  const stdoutText = textStream(options.onStdout);
  const stderrText = textStream(options.onStderr);
  // A process that escaped the group (only possible without isolation) may hold the pipes open
  // after the command exited: once they fall silent, stop reading.
  let drainTimer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    stdoutText.write(chunk);
    drainTimer?.refresh();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    stderrText.write(chunk);
    drainTimer?.refresh();
  });
  child.once('exit', () => {
    killGroup();
    drainTimer = setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    }, DRAIN_IDLE_MS).unref();
  });

  const result = new Promise<CommandResult>((resolve, reject) => {
    const cleanUp = (): void => {
      clearTimeout(timer);
      clearTimeout(drainTimer);
      options.abortSignal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error) => {
      cleanUp();
      reject(new SandboxError('EXEC_FAILED', `could not start ${launch.file}: ${error.message}`, { cause: error }));
    });
    child.once('close', (code, signal) => {
      cleanUp();
      stdoutText.end();
      stderrText.end();
      const exitCode = timedOut ? TIMEOUT_EXIT_CODE : exitCodeOf(code, signal);
      resolve(commandResult({ exitCode, timedOut, killed, timeoutMs: options.timeoutMs, startedAt: started, stdout, stderr }));
    });
  });
  return { result, kill };
}
