/**
 * One `KEY=VALUE` entry, read the way dotenv (and Node's --env-file) reads it: an optional
 * `export ` prefix; a value in single, double or backtick quotes (double quotes may span lines and
 * take escapes), or bare up to a `#` comment. Comment lines match nothing, since a key cannot start
 * with `#`.
 */
const ENTRY = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*("(?:\\[\s\S]|[^"\\])*"|'[^']*'|`[^`]*`|[^#\r\n]*)/gm;

/** The entries of a dotenv file, in order. Pure: the caller reads the file. */
export function parseEnvFile(text: string): Array<[key: string, value: string]> {
  return [...text.matchAll(ENTRY)].map(([, key, raw]) => [key!, unquote(raw!)]);
}

function unquote(raw: string): string {
  const quote = raw[0];
  const quoted = raw.length >= 2 && (quote === '"' || quote === "'" || quote === '`') && raw.endsWith(quote);
  if (!quoted) return raw.trim();
  const inner = raw.slice(1, -1);
  return quote === '"' ? inner.replace(/\\(.)/g, (_, char: string) => ESCAPES[char] ?? char) : inner;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
