import path from 'node:path';
import ts from 'typescript';
import { listFunctions } from '../../analysis/functions.ts';
import { parseSource } from '../../analysis/parse-source.ts';
import type { Finding } from '../../contract/finding.ts';
import { isTestPath } from '../../contract/test-files.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { allTests, type TestCaseResult, type TestReport } from '../../testing/report.ts';
import { type CodeWindow, codeWindows } from './prompt.ts';

/** Files up to this many lines are shown whole: the model sees every definition they hold. */
const WHOLE_FILE_LINES = 150;
/** Frames of a failing test looked at per test (innermost first). */
const FRAMES_PER_TEST = 3;
/** How an import names a module file: as written, then with the usual extensions. */
const RESOLUTIONS = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.js'];

/** The failing tests a finding names, with their failures. */
export function failingTestsOf(finding: Finding, report: TestReport): TestCaseResult[] {
  const named = new Set(finding.tests);
  return allTests(report).filter((test) => named.has(test.id) && test.status === 'failed');
}

/**
 * The code to show for a finding: around its location and the failing tests' frames. An assertion
 * fails in the test file, so the source a test imports is shown too, around the functions it
 * imports: that is where a fix goes. Source files come first, tests after as read-only context.
 */
export async function localize(
  sandbox: Sandbox,
  finding: Finding,
  failing: readonly TestCaseResult[],
  radius: number,
): Promise<CodeWindow[]> {
  const points = new Map<string, number[]>();
  const add = (file: string, line?: number) => {
    const lines = points.get(file) ?? [];
    if (line !== undefined) lines.push(line);
    points.set(file, lines);
  };
  const read = (file: string) => sandbox.readFile(file).catch(() => undefined);
  if (finding.location) add(finding.location.file, finding.location.line);
  for (const test of failing) {
    for (const frame of test.failure?.frames.slice(0, FRAMES_PER_TEST) ?? []) add(frame.file, frame.line);
  }
  for (const testFile of [...points.keys()].filter(isTestPath)) {
    const text = await read(testFile);
    if (text === undefined) continue;
    for (const { file, names } of await importedSources(testFile, text, read)) {
      const source = await read(file);
      if (source === undefined) continue;
      add(file);
      for (const fn of listFunctions(parseSource(file, source))) if (names.has(fn.name)) add(file, fn.line);
    }
  }
  const ordered = [...points].sort(([a], [b]) => Number(isTestPath(a)) - Number(isTestPath(b)));
  const windows: CodeWindow[] = [];
  for (const [file, lines] of ordered) {
    const text = await read(file);
    if (text === undefined) continue;
    const lineCount = text.split('\n').length;
    windows.push(...(lineCount <= WHOLE_FILE_LINES ? codeWindows(file, text, [1], lineCount) : codeWindows(file, text, lines, radius)));
  }
  return windows;
}

/** The project source files a test file imports by relative path, with the names it imports from each. */
async function importedSources(
  testFile: string,
  text: string,
  read: (file: string) => Promise<string | undefined>,
): Promise<Array<{ file: string; names: Set<string> }>> {
  const found: Array<{ file: string; names: Set<string> }> = [];
  for (const statement of parseSource(testFile, text).statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(testFile), specifier));
    for (const suffix of RESOLUTIONS) {
      const file = suffix === '' ? base : `${base.replace(/\.js$/, '')}${suffix}`;
      if (base.startsWith('..') || isTestPath(file) || (await read(file)) === undefined) continue;
      found.push({ file, names: importedNames(statement) });
      break;
    }
  }
  return found;
}

function importedNames(declaration: ts.ImportDeclaration): Set<string> {
  const names = new Set<string>();
  const clause = declaration.importClause;
  if (clause?.name) names.add(clause.name.text);
  if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
    for (const element of clause.namedBindings.elements) names.add((element.propertyName ?? element.name).text);
  }
  return names;
}
