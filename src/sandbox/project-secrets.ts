import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretValues } from './secrets.ts';

/** `.env`, `.env.local`, `.env.test`, `.env.production`, `.envrc`, ...: where a project keeps its secrets. */
const ENV_FILE = /^\.env/;

/**
 * The secret values of a run on `projectDir` (see secrets.ts): from `env` (the host's) and the
 * project's .env files, read from the project itself since .gitignore usually keeps them out of
 * the sandbox copy while tests may still get at them. A file that cannot be read adds nothing.
 */
export async function projectSecrets(projectDir: string, env: Record<string, string | undefined>): Promise<string[]> {
  const names = await readdir(projectDir).catch(() => []);
  const texts = await Promise.all(
    names.filter((name) => ENV_FILE.test(name)).map((name) => readFile(join(projectDir, name), 'utf8').catch(() => undefined)),
  );
  return secretValues({ env, envFiles: texts.filter((text) => text !== undefined) });
}
