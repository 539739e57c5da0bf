// The validator worker of a runner that runs tests in its own process (mocha, jest in band): runs
// INSIDE the sandbox, started by the host with the project root as its working directory, and
// speaks the protocol of the vitest worker (validator-worker.ts). A candidate stuck in a
// synchronous loop would stop anything else in the process running its tests: this process only
// takes requests, patches the project in place (one candidate per run, originals restored after)
// and watches the time, while the tests run in a child process (test-process.ts and the runner's
// own part) that keeps the runner and the project's dependencies loaded between runs. A child over
// its limits is killed and replaced; what is saved is a start of the runner per candidate.
//
// Copied into the sandbox as plain JavaScript (install.ts), run by the project's Node (20 or
// later): Node built-ins and the scripts installed beside it only.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportedEntry, RunEntry, WorkerConfig } from './protocol.ts';
import { fail, openInbox, type RunRequest, send, serveRequests, sleep } from './worker-loop.ts';

/** Messages to a test process. */
export type ToTestProcess = { type: 'run'; specs: string[] };
/** Messages from a test process. */
export type FromTestProcess =
  /** Loaded, with the project's test files (absolute). */
  | { type: 'ready'; testFiles: string[] }
  /** It cannot run this project's tests; it exits. */
  | { type: 'failed'; message: string }
  /** Tests are moving: a test, hook or test file started or ended. */
  | { type: 'progress' }
  /** The run's end. No results: it broke before the reporter wrote them (`error` says how). */
  | { type: 'done'; results: string | null; error?: string };

/** How to start a runner's test process. */
export interface TestProcessPlan {
  /** The script, installed beside the worker. */
  script: string;
  /** Its one argument (JSON): what it needs to know of the project and of our reporter. */
  setup: unknown;
  /** Node's flags for it. */
  nodeArgs: string[];
}

/** How often a running run's limits are checked. */
const WATCH_MS = 25;
const STDERR_TAIL_CHARS = 2_000;

const root = process.cwd();
const toRel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');

export function readConfig(): WorkerConfig {
  return JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
}

type RunEnd = { kind: 'done'; results: string | null; error?: string } | { kind: 'timed-out' } | { kind: 'exited'; how: string };

interface RunLimits {
  timeoutMs: number;
  /** The run counts as hung once the tests have shown no sign of life for this long. */
  stallMs: number;
}

/** One child process holding a warm runner; after a run that it did not finish, it is gone. */
class TestProcess {
  readonly testFiles: string[];
  readonly #child: ChildProcess;
  readonly #exited: Promise<string>;
  readonly #stderr: { tail: string };

  private constructor(child: ChildProcess, exited: Promise<string>, stderr: { tail: string }, testFiles: string[]) {
    this.#child = child;
    this.#exited = exited;
    this.#stderr = stderr;
    this.testFiles = testFiles;
  }

