// A project's bytes, to tell "unchanged" from "changed" exactly.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Relative path to what is there: `file:<sha256>`, `link:<target>` or `dir`. Links are not followed. */
export type Tree = Map<string, string>;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function snapshotTree(root: string, skip: (relative: string) => boolean = () => false): Promise<Tree> {
  const tree: Tree = new Map();
  const walk = async (relative: string): Promise<void> => {
    for (const name of (await readdir(join(root, relative))).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      if (skip(path)) continue;
      const full = join(root, path);
      const info = await lstat(full);
      if (info.isSymbolicLink()) tree.set(path, `link:${await readlink(full)}`);
      else if (info.isDirectory()) {
        tree.set(path, 'dir');
        await walk(path);
      } else tree.set(path, `file:${sha256(await readFile(full))}`);
    }
  };
  await walk('');
  return tree;
}

/** The tool's own folder, which a run is allowed to create. */
export const isImproveDir = (relative: string): boolean => relative === '.improve' || relative.startsWith('.improve/');

/** Paths that differ, each marked `+` (appeared), `-` (gone) or `~` (changed); empty when equal. */
export function treeChanges(before: Tree, after: Tree): string[] {
  const changes: string[] = [];
  for (const [path, what] of before) {
    if (!after.has(path)) changes.push(`-${path}`);
    else if (after.get(path) !== what) changes.push(`~${path}`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`+${path}`);
  return changes;
}

/** A short list of changes for a one-line reason. */
export const describeChanges = (changes: string[], max = 4): string =>
  changes.slice(0, max).join(' ') + (changes.length > max ? ` (+${changes.length - max} more)` : '');
