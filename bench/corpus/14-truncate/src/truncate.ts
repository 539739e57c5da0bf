const ELLIPSIS = '…';

/** Shortens `text` to at most `max` characters, ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  if (text.length <= max) return text;
  return text.slice(0, max - 2) + ELLIPSIS;
}

/** Like truncate, but cuts at a word boundary when there is one. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const head = lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
  return head.trimEnd() + ELLIPSIS;
}

/** Keeps the start and the end, e.g. for file paths: "src/com…/index.ts". */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  const tail = Math.floor(keep / 2);
  return text.slice(0, head) + ELLIPSIS + (tail > 0 ? text.slice(-tail) : '');
}

export function truncateLines(text: string, maxLines: number): string {
  const lines = text.split('\n');
  if (lines.length <= maxLines) return text;
  return [...lines.slice(0, maxLines), `${ELLIPSIS} (${lines.length - maxLines} more lines)`].join('\n');
}
