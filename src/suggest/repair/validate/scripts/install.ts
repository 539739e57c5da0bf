import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Sandbox } from '../../../../sandbox/types.ts';
import { JEST_REPORTER_FILE } from '../../../../testing/runners/jest-reporter.ts';
import { MOCHA_REPORTER_FILE } from '../../../../testing/runners/mocha-reporter.ts';
import { runnerAdapter } from '../../../../testing/runners/registry.ts';
import { RESULTS_FILE } from '../../../../testing/runners/runner.ts';
import { getOrCreate } from '../../get-or-create.ts';
import type { WarmRunner, WorkerConfig } from './protocol.ts';

/** Where the worker lives inside the sandbox, relative to the project root. */
export const WORKER_STATE_DIR = '.improve/validator';

/**
 * Each runner's worker: the scripts it needs (installed name -> source module; a script imports
 * another by its source name), the first being the one started, and the adapter's reporter the
 * worker runs the tests with, if it does.
 */
const WORKERS: Record<WarmRunner, { scripts: Record<string, string>; reporter?: NonNullable<WorkerConfig['reporter']> }> = {
  vitest: { scripts: { worker: 'validator-worker', 'coverage-setup': 'coverage-setup', 'worker-loop': 'worker-loop' } },
  mocha: {
    scripts: named('mocha-worker', 'mocha-test-process', 'process-worker', 'test-process', 'worker-loop'),
    reporter: { file: MOCHA_REPORTER_FILE, results: RESULTS_FILE },
  },
  jest: {
    scripts: named('jest-worker', 'jest-test-process', 'jest-progress-reporter', 'process-worker', 'test-process', 'worker-loop'),
    reporter: { file: JEST_REPORTER_FILE, results: RESULTS_FILE },
  },
};

/** Scripts installed under their own names. */
function named(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, name]));
}

/** How to start the installed worker: `node <args...>`, and the reporter it is to run the tests with. */
export interface InstalledWorker {
  args: string[];
  reporter?: NonNullable<WorkerConfig['reporter']>;
}

/**
 * Copies a runner's validator worker and the scripts it loads into the sandbox's project as plain
 * ES modules (`.mjs`, whatever the project's package.json says), so that they run on the project's
 * own Node, 20 or later (see node-runtime.ts), which may have no type stripping: from the sources
 * they are transpiled here, from a build the compiled files go as they are. A worker that runs the
 * tests with our reporter gets the runner adapter's support files too.
 */
export async function installWorkerScripts(sandbox: Sandbox, runner: WarmRunner = 'vitest'): Promise<InstalledWorker> {
  const { dir, fromSource } = await scriptsLocation();
  const { scripts, reporter } = WORKERS[runner];
  for (const [target, name] of Object.entries(scripts)) {
    const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, dir);
    await sandbox.writeFile(`${WORKER_STATE_DIR}/${target}.mjs`, await scriptModule(url, fromSource));
  }
  if (reporter) for (const [file, content] of Object.entries(runnerAdapter(runner).supportFiles())) await sandbox.writeFile(file, content);
  return { args: [`${WORKER_STATE_DIR}/${Object.keys(scripts)[0]}.mjs`], ...(reporter ? { reporter } : {}) };
}

/**
 * The directory holding the scripts: beside this module, as sources or as a build. Mastra's
 * bundler (`mastra dev`, `mastra build`) moves this module into `<project>/.mastra/output/`; then
 * the sources under that project are used.
 */
async function scriptsLocation(): Promise<{ dir: URL; fromSource: boolean }> {
  const here = new URL('./', import.meta.url);
  const candidates = [here];
  const bundled = /^(.*)\/\.mastra\/output\//.exec(fileURLToPath(here));
  if (bundled) candidates.push(pathToFileURL(`${join(bundled[1]!, 'src/suggest/repair/validate/scripts')}/`));
  for (const dir of candidates) {
    if (await exists(new URL('./worker-loop.ts', dir))) return { dir, fromSource: true };
    if (await exists(new URL('./worker-loop.js', dir))) return { dir, fromSource: false };
  }
  throw new Error(`the validator worker's scripts are not beside ${here.pathname}`);
}

/** A relative import of a `.ts` or `.mts` module, by a static or a dynamic import. */
const RELATIVE_TS_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*?)\.m?ts\2/g;
/** The same in a build, where the compiler made them `.js`; in the sandbox every script is `.mjs`. */
const RELATIVE_JS_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*?)\.m?js\2/g;

/** A script as an ES module for Node 20: types dropped, relative `.ts` imports made `.mjs`. */
async function transpile(source: string): Promise<string> {
  const { default: ts } = await import('typescript');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return outputText.replace(RELATIVE_TS_IMPORT, '$1$2$3.mjs$2');
}

const cache = new Map<string, Promise<string>>();
function scriptModule(url: URL, fromSource: boolean): Promise<string> {
  return getOrCreate(cache, url.href, async () => {
    const source = await readFile(url, 'utf8');
    return fromSource ? transpile(source) : source.replace(RELATIVE_JS_IMPORT, '$1$2$3.mjs$2');
  });
}

async function exists(url: URL): Promise<boolean> {
  return readFile(url).then(
    () => true,
    () => false,
  );
}
