import type { Edit } from '../../../contract/edit.ts';

/** Replace the characters [start, end) of a file's text with `replacement`. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits given against the same original text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }
  return result;
}

function occursOnce(text: string, search: string): boolean {
  const first = text.indexOf(search);
  return first !== -1 && text.indexOf(search, first + 1) === -1;
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function lineEndOf(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline;
}

/**
 * The smallest run of whole lines around [start, end) whose text occurs exactly once in `text`,
 * widened one line at a time (before, then after) until it does.
 */
function uniqueLineWindow(text: string, start: number, end: number): { start: number; end: number } {
  let from = lineStartOf(text, start);
  let to = lineEndOf(text, end);
  let widenBefore = true;
  while (!(text.slice(from, to).trim() !== '' && occursOnce(text, text.slice(from, to)))) {
    if (from === 0 && to === text.length) break;
    if ((widenBefore && from > 0) || to === text.length) from = lineStartOf(text, from - 1);
    else to = lineEndOf(text, to + 1);
    widenBefore = !widenBefore;
  }
  return { start: from, end: to };
}

/**
 * Turns span edits into search/replace edits that apply one after the other: the last span first, so
 * the earlier offsets stay valid, each `search` unique in the text as it is when that edit applies.
 */
export function toSearchReplaceEdits(file: string, text: string, edits: readonly TextEdit[]): { edits: Edit[]; text: string } {
  const result: Edit[] = [];
  let current = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const window = uniqueLineWindow(current, edit.start, edit.end);
    const search = current.slice(window.start, window.end);
    const replace = current.slice(window.start, edit.start) + edit.replacement + current.slice(edit.end, window.end);
    result.push({ file, search, replace });
    current = current.slice(0, window.start) + replace + current.slice(window.end);
  }
  return { edits: result, text: current };
}

/**
 * A key equal for two edits exactly when they produce the same text: the edit reduced to the part of the
 * result that differs from `text` (common prefix and suffix dropped). Costs a few character comparisons,
 * not a copy of the file. Undefined when the edit changes nothing.
 */
export function resultKey(text: string, edit: TextEdit): string | undefined {
  const { start, end, replacement } = edit;
  const patchedLength = text.length - (end - start) + replacement.length;
  const patchedAt = (k: number): string | undefined =>
    k < start ? text[k] : k < start + replacement.length ? replacement[k - start] : text[k - start - replacement.length + end];
  const shortest = Math.min(text.length, patchedLength);
  let prefix = start;
  while (prefix < shortest && patchedAt(prefix) === text[prefix]) prefix++;
  // Everything before `start` and after `end` is unchanged: only the edges of the edit need comparing.
  let suffix = Math.min(text.length - end, shortest - prefix);
  while (suffix < shortest - prefix && patchedAt(patchedLength - 1 - suffix) === text[text.length - 1 - suffix]) suffix++;
  if (prefix === text.length && patchedLength === text.length) return undefined;
  let changed = '';
  for (let k = prefix; k < patchedLength - suffix; k++) changed += patchedAt(k);
  return `${prefix}:${text.length - prefix - suffix}:${changed}`;
}
