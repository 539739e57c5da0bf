import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Sandbox } from '../../../../sandbox/types.ts';
import { getOrCreate } from '../../get-or-create.ts';

/** Where the worker lives inside the sandbox, relative to the project root. */
export const WORKER_STATE_DIR = '.improve/validator';

const SCRIPTS = { worker: 'validator-worker', 'coverage-setup': 'coverage-setup' } as const;

/** How to start the installed worker: `node <args...>`. */
export interface InstalledWorker {
  args: string[];
}

/**
 * Copies the validator worker and its coverage setup file into the sandbox's project. From the
 * sources they go as `.mts`, which Node runs by stripping the types (vitest transforms the setup
 * file itself); from a build, as the compiled `.mjs`. Always ES modules, whatever the project's
 * package.json says.
 */
export async function installWorkerScripts(sandbox: Sandbox): Promise<InstalledWorker> {
  const { dir, fromSource } = await scriptsLocation();
  const [from, to] = fromSource ? ['.ts', '.mts'] : ['.js', '.mjs'];
  for (const [target, name] of Object.entries(SCRIPTS)) {
    await sandbox.writeFile(`${WORKER_STATE_DIR}/${target}${to}`, await scriptSource(new URL(`./${name}${from}`, dir)));
  }
  const worker = `${WORKER_STATE_DIR}/worker${to}`;
  return { args: fromSource ? ['--experimental-strip-types', worker] : [worker] };
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
    if (await exists(new URL(`./${SCRIPTS.worker}.ts`, dir))) return { dir, fromSource: true };
    if (await exists(new URL(`./${SCRIPTS.worker}.js`, dir))) return { dir, fromSource: false };
  }
  throw new Error(`the validator worker's scripts are not beside ${here.pathname}`);
}

const cache = new Map<string, Promise<string>>();
function scriptSource(url: URL): Promise<string> {
  return getOrCreate(cache, url.href, () => readFile(url, 'utf8'));
}

async function exists(url: URL): Promise<boolean> {
  return readFile(url).then(
    () => true,
    () => false,
  );
}
