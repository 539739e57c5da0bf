// The mocha validator worker: runs INSIDE the sandbox, started by the host with the project root as
// its working directory, and speaks the protocol of the vitest worker (validator-worker.ts). Mocha
// runs tests in its own process, where a candidate stuck in a synchronous loop would stop anything
// else: this process only takes requests, patches the project in place (one candidate per run,
// originals restored after) and watches the time, while the tests run in a child process
// (mocha-test-process.ts) that keeps mocha and the project's dependencies loaded between runs. A
// child over its limits is killed and replaced; a start of mocha per candidate is what it saves.
//
// Copied into the sandbox as plain JavaScript (install.ts) and run by the project's Node (20 or
// later): Node built-ins, the project's mocha and the scripts installed beside it only.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromTestProcess, TestProcessSetup, ToTestProcess } from './mocha-test-process.ts';
import type { ReportedEntry, RunEntry, WorkerConfig } from './protocol.ts';
import { fail, openInbox, type RunRequest, send, serveRequests, sleep } from './worker-loop.ts';

/** How often a running run's limits are checked. */
const WATCH_MS = 25;
const STDERR_TAIL_CHARS = 2_000;
/** Mocha's default spec (its CLI's `[spec..]`). */
const DEFAULT_SPEC = ['test'];
/** Options that would make mocha run something other than one serial run in this process. */
const DROPPED_OPTIONS = ['parallel', 'jobs', 'j', 'watch', 'w', 'node-option', 'n'];

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const root = process.cwd();

const here = fileURLToPath(import.meta.url);
// Installed beside this script, with the same extension.
const testProcessScript = path.join(path.dirname(here), `mocha-test-process${path.extname(here)}`);
const projectRequire = createRequire(path.join(root, 'package.json'));

const toRel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
const camelCase = (key: string): string => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

interface MochaSetup {
  /** Options for `new Mocha()`, keyed as mocha's CLI gives them (dashed and camelCase). */
  options: Record<string, unknown>;
  /** Absolute test files, in mocha's order. */
  files: string[];
  /** Node's flags for the test process: the command's own, and those mocha's CLI would give node. */
  nodeArgs: string[];
  /** The mocha adapter's reporter (written by the host) and its results file. */
  reporter: NonNullable<WorkerConfig['reporter']>;
}

/**
 * What mocha's CLI would run, read as it reads it (mocha 6 on): the project's command's arguments
 * over `.mocharc.*`, package.json's `mocha` key and mocha's defaults; the test files its spec
 * globs, extensions and ignores give.
 */
function mochaSetup(): MochaSetup {
  if (!config.reporter) throw new Error('no reporter to run mocha with');
  const cli = (module: string) => {
    try {
      return projectRequire(`mocha/lib/cli/${module}`);
    } catch {
      throw new Error(`the project's mocha has no lib/cli/${module} (mocha 6 or later is kept warm)`);
    }
  };
  const { loadOptions } = cli('options') as { loadOptions: (argv: string[]) => Record<string, unknown> };
  const collectFiles = cli('collect-files') as (params: object) => string[] | { files: string[] };
  const { isNodeFlag, unparseNodeFlags } = cli('node-flags') as {
    isNodeFlag: (flag: string) => boolean;
    unparseNodeFlags: (flags: object) => string[];
  };
  const options: Record<string, unknown> = {};
  const nodeFlags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(loadOptions(config.command?.args ?? []))) {
    if (key !== '_' && isNodeFlag(key)) nodeFlags[key] = value;
    else options[key] = options[camelCase(key)] = value;
  }
  const nodeOptions = ([] as string[]).concat((options['node-option'] as string[] | undefined) ?? []).map((flag) => `--${flag}`);
  for (const key of DROPPED_OPTIONS) delete options[key];
  const list = (key: string): string[] => ([] as string[]).concat((options[key] as string | string[] | undefined) ?? []);
  const spec = [...list('_'), ...list('spec')];
  const collected = collectFiles({
    ignore: list('ignore'),
    extension: list('extension'),
    file: list('file'),
    recursive: options.recursive === true,
    sort: options.sort === true,
    spec: spec.length > 0 ? spec : DEFAULT_SPEC,
  });
  const files = (Array.isArray(collected) ? collected : collected.files).filter((file) => !toRel(file).startsWith(`${config.stateDir}/`));
  return {
    options,
    files,
    reporter: config.reporter,
    nodeArgs: [...(config.command?.nodeArgs ?? []), ...nodeOptions, ...unparseNodeFlags(nodeFlags)],
  };
}

