// The real `improve` CLI in a child process, as a user runs it (`npm run improve` minus npm).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const CLI = join(ROOT, 'src/cli/main.ts');
export const CLI_COMMAND = [NODE, '--disable-warning=ExperimentalWarning', CLI];

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Killed by the bench for running past `timeoutMs`. */
  timedOut: boolean;
}

export interface CliOptions {
  cwd: string;
  timeoutMs: number;
  /** Extra environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Given on stdin, then closed (default: nothing). */
  stdin?: string;
  /** A command the CLI runs under (e.g. a read-only mount), given the CLI's command line as arguments. */
  wrapper?: string[];
  /** Each `--json` event as its line arrives, with its 1-based position. */
  onEvent?: (event: Record<string, unknown>, position: number) => void;
}

export interface StartedCli {
  pid: number;
  done: Promise<CliRun>;
  signal(signal: NodeJS.Signals): void;
}

/** No model and no E2B key, as on a developer machine without credentials: the repair engine and the local sandbox. */
function cliEnv(extra: CliOptions['env'] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'E2B_API_KEY', 'IMPROVE_MODEL', 'NODE_OPTIONS']) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function startCli(args: string[], options: CliOptions): StartedCli {
  const [file, ...rest] = [...(options.wrapper ?? []), ...CLI_COMMAND, ...args];
  const started = performance.now();
  // Its own process group, so that a run past its time is stopped whole.
  const child = spawn(file!, rest, { cwd: options.cwd, env: cliEnv(options.env), detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  let events = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stdout += text;
    if (!options.onEvent) return;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = parseEvent(line);
      if (event) options.onEvent(event, ++events);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin.on('error', () => {}); // a CLI that exits before reading its input
  child.stdin.end(options.stdin ?? '');

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child.pid, 'SIGKILL');
  }, options.timeoutMs);
  const done = new Promise<CliRun>((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started), timedOut });
    });
  });
  return {
    pid: child.pid ?? -1,
    done,
    signal: (signal) => {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    },
  };
}

export const runCli = (args: string[], options: CliOptions): Promise<CliRun> => startCli(args, options).done;

function parseEvent(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function signalGroup(pgid: number | undefined, signal: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

/** The `--json` events a run printed, in order. */
export function eventsOf(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').flatMap((line): Record<string, unknown>[] => {
    const event = parseEvent(line);
    return event ? [event] : [];
  });
}

/** The exit status a shell would show: a death by signal n is 128 + n. */
export function shellStatus(run: Pick<CliRun, 'code' | 'signal'>): number {
  if (run.code !== null) return run.code;
  return 128 + (run.signal ? constants.signals[run.signal] : 0);
}
