import { isTestPath } from '../contract/test-files.ts';
import type { Sandbox } from '../sandbox/types.ts';

const SOURCE_EXTENSION = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const NOT_PROJECT_SOURCE = /(?:^|\/)(?:node_modules|dist|build|coverage|\.git|\.improve|\.vitest)\//;
/** Tool configuration files are code, but not the project's behaviour. */
const CONFIG_FILE = /(?:^|\/)[^/]*\.config\.[cm]?[jt]s$/;

/** The project's own code (tests, their config and tool configs left out): what analyzers read. */
export function isSourceFile(file: string): boolean {
  const path = normalizePath(file);
  return (
    SOURCE_EXTENSION.test(path) &&
    !DECLARATION_FILE.test(path) &&
    !NOT_PROJECT_SOURCE.test(path) &&
    !CONFIG_FILE.test(path) &&
    !isTestPath(path)
  );
}

export function normalizePath(file: string): string {
  return file.replaceAll('\\', '/').replace(/^\.\//, '');
}

/** Most files read in one go; a project bigger than this is analyzed in part (the first ones). */
const MAX_FILES = 2000;

/** Reads the project's source files (not tests) from the sandbox, keyed by project-relative path. */
export async function readSourceFiles(sandbox: Sandbox): Promise<Map<string, string>> {
  const listed = await sandbox.executeCommand('find', [
    '.',
    '-type',
    'd',
    '(',
    '-name',
    'node_modules',
    '-o',
    '-name',
    '.git',
    ')',
    '-prune',
    '-o',
    '-type',
    'f',
    '-print',
  ]);
  if (listed.exitCode !== 0) throw new Error(`cannot list the project's files: ${listed.stderr.trim()}`);
  const paths = listed.stdout
    .split('\n')
    .map((line) => normalizePath(line.trim()))
    .filter((path) => path !== '' && isSourceFile(path))
    .sort()
    .slice(0, MAX_FILES);
  const files = new Map<string, string>();
  for (const path of paths) files.set(path, await sandbox.readFile(path));
  return files;
}
