// The process the mocha validator worker (mocha-worker.ts) runs the tests in: it loads the project's
// mocha once and keeps it, with the project's dependencies, between runs; each run empties the
// module cache of the project's own files, so the tests and the code under test load as they are
// now on disk (the candidate's files), and runs a new Mocha with the project's options and our
// reporter (the Jest-format results the report is read from). Forked with an IPC channel; copied
// into the sandbox as plain JavaScript like the worker (install.ts): Node built-ins and the
// project's mocha only. CommonJS tests only: `import()` keeps a module for the life of the process.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What the worker gives the process at its start (as its one argument, JSON). */
export interface TestProcessSetup {
  /** Mocha's options as its CLI reads them from the project's command and config files. */
  options: Record<string, unknown>;
  /** Absolute paths: our mocha reporter, and the results file it writes. */
  reporter: string;
  results: string;
}

export type ToTestProcess = { type: 'run'; specs: string[] };
export type FromTestProcess =
  | { type: 'ready' }
  /** Tests are moving: a test, hook or test file started or ended. */
  | { type: 'progress' }
  /** The run's end. No results: it broke before the reporter wrote them (`error` says how). */
  | { type: 'done'; results: string | null; error?: string };

/** A sign of life at most this often. */
const PROGRESS_EVERY_MS = 50;
const RUNNER_EVENTS = ['suite', 'suite end', 'test', 'test end', 'hook', 'hook end'];

interface MochaInstance {
  files: string[];
  suite: { on(event: string, listener: () => void): void };
  run(done: () => void): { on(event: string, listener: () => void): void };
  dispose?(): void;
}
type MochaClass = (new (options: Record<string, unknown>) => MochaInstance) & { prototype: Record<string, unknown> };
interface PluginLoader {
  load(exported: object): boolean;
  finalize(): Promise<Record<string, unknown>>;
}

const setup = JSON.parse(process.argv[2] ?? '{}') as TestProcessSetup;
const root = process.cwd();
const projectRequire = createRequire(path.join(root, 'package.json'));
const Mocha = projectRequire('mocha') as MochaClass;
// Our reporter wraps mocha's file loading when it loads (to see files that fail to load), and is
// loaded afresh for every run: each run starts from mocha's own.
const LOADERS = ['loadFiles', 'loadFilesAsync'].filter((name) => name in Mocha.prototype);
const ownLoaders = Object.fromEntries(LOADERS.map((name) => [name, Mocha.prototype[name]]));
const requires = ([] as string[]).concat((setup.options.require as string | string[] | undefined) ?? []);

function send(message: FromTestProcess): void {
  process.send?.(message);
}

let lastProgress = 0;
function progress(): void {
  const now = performance.now();
  if (now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  send({ type: 'progress' });
}

/** The project's own modules, not its dependencies: what a candidate may have changed. */
function purgeProjectModules(): void {
  const inNodeModules = `${path.sep}node_modules${path.sep}`;
  for (const file of Object.keys(projectRequire.cache)) {
    if (file.startsWith(root + path.sep) && !file.includes(inNodeModules)) delete projectRequire.cache[file];
  }
}

/** Mocha 8's plugin loader (root hooks, global fixtures), when the project's mocha has one. */
function pluginLoader(): PluginLoader | undefined {
  let loader: { create?: () => PluginLoader; new (): PluginLoader };
  try {
    loader = projectRequire('mocha/lib/plugin-loader');
  } catch {
    return undefined;
  }
  return typeof loader.create === 'function' ? loader.create() : new loader();
}

/**
 * The `--require`d modules, as mocha's CLI loads them, again for every run: a set-up file of the
 * project runs anew (a package such as ts-node/register stays loaded). Returns the plugins they
 * export, for the Mocha constructor.
 */
async function loadRequires(): Promise<Record<string, unknown>> {
  const loader = pluginLoader();
  for (const name of requires) {
    // As mocha does: a path relative to the working directory when there is such a file, else a package.
    const id = existsSync(name) || existsSync(`${name}.js`) ? path.resolve(name) : name;
    const exported: unknown = projectRequire(id);
    if (loader && exported && typeof exported === 'object') loader.load(exported);
  }
  return loader ? await loader.finalize() : {};
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

// Between runs, an error a candidate's leftovers throw (a timer, a socket) must not end the process;
// during a run it is mocha's, as in the project's own runs.
const ignore = () => {};
function idle(on: boolean): void {
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    if (on) process.on(event, ignore);
    else process.off(event, ignore);
  }
}

async function run(specs: string[]): Promise<FromTestProcess> {
  purgeProjectModules();
  Object.assign(Mocha.prototype, ownLoaders);
  await rm(setup.results, { force: true });
  let error: string | undefined;
  idle(false);
  try {
    const plugins = await loadRequires();
    // Test files load with `require` (mocha's synchronous loadFiles), whose cache was emptied.
    const mocha = new Mocha({ ...setup.options, ...plugins, reporter: setup.reporter });
    mocha.files = specs;
    mocha.suite.on('pre-require', progress);
    await new Promise<void>((resolve, reject) => {
      try {
        const runner = mocha.run(resolve);
        for (const event of RUNNER_EVENTS) runner.on(event, progress);
      } catch (thrown) {
        // A test file that does not load: the reporter has written its results.
        reject(thrown);
      }
    });
    mocha.dispose?.();
  } catch (thrown) {
    error = errorText(thrown);
  } finally {
    idle(true);
  }
  const results = await readFile(setup.results, 'utf8').catch(() => '');
  return { type: 'done', results: results === '' ? null : results, ...(error !== undefined ? { error } : {}) };
}

process.on('message', (message: ToTestProcess) => {
  if (message.type === 'run') void run(message.specs).then(send);
});
// The worker is gone: so is this process.
process.on('disconnect', () => process.exit(0));
idle(true);
send({ type: 'ready' });