  static async start(plan: TestProcessPlan): Promise<TestProcess> {
    // The tests' own output goes nowhere: the host reads only our lines, and a long-lived process
    // would pile it up in the sandbox's buffers.
    const child = fork(plan.script, [JSON.stringify(plan.setup)], {
      cwd: root,
      execArgv: plan.nodeArgs,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const stderr = { tail: '' };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.tail = (stderr.tail + chunk.toString()).slice(-STDERR_TAIL_CHARS);
    });
    // On close, not exit: by then the messages it sent and its stderr have all been read.
    const exited = new Promise<string>((resolve) => {
      child.once('close', (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    });
    let failed: string | undefined;
    const ready = new Promise<string[]>((resolve) => {
      const onMessage = (message: FromTestProcess) => {
        if (message.type === 'failed') failed = message.message;
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        resolve(message.testFiles);
      };
      child.on('message', onMessage);
    });
    const started = await Promise.race([
      ready,
      exited.then((how) => new Error(failed ?? `the test process ${how}: ${stderr.tail.trim()}`)),
    ]);
    if (started instanceof Error) throw started;
    return new TestProcess(child, exited, stderr, started);
  }

  /** Runs `specs` within `limits`; a run over them kills the process. */
  async run(specs: string[], limits: RunLimits): Promise<RunEnd> {
    const started = performance.now();
    let lastProgress = started;
    let end: RunEnd | undefined;
    const onMessage = (message: FromTestProcess) => {
      if (message.type === 'progress') lastProgress = performance.now();
      if (message.type === 'done') end = { kind: 'done', results: message.results, ...(message.error ? { error: message.error } : {}) };
    };
    this.#child.on('message', onMessage);
    void this.#exited.then((how) => {
      end ??= { kind: 'exited', how: `${how}${this.#stderr.tail ? `: ${this.#stderr.tail.trim()}` : ''}` };
    });
    this.#child.send({ type: 'run', specs } satisfies ToTestProcess);
    while (end === undefined) {
      await sleep(WATCH_MS);
      const now = performance.now();
      if (end === undefined && (now - started > limits.timeoutMs || now - lastProgress > limits.stallMs)) {
        end = { kind: 'timed-out' };
        await this.kill();
      }
    }
    this.#child.off('message', onMessage);
    return end;
  }

  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#exited;
  }
}

/** Writes a candidate's files into the project; the returned function puts the originals back. */
async function patch(files: RunEntry['files']): Promise<() => Promise<void>> {
  const outside = Object.keys(files).find((rel) => path.isAbsolute(rel) || toRel(path.join(root, rel)).startsWith('..'));
  if (outside !== undefined) throw new Error(`candidate file outside the project: ${outside}`);
  const originals = new Map<string, string | undefined>();
  for (const rel of Object.keys(files)) originals.set(rel, await readFile(path.join(root, rel), 'utf8').catch(() => undefined));
  const restore = async () => {
    for (const [rel, original] of originals) {
      if (original === undefined) await rm(path.join(root, rel), { force: true });
      else await writeFile(path.join(root, rel), original);
    }
  };
  try {
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), content);
    }
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}

function reportedEntry(key: string, end: RunEnd): ReportedEntry {
  const entry = { key, timedOut: end.kind === 'timed-out', starved: false };
  if (end.kind !== 'done') {
    return { ...entry, results: null, ...(end.kind === 'exited' ? { error: `the test process ${end.how}` } : {}) };
  }
  let results: ReportedEntry['results'] = null;
  try {
    results = end.results === null ? null : (JSON.parse(end.results) as ReportedEntry['results']);
  } catch {
    // A results file cut short: no results.
  }
  return { ...entry, results, ...(end.error ? { error: end.error } : {}) };
}

/** Starts the runner's test process as `plan` says, then serves the host's requests until shutdown. */
export async function runProcessWorker(config: WorkerConfig, plan: () => TestProcessPlan): Promise<void> {
  try {
    const started = performance.now();
    await openInbox(config);
    const planned = plan();
    let tests: TestProcess | Promise<TestProcess> = await TestProcess.start(planned);
    const testFiles = tests.testFiles.map(toRel).filter((file) => !file.startsWith(`${config.stateDir}/`));
    send({ type: 'ready', testFiles: [...new Set(testFiles)].sort(), slots: false, startMs: performance.now() - started });

    const handle = async (request: RunRequest): Promise<void> => {
      const runStarted = performance.now();
      if (request.coverage) throw new Error("this worker takes no coverage (the project's own command does)");
      const [entry, ...more] = request.entries;
      if (!entry || more.length > 0) throw new Error('this worker runs one entry at a time, in place');
      const restore = await patch(entry.files);
      let end: RunEnd;
      try {
        end = await (await tests).run(
          entry.specs.map((spec) => path.join(root, spec)),
          request,
        );
      } finally {
        await restore();
      }
      // A process that did not finish its run is gone: the next one starts while the reply goes out.
      if (end.kind !== 'done') {
        tests = TestProcess.start(planned);
        tests.catch((error: unknown) => {
          fail(`the test process did not restart: ${(error as Error).message}; the worker exits to be restarted`);
          process.exit(3);
        });
      }
      send({ type: 'reported-run-result', id: request.id, ms: performance.now() - runStarted, entries: [reportedEntry(entry.key, end)] });
    };
    await serveRequests(config, handle);
    send({ type: 'bye' });
    await (await tests).kill();
    process.exit(0);
  } catch (error) {
    fail(`validator worker failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
