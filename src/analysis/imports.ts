import path from 'node:path';
import ts from 'typescript';

/** How a relative import names a module file: as written, then the way TypeScript and bundlers resolve it. */
const SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];
/** `./x.js` written in TypeScript sources names `./x.ts`. */
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/**
 * The project files `entry` loads, directly or through each other, by relative import, export or
 * dynamic import (bare specifiers are packages and left out). Paths are project-relative; only
 * files in `files` are followed.
 */
export function importClosure(entry: { file: string; text: string }, files: ReadonlyMap<string, string>): Set<string> {
  const found = new Set<string>();
  const pending = [entry];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const specifier of relativeImports(next.text)) {
      const file = resolveImport(next.file, specifier, files);
      if (file === undefined || found.has(file)) continue;
      found.add(file);
      pending.push({ file, text: files.get(file) ?? '' });
    }
  }
  return found;
}

function relativeImports(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((reference) => reference.fileName).filter((name) => name.startsWith('./') || name.startsWith('../'));
}

function resolveImport(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  if (base.startsWith('../')) return undefined;
  const extension = path.posix.extname(base);
  const stem = base.slice(0, base.length - extension.length);
  const candidates = [...(JS_TO_TS[extension] ?? []).map((ts) => stem + ts), ...SUFFIXES.map((suffix) => base + suffix)];
  return candidates.find((candidate) => files.has(candidate));
}
