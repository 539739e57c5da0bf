import { readFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import type { Sandbox } from '../../../../sandbox/types.ts';

/** The scripts that run inside the sandbox, by the name they get there. */
const SCRIPTS = { 'worker.mjs': 'validator-worker', 'coverage-setup.mjs': 'coverage-setup' } as const;

/** Where the worker lives inside the sandbox, relative to the project root. */
export const WORKER_STATE_DIR = '.improve/validator';
export const WORKER_SCRIPT = `${WORKER_STATE_DIR}/worker.mjs`;

/** The script as plain JavaScript: this module's sibling `.ts` (types stripped), or `.js` once built. */
async function scriptSource(name: string): Promise<string> {
  try {
    const source = await readFile(new URL(`./${name}.ts`, import.meta.url), 'utf8');
    return stripTypeScriptTypes(source, { mode: 'strip' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return readFile(new URL(`./${name}.js`, import.meta.url), 'utf8');
  }
}

/** Copies the validator worker and its coverage setup file into the sandbox's project. */
export async function installWorkerScripts(sandbox: Sandbox): Promise<void> {
  for (const [target, name] of Object.entries(SCRIPTS)) {
    await sandbox.writeFile(`${WORKER_STATE_DIR}/${target}`, await scriptSource(name));
  }
}
