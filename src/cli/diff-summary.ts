/** One line for a unified diff: `file: -old +new` from its first changed lines, `(+N more)` for the rest. */
export function diffSummary(diff: string, maxWidth = 100): string {
  const lines = diff.split('\n');
  const file =
    lines
      .find((line) => line.startsWith('+++ '))
      ?.slice(4)
      .replace(/^b\//, '') ?? '';
  const changed = lines.filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));
  const removed = changed.find((line) => line.startsWith('-'));
  const added = changed.find((line) => line.startsWith('+'));
  const parts = [removed, added].filter((line) => line !== undefined).map((line) => `${line[0]} ${line.slice(1).trim()}`);
  const shown = parts.length;
  const more = changed.length - shown > 0 ? ` (+${changed.length - shown} more)` : '';
  const text = `${file}: ${parts.join('  ')}${more}`;
  return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
}
