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
export function scriptKindOf(file: string): ts.ScriptKind | undefined {
  if (/\.d\.[cm]?ts$/.test(file)) return undefined;
  const ext = /\.([a-z]+)$/.exec(file)?.[1];
  return ext === undefined ? undefined : SCRIPT_KINDS[ext];
}

/** Parses one JS/TS file as its extension says (TypeScript when it says nothing known). */
export function parseSource(file: string, text: string, setParentNodes = true): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, setParentNodes, scriptKindOf(file) ?? ts.ScriptKind.TS);
}

/** 1-based line of a character offset. */
export function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}
