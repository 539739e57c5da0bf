import type { Edit } from '../contract/edit.ts';
import { normalizeProjectPath, refusePath } from '../contract/test-files.ts';

export type EditErrorCode = 'refused' | 'missing-file' | 'empty-search' | 'not-found' | 'ambiguous';

/** An edit that cannot be applied; `message` is one line meant for the user and the rejected list. */
export class EditError extends Error {
  readonly code: EditErrorCode;
  readonly file: string;
  constructor(code: EditErrorCode, file: string, message: string) {
    super(message);
    this.name = 'EditError';
    this.code = code;
    this.file = file;
  }
}

/** One file's content before and after a set of edits. */
export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/** Replaces the one occurrence of `edit.search` in `text`; throws when it occurs zero or several times. */
export function applyEditToText(text: string, edit: Edit): string {
  if (edit.search === '') throw new EditError('empty-search', edit.file, `empty search text for ${edit.file}`);
  const at = text.indexOf(edit.search);
  if (at < 0) throw new EditError('not-found', edit.file, `search text not found in ${edit.file}: ${preview(edit.search)}`);
  if (text.indexOf(edit.search, at + 1) >= 0) {
    throw new EditError('ambiguous', edit.file, `search text occurs more than once in ${edit.file}: ${preview(edit.search)}`);
  }
  return text.slice(0, at) + edit.replace + text.slice(at + edit.search.length);
}

/** Throws `EditError('refused')` for the first edit that touches a test, test config, or a path outside the project. */
function assertEditsAllowed(edits: readonly Edit[], testFiles: ReadonlySet<string> | undefined): void {
  for (const edit of edits) {
    const refusal = refusePath(edit.file, testFiles);
    if (refusal) throw new EditError('refused', refusal.path, refusal.reason);
  }
}

/**
 * Computes what `edits` do, in order, without writing anything: one FileChange per touched file.
 * `read` returns a project file's text and throws when it does not exist; `testFiles` are the
 * project's files of the tests beyond naming conventions (refused like tests).
 */
export async function planEdits(
  edits: readonly Edit[],
  read: (file: string) => Promise<string>,
  testFiles?: ReadonlySet<string>,
): Promise<FileChange[]> {
  assertEditsAllowed(edits, testFiles);
  const changes = new Map<string, FileChange>();
  for (const edit of edits) {
    const file = normalizeProjectPath(edit.file) as string;
    let change = changes.get(file);
    if (!change) {
      const before = await read(file).catch((error: unknown) => {
        throw error instanceof EditError ? error : new EditError('missing-file', file, `no such file in the project: ${file}`);
      });
      change = { file, before, after: before };
      changes.set(file, change);
    }
    change.after = applyEditToText(change.after, { ...edit, file });
  }
  return [...changes.values()].filter((c) => c.after !== c.before);
}

function preview(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
