import type { TailBuffer } from './output.ts';
import type { CommandResult } from './types.ts';

/** How a command ended, with the output it left: what every sandbox turns into a `CommandResult`. */
export interface CommandEnd {
  exitCode: number;
  timedOut: boolean;
  killed: boolean;
  /** The limit it ran under, named in the message of a timeout. */
  timeoutMs: number;
  /** Epoch ms when it started. */
  startedAt: number;
  stdout: TailBuffer;
  stderr: TailBuffer;
}

export function commandResult({ exitCode, timedOut, killed, timeoutMs, startedAt, stdout, stderr }: CommandEnd): CommandResult {
  const out = stdout.result();
  const err = stderr.result();
  return {
    success: exitCode === 0 && !killed,
    exitCode,
    stdout: out.text,
    stderr: timedOut ? `${err.text}\nProcess timed out after ${timeoutMs}ms` : err.text,
    executionTimeMs: Date.now() - startedAt,
    timedOut,
    killed,
    stdoutTruncated: out.truncated,
    stderrTruncated: err.truncated,
    stdoutDroppedBytes: out.droppedBytes,
    stderrDroppedBytes: err.droppedBytes,
  };
}
