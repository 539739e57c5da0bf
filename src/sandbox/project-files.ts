/**
 * The files of a project that a sandbox needs: everything not ignored by the project's .gitignore
 * files (root and nested), never dependencies, VCS data or our own state. Dependencies are
 * installed or linked inside the sandbox instead of copied.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { IMPROVE_DIR } from '../contract/options.ts';

/** Names never taken into a sandbox, wherever they appear. */
export const ALWAYS_SKIPPED = new Set(['node_modules', '.git', IMPROVE_DIR]);

interface IgnoreScope {
  /** Directory (relative, POSIX, '' for the root) the rules were read from. */
  base: string;
  rules: Ignore;
}

async function readScope(dir: string, base: string): Promise<IgnoreScope | undefined> {
  const text = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { base, rules: ignore().add(text) };
}

function isIgnored(scopes: readonly IgnoreScope[], path: string, isDirectory: boolean): boolean {
  return scopes.some((scope) => {
    const relative = scope.base ? posix.relative(scope.base, path) : path;
    return scope.rules.ignores(isDirectory ? `${relative}/` : relative);
  });
}

/**
 * Relative POSIX paths of the project's files (and symlinks), sorted; directories are implied.
 * Follows .gitignore semantics per directory; does not follow symlinked directories.
 */
export async function listProjectFiles(projectDir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (relativeDir: string, scopes: readonly IgnoreScope[]) => {
    const absoluteDir = join(projectDir, relativeDir);
    const own = await readScope(absoluteDir, relativeDir);
    const active = own ? [...scopes, own] : scopes;
    const entries = await readdir(absoluteDir, { withFileTypes: true });
    for (const entry of entries) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      // Skipped whatever they are: a symlinked node_modules is still the host's dependencies.
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const isDirectory = entry.isDirectory();
      if (isIgnored(active, path, isDirectory)) continue;
      if (isDirectory) await walk(path, active);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
    }
  };
  await walk('', []);
  return files.sort();
}
