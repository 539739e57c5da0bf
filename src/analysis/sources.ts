import { createHash } from 'node:crypto';
import type { Sandbox } from '../sandbox/types.ts';
import { createMemo } from './memo.ts';
import { readSourceFiles } from './source-files.ts';

/** The project's source files (not tests) as they were read once, with a digest of them all. */
export interface SourceSnapshot {
  /** Project-relative path -> text. */
  files: ReadonlyMap<string, string>;
  /** Changes whenever any file's path or text changes: a key for results computed from the files. */
  digest: string;
}

/** Snapshots by sandbox and contents key: a loop that returns to contents it had reads nothing again. */
const snapshots = createMemo<SourceSnapshot>(32);

/**
 * The sandbox's source files. With `contentsKey` (a name for what the sandbox holds, such as the
 * edits applied on top of the project) a snapshot already taken of the same sandbox and contents
 * is reused, so nothing is listed or read in the sandbox; without it the files are read each time.
 */
export function sourceSnapshot(sandbox: Sandbox, contentsKey?: string): Promise<SourceSnapshot> {
  if (contentsKey === undefined) return readSnapshot(sandbox);
  return snapshots.get(`${sandbox.id}\0${contentsKey}`, () => readSnapshot(sandbox));
}

function snapshotOf(files: ReadonlyMap<string, string>): SourceSnapshot {
  return { files, digest: digestOf(files, [...files.keys()]) };
}

/** Digest of some of the files (those missing count as absent): what a result that reads only them depends on. */
export function digestOf(files: ReadonlyMap<string, string>, paths: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const path of [...new Set(paths)].sort()) {
    const text = files.get(path);
    hash.update(`${path}\0${text === undefined ? '-' : `${text.length}\0${text}`}\0`);
  }
  return hash.digest('hex');
}

async function readSnapshot(sandbox: Sandbox): Promise<SourceSnapshot> {
  return snapshotOf(await readSourceFiles(sandbox));
}
