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
 *
 * With a `journal` file, the planned changes are recorded there before any file is replaced, so
 * that a process killed while writing, resumed, finds its write done (every file as the journal
 * says it becomes) and reports it, instead of a failure to apply edits that are already there.
 */
export async function writeBackAtomically(projectDir: string, edits: readonly Edit[], journal?: string): Promise<FileChange[]> {
  const root = await realpath(projectDir);
  const read = async (file: string) => readFile(await insideRoot(root, file), 'utf8');
  // Checked first: edits applied once may apply again (`= 1` -> `= 10` -> `= 100`).
  const done = journal && (await completedWrite(journal, read));
  if (done) return done;
  const changes = await planEdits(edits, read);
  if (journal) await writeFile(journal, JSON.stringify(changes));
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

/** The changes a journal records, when every file already holds what they make of it. */
async function completedWrite(journal: string, read: (file: string) => Promise<string>): Promise<FileChange[] | undefined> {
  const recorded = await readFile(journal, 'utf8').then(
    (text) => JSON.parse(text) as FileChange[],
    () => undefined,
  );
  if (!recorded || recorded.length === 0) return undefined;
  const current = await Promise.all(recorded.map((change) => read(change.file).catch(() => undefined)));
  return recorded.every((change, i) => current[i] === change.after) ? recorded : undefined;
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
