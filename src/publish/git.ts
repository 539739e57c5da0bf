import { execFile } from 'node:child_process';

/** A git command that failed: its first line of stderr, said as what was being done. */
export class GitError extends Error {
  readonly stderr: string;
  constructor(args: readonly string[], stderr: string) {
    super(
      `git ${args[0]} failed: ${
        stderr
          .trim()
          .split('\n')
          .find((line) => line.trim() !== '') ?? 'no message'
      }`,
    );
    this.name = 'GitError';
    this.stderr = stderr;
  }
}

export interface GitOptions {
  /** Text given on stdin (a blob's content, a commit message). */
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A git working copy: commands run in `dir`, never asking on a terminal (a pipeline has none). */
export interface Git {
  dir: string;
  run(args: readonly string[], options?: GitOptions): Promise<string>;
  /** Like `run`, but undefined where git fails (a ref or setting that is not there). */
  tryRun(args: readonly string[], options?: GitOptions): Promise<string | undefined>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

export function gitAt(dir: string): Git {
  const run = (args: readonly string[], { input, env, timeoutMs = DEFAULT_TIMEOUT_MS }: GitOptions = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        'git',
        [...args],
        {
          cwd: dir,
          env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
          maxBuffer: 64 * 1024 * 1024,
          timeout: timeoutMs,
        },
        (error, stdout, stderr) => (error ? reject(new GitError(args, stderr || error.message)) : resolve(stdout)),
      );
      // git may exit before reading its input (a failing command): that is its answer, not a crash of ours.
      child.stdin?.on('error', () => {});
      child.stdin?.end(input ?? '');
    });
  return {
    dir,
    run,
    tryRun: (args, options) => run(args, options).catch(() => undefined),
  };
}