/** The type field of the package.json nearest above `dir` (within the project). */
async function packageType(dir: string, cache: Map<string, string | undefined>): Promise<string | undefined> {
  if (cache.has(dir)) return cache.get(dir);
  let type: string | undefined;
  try {
    type = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs';
  } catch {
    type = dir === root || !dir.startsWith(root) ? undefined : await packageType(path.dirname(dir), cache);
  }
  cache.set(dir, type);
  return type;
}

/** The first test file Node loads as an ES module, whose cache `import()` never lets go of. */
async function firstEsModule(files: string[]): Promise<string | undefined> {
  const cache = new Map<string, string | undefined>();
  for (const file of files) {
    if (/\.c[jt]s$/.test(file)) continue;
    if (/\.m[jt]s$/.test(file) || (await packageType(path.dirname(file), cache)) === 'module') return file;
  }
  return undefined;
}

// ---- the test process ----

type RunEnd = { kind: 'done'; results: string | null; error?: string } | { kind: 'timed-out' } | { kind: 'exited'; how: string };

interface RunLimits {
  timeoutMs: number;
  /** The run counts as hung once the tests have shown no sign of life for this long. */
  stallMs: number;
}

/** One child process holding a warm mocha; after a run that it did not finish, it is gone. */
class TestProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<string>;
  #stderr = '';

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
    });
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    });
  }

  static async start(setup: MochaSetup): Promise<TestProcess> {
    const processSetup: TestProcessSetup = {
      options: setup.options,
      reporter: path.join(root, setup.reporter.file),
      results: path.join(root, setup.reporter.results),
    };
    // The tests' own output goes nowhere: the host reads only our lines, and a long-lived process
    // would pile it up in the sandbox's buffers.
    const child = fork(testProcessScript, [JSON.stringify(processSetup)], {
      cwd: root,
      execArgv: setup.nodeArgs,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const started = new TestProcess(child);
    const ready = new Promise<void>((resolve) => {
      const onMessage = (message: FromTestProcess) => {
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
    });
    const exited = await Promise.race([ready.then(() => undefined), started.#exited]);
    if (exited !== undefined) throw new Error(`mocha's test process ${exited}: ${started.#stderr.trim()}`);
    return started;
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
      end ??= { kind: 'exited', how: `${how}${this.#stderr ? `: ${this.#stderr.trim()}` : ''}` };
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

// ---- runs ----

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

async function main(): Promise<void> {
  const started = performance.now();
  await openInbox(config);
  const setup = mochaSetup();
  const esModule = await firstEsModule(setup.files);
  if (esModule !== undefined) {
    throw new Error(`${toRel(esModule)} is an ES module: the module cache of import() cannot be emptied between candidates`);
  }
  let tests: TestProcess | Promise<TestProcess> = await TestProcess.start(setup);
  send({ type: 'ready', testFiles: setup.files.map(toRel).sort(), slots: false, startMs: performance.now() - started });

  const handle = async (request: RunRequest): Promise<void> => {
    const runStarted = performance.now();
    if (request.coverage) throw new Error("the mocha worker takes no coverage (the project's own command does)");
    const [entry, ...more] = request.entries;
    if (!entry || more.length > 0) throw new Error('the mocha worker runs one entry at a time, in place');
    const restore = await patch(entry.files);
    let end: RunEnd;
    try {
      const warm = await tests;
      end = await warm.run(
        entry.specs.map((spec) => path.join(root, spec)),
        request,
      );
    } finally {
      await restore();
    }
    // A process that did not finish its run is gone: the next one starts while the reply goes out.
    if (end.kind !== 'done') {
      tests = TestProcess.start(setup);
      tests.catch((error: unknown) => {
        fail(`mocha's test process did not restart: ${(error as Error).message}; the worker exits to be restarted`);
        process.exit(3);
      });
    }
    send({ type: 'reported-run-result', id: request.id, ms: performance.now() - runStarted, entries: [reportedEntry(entry.key, end)] });
  };
  await serveRequests(config, handle);
  send({ type: 'bye' });
  await (await tests).kill();
  process.exit(0);
}

main().catch((error: unknown) => {
  fail(`mocha validator worker failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
