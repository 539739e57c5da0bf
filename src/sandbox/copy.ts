import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, lchown, lstat, mkdir, readdir, readlink, realpath, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ALWAYS_SKIPPED, listProjectFiles } from './project-files.ts';

/** Enough parallel copies to hide latency without running out of file descriptors. */
const COPY_CONCURRENCY = 32;

const run = promisify(execFile);

/** A host uid/gid the copied files are handed to, so an unprivileged sandbox user can write them. */
export interface Owner {
  uid: number;
  gid: number;
}

function isSkipped(relativePath: string): boolean {
  return relativePath.split('/').some((part) => ALWAYS_SKIPPED.has(part));
}

/**
 * Project files that belong in a sandbox, relative to `projectDir`: what git would show
 * (tracked plus untracked, minus ignored, including the rules of an enclosing repository and
 * the user's global excludes) inside a repository, else the files not matched by `.gitignore`
 * files. Paths through skipped directories never appear.
 */
export async function selectProjectFiles(projectDir: string): Promise<string[]> {
  const fromGit = await listWithGit(projectDir);
  // An empty answer also means the project sits in an ignored folder of an outer repository.
  const files = fromGit && fromGit.length > 0 ? fromGit : await listProjectFiles(projectDir);
  return files.filter((path) => !isSkipped(path));
}

async function listWithGit(projectDir: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', projectDir, 'ls-files', '-co', '--exclude-standard', '-z', ...[...ALWAYS_SKIPPED].map((n) => `--exclude=${n}`)],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    return stdout.split('\0').filter(Boolean);
  } catch {
    return undefined; // not a repository, or no git on this machine
  }
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Copies the listed files from `projectDir` into the existing directory `dest`, keeping modes and
 * symbolic links, and hands everything created to `owner` when given. Files listed by git but gone
 * from disk (deleted, not yet committed) are skipped; a listed directory (a git submodule) is
 * copied whole.
 */
export async function copyProjectFiles(projectDir: string, dest: string, files: readonly string[], owner?: Owner): Promise<void> {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); dir !== '.' && !dirs.has(dir); dir = dirname(dir)) dirs.add(dir);
  }
  // Parents sort before their children, so each mkdir finds its parent in place.
  for (const dir of [...dirs].sort()) await mkdir(join(dest, dir), { recursive: true });

  const chown = owner ? (path: string) => lchown(path, owner.uid, owner.gid) : async () => {};
  await eachLimited(files, COPY_CONCURRENCY, async (file) => {
    const from = join(projectDir, file);
    const to = join(dest, file);
    const info = await lstat(from).catch(() => undefined);
    if (!info) return;
    if (info.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (info.isDirectory()) {
      const nested = await listProjectFiles(from);
      await mkdir(to, { recursive: true });
      await copyProjectFiles(from, to, nested, owner);
    } else if (info.isFile()) await copyFile(from, to, constants.COPYFILE_FICLONE);
    else return;
    await chown(to);
  });
  await Promise.all([dest, ...[...dirs].map((dir) => join(dest, dir))].map(chown));
}

/**
 * The `node_modules` a project resolves its packages from: its own, else the nearest ancestor's
 * (as Node itself would find it). Returned as a real path; undefined when there is none. bwrap
 * shows it at `<workdir>/node_modules` only: links in it that lead outside it (npm workspace
 * packages, a pnpm global store) do not resolve there.
 */
export async function findNodeModules(projectDir: string): Promise<string | undefined> {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    // A node_modules holding only tool caches (vite's `.vite`, left by running vitest in place) installs nothing.
    const entries = await readdir(candidate).catch(() => []);
    if (entries.some((name) => !name.startsWith('.'))) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}
