// The side every test process of process-worker.ts shares: it loads a runner once, then runs the
// specs the worker sends with our reporter for that runner, and answers with the Jest-format results
// the reporter wrote. Copied into the sandbox as plain JavaScript beside the worker (install.ts):
// Node built-ins only.
import { readFile, rm } from 'node:fs/promises';
import type { FromTestProcess, ToTestProcess } from './process-worker.ts';

/** A runner loaded in this process. */
export interface LoadedRunner {
  /** The project's test files, absolute. */
  testFiles: string[];
  /** Runs `specs` (absolute) with our reporter, calling `progress` on every sign of life. */
  run(specs: string[]): Promise<void>;
}

/** A sign of life at most this often. */
const PROGRESS_EVERY_MS = 50;

function send(message: FromTestProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}

let lastProgress = 0;
/** A sign of life of the tests, for the worker's watch (sent at most every PROGRESS_EVERY_MS). */
export function progress(): void {
  const now = performance.now();
  if (now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  void send({ type: 'progress' });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

// Between runs, an error a candidate's leftovers throw (a timer, a socket) must not end the process;
// during a run it is the runner's, as in the project's own runs.
const ignore = () => {};
function idle(on: boolean): void {
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    if (on) process.on(event, ignore);
    else process.off(event, ignore);
  }
}

async function run(runner: LoadedRunner, resultsFile: string, specs: string[]): Promise<FromTestProcess> {
  // Removed first: a run that breaks before its reporter writes must not read the last run's.
  await rm(resultsFile, { force: true });
  let error: string | undefined;
  idle(false);
  try {
    await runner.run(specs);
  } catch (thrown) {
    error = errorText(thrown);
  } finally {
    idle(true);
  }
  const results = await readFile(resultsFile, 'utf8').catch(() => '');
  return { type: 'done', results: results === '' ? null : results, ...(error !== undefined ? { error } : {}) };
}

/**
 * Loads the runner, says it is ready (or why it cannot run this project, and exits), then runs
 * what the worker asks, one run at a time.
 */
export async function serveTestProcess(resultsFile: string, load: () => Promise<LoadedRunner>): Promise<void> {
  // The worker is gone: so is this process.
  process.on('disconnect', () => process.exit(0));
  idle(true);
  let runner: LoadedRunner;
  try {
    runner = await load();
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  process.on('message', (message: ToTestProcess) => {
    if (message.type === 'run') void run(runner, resultsFile, message.specs).then(send);
  });
  await send({ type: 'ready', testFiles: runner.testFiles });
}
