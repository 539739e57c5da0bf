import ts from 'typescript';

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

/** The script kind for a JS/TS source path, or undefined for anything else (json, d.ts, css...). */
function scriptKindOf(file: string): ts.ScriptKind | undefined {
  if (/\.d\.[cm]?ts$/.test(file)) return undefined;
  const ext = /\.([a-z]+)$/.exec(file)?.[1];
  return ext === undefined ? undefined : SCRIPT_KINDS[ext];
}

export function parseSource(file: string, text: string, setParentNodes = true): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, setParentNodes, scriptKindOf(file) ?? ts.ScriptKind.TS);
}

/** Syntax errors only (the parser's own diagnostics; no type checking). */
export function syntaxErrorCount(sourceFile: ts.SourceFile): number {
  // parseDiagnostics is internal to the compiler API but stable since TS 1.x; it is what tsc reports as TS1xxx.
  return (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0;
}

/** 1-based line of a character offset. */
export function lineOf(sourceFile: ts.SourceFile, pos: number): number {
  return sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
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
