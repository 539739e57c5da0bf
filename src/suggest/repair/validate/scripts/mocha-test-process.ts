// The process the mocha validator worker (mocha-worker.ts) runs the tests in: it loads the project's
// mocha once and keeps it, with the project's dependencies, between runs; each run empties the
// module cache of the project's own files, so the tests and the code under test load as they are
// now on disk (the candidate's files), and runs a new Mocha with the project's options and our
// reporter. CommonJS tests only: `import()` keeps a module for the life of the process. Copied into
// the sandbox as plain JavaScript like the worker (install.ts): Node built-ins and the project's
// mocha only.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type LoadedRunner, progress, serveTestProcess } from './test-process.ts';

/** What the worker gives the process at its start (as its one argument, JSON). */
export interface MochaSetup {
  /** Mocha's options as its CLI reads them from the project's command and config files. */
  options: Record<string, unknown>;
  /** Absolute paths: our mocha reporter, and the results file it writes. */
  reporter: string;
  results: string;
}

/** Mocha's default spec (its CLI's `[spec..]`). */
const DEFAULT_SPEC = ['test'];
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

const setup = JSON.parse(process.argv[2] ?? '{}') as MochaSetup;
const root = process.cwd();
const projectRequire = createRequire(path.join(root, 'package.json'));

const list = (value: unknown): string[] => ([] as string[]).concat((value as string | string[] | undefined) ?? []);

/** The test files mocha's CLI would run: its spec globs, extensions and ignores. */
function testFiles(): string[] {
  const collectFiles = projectRequire('mocha/lib/cli/collect-files') as (params: object) => string[] | { files: string[] };
  const { options } = setup;
  const spec = [...list(options._), ...list(options.spec)];
  const collected = collectFiles({
    ignore: list(options.ignore),
    extension: list(options.extension),
    file: list(options.file),
    recursive: options.recursive === true,
    sort: options.sort === true,
    spec: spec.length > 0 ? spec : DEFAULT_SPEC,
  });
  return Array.isArray(collected) ? collected : collected.files;
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
  for (const name of list(setup.options.require)) {
    // As mocha does: a path relative to the working directory when there is such a file, else a package.
    const id = existsSync(name) || existsSync(`${name}.js`) ? path.resolve(name) : name;
    const exported: unknown = projectRequire(id);
    if (loader && exported && typeof exported === 'object') loader.load(exported);
  }
  return loader ? await loader.finalize() : {};
}

async function loadMocha(): Promise<LoadedRunner> {
  const files = testFiles();
  const esModule = await firstEsModule(files);
  if (esModule !== undefined) {
    throw new Error(`${path.relative(root, esModule)} is an ES module: the module cache of import() cannot be emptied between candidates`);
  }
  // `--file` files (set-up: root hooks, globals) load first in every run, whatever its specs.
  const alwaysLoaded = list(setup.options.file).map((file) => path.resolve(file));
  const Mocha = projectRequire('mocha') as MochaClass;
  // Our reporter wraps mocha's file loading when it loads (to see files that fail to load), and is
  // loaded afresh for every run: each run starts from mocha's own.
  const ownLoaders = Object.fromEntries(
    ['loadFiles', 'loadFilesAsync'].filter((name) => name in Mocha.prototype).map((name) => [name, Mocha.prototype[name]]),
  );
  return {
    testFiles: files,
    async run(specs) {
      purgeProjectModules();
      Object.assign(Mocha.prototype, ownLoaders);
      const plugins = await loadRequires();
      progress();
      // Test files load with `require` (mocha's synchronous loadFiles), whose cache was emptied.
      const mocha = new Mocha({ ...setup.options, ...plugins, reporter: setup.reporter });
      mocha.files = [...new Set([...alwaysLoaded, ...specs])];
      mocha.suite.on('pre-require', progress);
      await new Promise<void>((resolve) => {
        // A test file that does not load throws here, its results written by the reporter.
        const runner = mocha.run(() => resolve());
        for (const event of RUNNER_EVENTS) runner.on(event, progress);
      });
      mocha.dispose?.();
    },
  };
}

void serveTestProcess(setup.results, loadMocha);
