import ts from 'typescript';
import { lineOf } from '../../../analysis/parse-source.ts';
import { isTestPath } from '../../../contract/test-files.ts';
import { allTests, type TestReport } from '../../../testing/report.ts';
import { type LineScores, raiseScore } from './line-scores.ts';

/** A function called on the failing assertion's line is likelier at fault than others the test calls. */
const ON_FAILING_LINE = 0.5;
const ELSEWHERE_IN_TEST = 0.3;

interface FunctionSpan {
  file: string;
  firstLine: number;
  lastLine: number;
}

/** Top-level functions, `const f = () => ...` and class methods of the project's non-test files, by name. */
function functionIndex(
  files: ReadonlyMap<string, string>,
  parse: (file: string) => ts.SourceFile | undefined,
): Map<string, FunctionSpan[]> {
  const index = new Map<string, FunctionSpan[]>();
  const add = (name: string, sourceFile: ts.SourceFile, node: ts.Node): void => {
    const span = {
      file: sourceFile.fileName,
      firstLine: lineOf(sourceFile, node.getStart(sourceFile)),
      lastLine: lineOf(sourceFile, node.getEnd()),
    };
    index.set(name, [...(index.get(name) ?? []), span]);
  };
  for (const file of files.keys()) {
    if (isTestPath(file)) continue;
    const sourceFile = parse(file);
    if (!sourceFile) continue;
    const walk = (node: ts.Node): void => {
      if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name))
        add(node.name.text, sourceFile, node);
      else if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
      )
        add(node.name.text, sourceFile, node);
      if (
        ts.isSourceFile(node) ||
        ts.isClassLike(node) ||
        ts.isVariableStatement(node) ||
        ts.isVariableDeclarationList(node) ||
        ts.isExportAssignment(node) ||
        ts.isModuleBlock(node)
      )
        ts.forEachChild(node, walk);
    };
    walk(sourceFile);
  }
  return index;
}

const TEST_CALL = /^(it|test)\b/;

/** The callback passed to `it`/`test` (`.only`, `.each(...)` too) that holds a position of a test file. */
function testBodyAt(sourceFile: ts.SourceFile, pos: number): ts.Node | undefined {
  let body: ts.Node | undefined;
  const walk = (node: ts.Node): void => {
    if (pos < node.getStart(sourceFile) || pos >= node.getEnd()) return;
    const parent = node.parent;
    if (
      (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
      ts.isCallExpression(parent) &&
      TEST_CALL.test(parent.expression.getText(sourceFile))
    )
      body = node;
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return body;
}

function calledName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  if (ts.isIdentifier(call.expression)) return call.expression.text;
  if (ts.isPropertyAccessExpression(call.expression)) return call.expression.name.text;
  return undefined;
}

/**
 * A static stand-in for coverage: for each failing test, the functions of the project it calls (found by
 * name), their lines scored 0.5 when called on the line that failed and 0.3 when called elsewhere in the
 * test. Needs the failing tests' files in `files` (they are read, never repaired).
 */
export function testCallScores(
  report: TestReport,
  files: ReadonlyMap<string, string>,
  parse: (file: string) => ts.SourceFile | undefined,
): LineScores {
  const scores: LineScores = new Map();
  let index: Map<string, FunctionSpan[]> | undefined;
  for (const test of allTests(report)) {
    if (test.status !== 'failed' || test.flaky) continue;
    const frame = test.failure?.frames.find((candidate) => isTestPath(candidate.file));
    const testFile = frame && parse(frame.file);
    const lineStart = frame && testFile?.getLineStarts()[frame.line - 1];
    if (!frame || !testFile || lineStart === undefined) continue;
    const failingLine = frame.line;
    const body = testBodyAt(testFile, lineStart + Math.max(0, testFile.text.slice(lineStart).search(/\S/)));
    if (!body) continue;
    index ??= functionIndex(files, parse);
    const walk = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calledName(node);
        const score = lineOf(testFile, node.getStart(testFile)) === failingLine ? ON_FAILING_LINE : ELSEWHERE_IN_TEST;
        for (const span of (name && index!.get(name)) || []) {
          for (let line = span.firstLine; line <= span.lastLine; line++) raiseScore(scores, span.file, line, score);
        }
      }
      ts.forEachChild(node, walk);
    };
    walk(body);
  }
  return scores;
}
