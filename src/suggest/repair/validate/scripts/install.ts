import { readFile } from 'node:fs/promises';
import type { Sandbox } from '../../../../sandbox/types.ts';

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
  const fromSource = await exists(new URL(`./${SCRIPTS.worker}.ts`, import.meta.url));
  const [from, to] = fromSource ? ['.ts', '.mts'] : ['.js', '.mjs'];
  for (const [target, name] of Object.entries(SCRIPTS)) {
    await sandbox.writeFile(`${WORKER_STATE_DIR}/${target}${to}`, await scriptSource(name, from));
  }
  const worker = `${WORKER_STATE_DIR}/worker${to}`;
  return { args: fromSource ? ['--experimental-strip-types', worker] : [worker] };
}

const cache = new Map<string, Promise<string>>();
function scriptSource(name: string, extension: string): Promise<string> {
  const url = new URL(`./${name}${extension}`, import.meta.url);
  let source = cache.get(url.href);
  if (!source) cache.set(url.href, (source = readFile(url, 'utf8')));
  return source;
}

async function exists(url: URL): Promise<boolean> {
  return readFile(url).then(
    () => true,
    () => false,
  );
}
