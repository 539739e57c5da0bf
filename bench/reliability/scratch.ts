// Projects the bench writes from code. They live in an ignored folder inside the repository
// (bench/results/), not in /tmp: the local sandbox hides the host's /tmp, so a project there would
// make "read the original project" trivially safe, and here node_modules resolves from the
// repository as it does for examples/buggy.
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.ts';

export const SCRATCH_PARENT = join(ROOT, 'bench', 'results', 'scratch');

/** A file tree: relative path to content; a `{ link }` entry is a symbolic link, a `{ mode }` one sets permissions. */
export type Files = Record<string, string | { link: string } | { text: string; mode: number }>;

let scratchRoot: Promise<string> | undefined;

/** This bench run's scratch folder, made on first use (once, however many cases ask at the same time). */
export function scratchDir(): Promise<string> {
  scratchRoot ??= mkdir(SCRATCH_PARENT, { recursive: true }).then(() => mkdtemp(join(SCRATCH_PARENT, 'reliability-')));
  return scratchRoot;
}

export async function removeScratch(): Promise<void> {
  if (scratchRoot) await rm(await scratchRoot, { recursive: true, force: true, maxRetries: 3 });
  scratchRoot = undefined;
}

let counter = 0;

/** A fresh directory under the scratch folder, named after what it holds. */
export async function freshDir(label: string): Promise<string> {
  const dir = join(await scratchDir(), `${String(++counter).padStart(3, '0')}-${label}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [path, entry] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof entry === 'string') await writeFile(target, entry);
    else if ('link' in entry) await symlink(entry.link, target);
    else {
      await writeFile(target, entry.text);
      await chmod(target, entry.mode);
    }
  }
}

/** Writes `files` into a fresh directory and returns its path. */
export async function makeProject(label: string, files: Files): Promise<string> {
  const dir = await freshDir(label);
  await writeFiles(dir, files);
  return dir;
}
