import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, lchown, lstat, mkdir, readdir, readFile, readlink, realpath, stat, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';

/** Never copied: dependencies are linked read-only, VCS data and our own state stay on the host. */
const SKIPPED_NAMES = new Set(['node_modules', '.git', '.improve']);
/** Enough parallel copies to hide latency without running out of file descriptors. */
const COPY_CONCURRENCY = 32;

const run = promisify(execFile);

/** A host uid/gid the copied files are handed to, so an unprivileged sandbox user can write them. */
export interface Owner {
  uid: number;
  gid: number;
}

function isSkipped(relativePath: string): boolean {
  return relativePath.split('/').some((part) => SKIPPED_NAMES.has(part));
}

/**
 * Project files that belong in a sandbox, relative to `projectDir`: what git would show
 * (tracked plus untracked, minus ignored) inside a repository, else the files not matched by
 * `.gitignore` files. Paths of skipped directories never appear.
 */
export async function listProjectFiles(projectDir: string): Promise<string[]> {
  const fromGit = await listWithGit(projectDir);
  // An empty answer also means the project sits in an ignored folder of an outer repository.
  const files = fromGit && fromGit.length > 0 ? fromGit : await listWithIgnoreFiles(projectDir);
  return files.filter((path) => !isSkipped(path));
}

async function listWithGit(projectDir: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', projectDir, 'ls-files', '-co', '--exclude-standard', '-z', ...[...SKIPPED_NAMES].map((n) => `--exclude=${n}`)],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    return stdout.split('\0').filter(Boolean);
  } catch {
    return undefined; // not a repository, or no git on this machine
  }
}

/** One `.gitignore` and the directory (relative to the project) its rules are written for. */
interface IgnoreScope {
  base: string;
  rules: Ignore;
}

function isIgnored(scopes: readonly IgnoreScope[], path: string, isDir: boolean): boolean {
  return scopes.some(({ base, rules }) => {
    const inScope = base === '' ? path : path.slice(base.length + 1);
    return rules.ignores(isDir ? `${inScope}/` : inScope);
  });
}

async function listWithIgnoreFiles(projectDir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, scopes: readonly IgnoreScope[]): Promise<void> => {
    const absolute = join(projectDir, dir);
    const entries = await readdir(absolute, { withFileTypes: true });
    const gitignore = entries.some((e) => e.name === '.gitignore' && e.isFile())
      ? [{ base: dir, rules: ignore().add(await readFile(join(absolute, '.gitignore'), 'utf8')) }]
      : [];
    const active = [...scopes, ...gitignore];
    await Promise.all(
      entries.map(async (entry) => {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (SKIPPED_NAMES.has(entry.name) || isIgnored(active, path, entry.isDirectory())) return;
        if (entry.isDirectory()) await walk(path, active);
        else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
      }),
    );
  };
  await walk('', []);
  return files;
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
      const nested = (await listWithIgnoreFiles(from)).filter((path) => !isSkipped(path));
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
 * (as Node itself would find it). Returned as a real path; undefined when there is none.
 */
export async function findNodeModules(projectDir: string): Promise<string | undefined> {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isDirectory()) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** `child` relative to `parent`, or undefined when it lies outside. */
export function pathInside(parent: string, child: string): string | undefined {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep)) ? rel : undefined;
}
