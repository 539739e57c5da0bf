import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args.ts';

/** The absolute path of the project directory the user named; a UsageError when it is not one. */
export function existingDir(dir: string): string {
  const abs = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`project directory not found: ${dir}`);
  }
  if (!isDir) throw new UsageError(`not a directory: ${dir}`);
  return abs;
}
