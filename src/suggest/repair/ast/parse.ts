import type ts from 'typescript';
import { parseSource, scriptKindOf } from '../../../analysis/parse-source.ts';

/** Syntax errors only (the parser's own diagnostics; no type checking). */
export function syntaxErrorCount(sourceFile: ts.SourceFile): number {
  // parseDiagnostics is internal to the compiler API but stable since TS 1.x; it is what tsc reports as TS1xxx.
  return (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0;
}

/** Parses each JS/TS file of `files` at most once; undefined for files that are absent or not JS/TS. */
export function parsedFiles(files: ReadonlyMap<string, string>): (file: string) => ts.SourceFile | undefined {
  const parsed = new Map<string, ts.SourceFile>();
  return (file) => {
    const cached = parsed.get(file);
    if (cached) return cached;
    const text = files.get(file);
    if (text === undefined || scriptKindOf(file) === undefined) return undefined;
    const sourceFile = parseSource(file, text);
    parsed.set(file, sourceFile);
    return sourceFile;
  };
}
