/** What a secret value is replaced with. */
export const REDACTED = '[redacted]';

/** Text arriving in chunks, passed on once it is safe. */
export interface TextStream {
  write(text: string): void;
  /** Passes on what was held back. */
  end(): void;
}

export interface Redactor {
  /** `text` with every occurrence of every secret replaced by `REDACTED`, the longest first. */
  redact(text: string): string;
  /**
   * The same for text that arrives in chunks, where a secret may straddle two: the tail of a chunk
   * that could be the start of a secret is held back until the next chunk (or `end`) settles it,
   * and nothing else is, so a line-by-line protocol is never kept waiting. The chunks passed on
   * join to exactly `redact` of the whole.
   */
  stream(onText: (text: string) => void): TextStream;
}

/** A redactor of `secrets` (see secrets.ts). Pure. */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const forms = [...new Set([...secrets].flatMap(formsOf))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return { redact: (text) => text, stream: (onText) => ({ write: onText, end: () => {} }) };
  // Alternatives are tried in order, so at each position the longest secret wins.
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  const redact = (text: string) => text.replace(pattern, REDACTED);
  return {
    redact,
    stream(onText) {
      let held = '';
      return {
        write(text) {
          const { ready, rest } = settle(held + text, pattern, forms);
          held = rest;
          if (ready) onText(ready);
        },
        end() {
          const rest = held;
          held = '';
          if (rest) onText(redact(rest));
        },
      };
    },
  };
}

/**
 * Splits `text` into what can be passed on now, redacted, and the rest. The rest starts where an
 * unfinished secret might: at the first position from which the text is a proper prefix of one.
 * Before it, every secret either occurs whole or not at all, so matching there is final; a match
 * that starts before it and ends after it moves the cut to its end.
 */
function settle(text: string, pattern: RegExp, forms: readonly string[]): { ready: string; rest: string } {
  const open = unfinishedStart(text, forms);
  let ready = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index >= open) break;
    ready += text.slice(last, match.index) + REDACTED;
    last = match.index + match[0].length;
  }
  const cut = Math.max(open, last);
  return { ready: ready + text.slice(last, cut), rest: text.slice(cut) };
}

/** The first position from which `text` is a proper prefix of some secret; `text.length` if none. */
function unfinishedStart(text: string, forms: readonly string[]): number {
  const longest = forms[0]!.length;
  for (let start = Math.max(0, text.length - longest + 1); start < text.length; start++) {
    const tail = text.slice(start);
    if (forms.some((form) => form.length > tail.length && form.startsWith(tail))) return start;
  }
  return text.length;
}

/** A secret as printed, and as it appears inside a JSON string (the test report is JSON). */
function formsOf(secret: string): string[] {
  if (secret === '') return [];
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
