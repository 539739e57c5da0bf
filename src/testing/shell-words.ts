import { shellQuote } from '../sandbox/shell.ts';
/** A word of a shell command line, with its raw text (quotes kept) so it can be written back unchanged. */
export interface ShellWord {
  /** The word after quote removal. */
  value: string;
  /** The word exactly as written. */
  raw: string;
}

/** A simple command between control operators (`&&`, `||`, `;`, `|`). */
export interface ShellSegment {
  words: ShellWord[];
  /** The operator that ends this segment, '' for the last one. */
  operator: string;
}

const OPERATORS = ['&&', '||', ';', '|'];

/**
 * Splits a command line the way a POSIX shell would for our purposes: words, quotes, backslashes and the
 * control operators. Expansions stay in the raw text, untouched.
 */
export function splitShell(line: string): ShellSegment[] {
  const segments: ShellSegment[] = [];
  let words: ShellWord[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => line.startsWith(op, i));
    if (operator) {
      segments.push({ words, operator });
      words = [];
      i += operator.length;
      continue;
    }
    const start = i;
    let value = '';
    while (i < line.length && !/\s/.test(line[i]!) && !OPERATORS.some((op) => line.startsWith(op, i))) {
      const c = line[i]!;
      if (c === "'") {
        const end = line.indexOf("'", i + 1);
        const close = end === -1 ? line.length : end;
        value += line.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        while (i < line.length && line[i] !== '"') {
          if (line[i] === '\\' && i + 1 < line.length) i++;
          value += line[i];
          i++;
        }
        i++;
      } else if (c === '\\' && i + 1 < line.length) {
        value += line[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    words.push({ value, raw: line.slice(start, Math.min(i, line.length)) });
  }
  segments.push({ words, operator: '' });
  return segments.filter((s) => s.words.length > 0);
}

export function joinShell(segments: readonly ShellSegment[]): string {
  return segments
    .map((s) => [...s.words.map((w) => w.raw), s.operator].filter((part) => part !== '').join(' '))
    .join(' ')
    .trim();
}

export function word(value: string): ShellWord {
  return { value, raw: shellQuote(value) };
}
