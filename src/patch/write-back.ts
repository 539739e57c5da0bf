import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Edit } from '../contract/edit.ts';
import { EditError, type FileChange, planEdits } from './edits.ts';

/**
 * Applies accepted edits to the user's project all-or-nothing: every new file content is first
 * written beside its target, then renamed over it; if anything fails, files already replaced are
 * restored and the temporary files removed. Throws `EditError` when an edit no longer applies
 * (for example, the file changed on disk during the run) before touching anything.
 */
export async function writeBackAtomically(projectDir: string, edits: readonly Edit[]): Promise<FileChange[]> {
  const root = await realpath(projectDir);
  const changes = await planEdits(edits, async (file) => readFile(await insideRoot(root, file), 'utf8'));
  const staged: { target: string; temp: string; change: FileChange }[] = [];
  const replaced: typeof staged = [];
  try {
    for (const change of changes) {
      const target = await insideRoot(root, change.file);
      const temp = tempPathFor(target);
      staged.push({ target, temp, change });
      await writeFile(temp, change.after, { mode: (await stat(target)).mode, flag: 'wx' });
    }
    for (const item of staged) {
      await rename(item.temp, item.target);
      replaced.push(item);
    }
    return changes;
  } catch (error) {
    await Promise.allSettled(staged.filter((s) => !replaced.includes(s)).map((s) => rm(s.temp, { force: true })));
    for (const item of replaced) await restore(item.target, item.change.before);
    throw error;
  }
}

async function restore(target: string, content: string): Promise<void> {
  const temp = tempPathFor(target);
  await writeFile(temp, content, { flag: 'wx' });
  await rename(temp, target);
}

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.improve-${randomBytes(4).toString('hex')}.tmp`);
}

/** Resolves a project-relative path, following symlinks, and refuses anything that lands outside the root. */
async function insideRoot(root: string, file: string): Promise<string> {
  const resolved = await realpath(path.join(root, file));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    throw new EditError('refused', file, `path escapes the project through a link: ${file}`);
  }
  return resolved;
}
