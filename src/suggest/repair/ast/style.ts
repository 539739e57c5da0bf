import ts from 'typescript';

/** Leading whitespace of the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

const indentCache = new WeakMap<ts.SourceFile, string>();
const quoteCache = new WeakMap<ts.SourceFile, string>();

/** One level of indentation as the file writes it: a tab, or the smallest run of leading spaces (default 2). */
export function indentUnit(sourceFile: ts.SourceFile): string {
  let unit = indentCache.get(sourceFile);
  if (unit !== undefined) return unit;
  let smallest = Infinity;
  for (const match of sourceFile.text.slice(0, 20_000).matchAll(/\n([ \t]+)\S/g)) {
    if (match[1]!.startsWith('\t')) {
      smallest = -1;
      break;
    }
    smallest = Math.min(smallest, match[1]!.length);
  }
  unit = smallest === -1 ? '\t' : ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
  indentCache.set(sourceFile, unit);
  return unit;
}

/** The quote character the file's string literals use (the first one found; `'` by default). */
export function quoteOf(sourceFile: ts.SourceFile): string {
  let quote = quoteCache.get(sourceFile);
  if (quote !== undefined) return quote;
  const walk = (node: ts.Node): void => {
    if (quote !== undefined) return;
    if (ts.isStringLiteral(node)) quote = sourceFile.text[node.getStart(sourceFile)];
    else ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  quote = quote === '"' ? '"' : "'";
  quoteCache.set(sourceFile, quote);
  return quote;
}

/** A string literal for `value` in the given quote style. */
export function stringLiteral(value: string, quote: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** Re-indents every line after the first by `extra` (for code moved one level deeper). */
export function indentFollowingLines(code: string, extra: string): string {
  return code.replace(/\n/g, `\n${extra}`);
}
