import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ts from 'typescript';
import { scriptKindOf } from './parse-source.ts';

/** Where the in-memory project lives for the compiler; never touches the disk. */
const ROOT = '/__project__/';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  types: [],
  allowJs: true,
  checkJs: false,
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

const libDir = dirname(ts.getDefaultLibFilePath(OPTIONS));
/** The standard library's declarations never change: parse them once per process. */
const libFiles = new Map<string, ts.SourceFile | undefined>();

/** A type-checked program over the project's files (keys are project-relative paths). */
export interface ProjectProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Project-relative path -> its parsed file. */
  sourceFiles: Map<string, ts.SourceFile>;
}

export function createProjectProgram(files: ReadonlyMap<string, string>): ProjectProgram {
  const byAbsolute = new Map([...files].map(([path, text]) => [ROOT + path, text]));
  const host: ts.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      const text = byAbsolute.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true, scriptKindOf(fileName) ?? ts.ScriptKind.TS);
      if (!fileName.startsWith(libDir)) return undefined;
      if (!libFiles.has(fileName)) {
        libFiles.set(fileName, ts.createSourceFile(fileName, readFileSync(fileName, 'utf8'), languageVersion, true));
      }
      return libFiles.get(fileName);
    },
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    getDefaultLibLocation: () => libDir,
    writeFile: () => undefined,
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (fileName) => byAbsolute.has(fileName) || (fileName.startsWith(libDir) && ts.sys.fileExists(fileName)),
    readFile: (fileName) => byAbsolute.get(fileName) ?? (fileName.startsWith(libDir) ? ts.sys.readFile(fileName) : undefined),
    directoryExists: (directory) => directory.startsWith(libDir) || [...byAbsolute.keys()].some((name) => name.startsWith(`${directory}/`)),
    getDirectories: () => [],
  };
  const program = ts.createProgram({ rootNames: [...byAbsolute.keys()], options: OPTIONS, host });
  const sourceFiles = new Map<string, ts.SourceFile>();
  for (const path of files.keys()) {
    const sourceFile = program.getSourceFile(ROOT + path);
    if (sourceFile) sourceFiles.set(path, sourceFile);
  }
  return { program, checker: program.getTypeChecker(), sourceFiles };
}
