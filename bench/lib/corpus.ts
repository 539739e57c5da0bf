import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bug, BugSchema } from '../corpus/bug-schema.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(ROOT, 'bench', 'corpus');

/** What a repair tool may see of a program: its code and visible tests, never the held-out tests or the bug. */
const VISIBLE = ['package.json', 'vitest.config.ts', 'src', 'tests'];
/** The config the correctness check runs the held-out tests with. */
export const HELDOUT_CONFIG = 'vitest.heldout.config.ts';

export interface CorpusProgram {
  /** e.g. `01-rate-limiter` */
  id: string;
  dir: string;
  bug: Bug;
}

/** The corpus programs in order, optionally only those whose id starts with one of `only`. */
export async function listCorpus(only: readonly string[] = []): Promise<CorpusProgram[]> {
  const names = (await readdir(CORPUS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => only.length === 0 || only.some((prefix) => name.startsWith(prefix.padStart(2, '0'))))
    .sort();
  return Promise.all(
    names.map(async (id) => {
      const dir = join(CORPUS_DIR, id);
      return { id, dir, bug: BugSchema.parse(JSON.parse(await readFile(join(dir, 'bug.json'), 'utf8'))) };
    }),
  );
}

/**
 * A throwaway copy of a program for a sandbox to start from, with the repository's node_modules
 * linked in (the corpus is never touched). `withHeldout` adds the held-out tests and a config
 * that runs them, for the correctness check.
 */
export async function stageProgram(
  program: CorpusProgram,
  options: { withHeldout?: boolean } = {},
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'repair-bench-'));
  const dir = join(parent, program.id);
  for (const entry of VISIBLE) await cp(join(program.dir, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  if (options.withHeldout) {
    await cp(join(program.dir, 'heldout'), join(dir, 'heldout'), { recursive: true });
    await writeFile(
      join(dir, HELDOUT_CONFIG),
      "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['heldout/**/*.test.{ts,js}'] } });\n",
    );
  }
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
