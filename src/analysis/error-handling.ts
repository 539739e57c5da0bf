import ts from 'typescript';
import type { Finding, Priority } from '../contract/finding.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { allTests, type TestCaseResult, type TestReport } from '../testing/report.ts';
import type { Analyzer, SourceContext } from './analyzer.ts';
import { enclosingFunction, listFunctions } from './functions.ts';
import { createMemo } from './memo.ts';
import { sourceSnapshot } from './sources.ts';
import { createProjectProgram } from './ts-program.ts';

export type ErrorHandlingRule =
  | 'empty-catch'
  | 'swallowed-error'
  | 'floating-promise'
  | 'unhandled-async-entry'
  | 'missing-await'
  | 'throw-non-error'
  | 'unchecked-json-parse'
  | 'unchecked-index';

/**
 * How bad each defect is on its own. A lost promise or a promise used as its value is wrong every
 * time the line runs (a rejection nobody handles ends a Node process); the others only hurt on bad
 * input or in diagnosis. Any defect that a failing test runs through is high.
 */
const RULE_PRIORITY: Record<ErrorHandlingRule, Priority> = {
  'empty-catch': 'medium',
  'swallowed-error': 'medium',
  'floating-promise': 'high',
  'unhandled-async-entry': 'high',
  'missing-await': 'high',
  'throw-non-error': 'medium',
  'unchecked-json-parse': 'medium',
  'unchecked-index': 'medium',
};

const RULE_ADVICE: Record<ErrorHandlingRule, string> = {
  'empty-catch': 'An empty catch hides every error, including bugs; handle, log or rethrow it.',
  'swallowed-error': 'The catch neither rethrows nor looks at the error, so the cause is lost.',
  'floating-promise':
    'The promise is neither awaited nor given a rejection handler: the caller goes on before it settles and a rejection is unhandled.',
  'unhandled-async-entry':
    'A top-level call of an async function without a rejection handler: a rejection ends the process with an unhandled-rejection error.',
  'missing-await': 'A promise is used as if it were its value; it is probably missing `await`.',
  'throw-non-error': 'Throwing a non-Error loses the stack trace and breaks `instanceof Error` checks; throw an Error.',
  'unchecked-json-parse': 'JSON.parse throws a SyntaxError on malformed input and nothing here catches it.',
  'unchecked-index': 'The element is used as an object without checking the array is long enough; an empty array throws a TypeError.',
};

export interface ErrorHandlingInput {
  /** The project's source files (not tests), keyed by project-relative path. */
  files: ReadonlyMap<string, string>;
  /** When given, defects inside code a failing test runs through are raised to high. */
  report?: TestReport;
}

interface Defect {
  rule: ErrorHandlingRule;
  file: string;
  line: number;
  column: number;
  code: string;
}

/** A defect with the function around it: what the report-independent part of the analysis finds. */
export interface LocatedDefect extends Defect {
  /** Name of the enclosing function, if any. */
  fn?: string;
  /** Lines of the enclosing function (the defect's own line outside functions). */
  range: { from: number; to: number };
}

/** Static checks of error handling over the project's source, typed by the compiler. */
export function analyzeErrorHandling({ files, report }: ErrorHandlingInput): Finding[] {
  return errorHandlingFindings(findErrorHandlingDefects(files), report);
}

/** The expensive part: type-checks the sources and finds every defect. Needs no test report. */
function findErrorHandlingDefects(files: ReadonlyMap<string, string>): LocatedDefect[] {
  const { checker, sourceFiles } = createProjectProgram(files);
  const located: LocatedDefect[] = [];
  for (const [file, sourceFile] of sourceFiles) {
    const functions = listFunctions(sourceFile);
    for (const defect of findDefects(file, sourceFile, checker)) {
      const fn = enclosingFunction(functions, defect.line);
      located.push({
        ...defect,
        ...(fn ? { fn: fn.name } : {}),
        range: fn ? { from: fn.line, to: fn.endLine } : { from: defect.line, to: defect.line },
      });
    }
  }
  return located;
}

/** Findings for the defects; those inside code a failing test of `report` runs through are high. */
function errorHandlingFindings(defects: readonly LocatedDefect[], report?: TestReport): Finding[] {
  const failing = report ? allTests(report).filter((test) => test.status === 'failed' && test.failure) : [];
  return defects.map((defect) =>
    toFinding(
      defect,
      failing.filter((test) => runsThrough(test, defect.file, defect.range)),
    ),
  );
}

/** Defects by the digest of the sources they were found in. */
const defectsByContents = createMemo<LocatedDefect[]>(16);

async function defectsIn({ sandbox, contentsKey }: SourceContext): Promise<LocatedDefect[]> {
  const snapshot = await sourceSnapshot(sandbox, contentsKey);
  return defectsByContents.get(snapshot.digest, () => findErrorHandlingDefects(snapshot.files));
}

/** Adapter: reads the project's sources from the sandbox, then runs the analysis. */
export async function analyzeErrorHandlingInSandbox(sandbox: Sandbox, report?: TestReport): Promise<Finding[]> {
  return errorHandlingFindings(await defectsIn({ sandbox }), report);
}

/**
 * Reads the sources from the analysis sandbox; without one there is nothing to read. The checks
 * themselves are reused for sources already analyzed; only the failing tests are matched anew.
 */
export const errorHandlingAnalyzer: Analyzer = {
  name: 'error-handling',
  analyze: async ({ report, sandbox, contentsKey }) =>
    sandbox ? errorHandlingFindings(await defectsIn({ sandbox, contentsKey }), report) : [],
  prepare: async (context) => {
    await defectsIn(context);
  },
};

function runsThrough(test: TestCaseResult, file: string, range: { from: number; to: number }): boolean {
  return (test.failure?.frames ?? []).some((frame) => frame.file === file && frame.line >= range.from && frame.line <= range.to);
}

function toFinding(defect: LocatedDefect, shownBy: readonly TestCaseResult[]): Finding {
  const where = defect.fn ? ` in ${defect.fn}` : '';
  const evidence = [
    `${defect.file}:${defect.line}: ${defect.code}`,
    RULE_ADVICE[defect.rule],
    ...shownBy.map((test) => `Failing test ${test.id}: ${test.failure?.message ?? ''}`),
  ].join('\n');
  return {
    id: `error-handling:${defect.rule}:${defect.file}:${defect.line}:${defect.column}`,
    category: 'error-handling',
    priority: shownBy.length > 0 ? 'high' : RULE_PRIORITY[defect.rule],
    message: `${describe(defect.rule)}${where} (${defect.file}:${defect.line})`,
    location: { file: defect.file, line: defect.line, column: defect.column },
    tests: shownBy.map((test) => test.id),
    evidence,
  };
}

function describe(rule: ErrorHandlingRule): string {
  switch (rule) {
    case 'empty-catch':
      return 'Empty catch block';
    case 'swallowed-error':
      return 'Catch block swallows the error';
    case 'floating-promise':
      return 'Promise neither awaited nor handled';
    case 'unhandled-async-entry':
      return 'Top-level async call without rejection handling';
    case 'missing-await':
      return 'Promise used as a value (missing await)';
    case 'throw-non-error':
      return 'Throws a value that is not an Error';
    case 'unchecked-json-parse':
      return 'JSON.parse outside any try';
    case 'unchecked-index':
      return 'Array element used without a length check';
  }
}

function findDefects(file: string, sourceFile: ts.SourceFile, checker: ts.TypeChecker): Defect[] {
  const defects: Defect[] = [];
  const report = (rule: ErrorHandlingRule, node: ts.Node): void => {
    const start = node.getStart(sourceFile);
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
    const code = sourceFile.text.split('\n')[line]?.trim() ?? '';
    defects.push({ rule, file, line: line + 1, column: character + 1, code });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCatchClause(node)) checkCatch(node, checker, report);
    else if (ts.isExpressionStatement(node)) checkFloating(node, checker, report);
    else if (ts.isThrowStatement(node)) checkThrow(node, checker, report);
    else if (ts.isCallExpression(node)) {
      if (isJsonParse(node) && !insideTry(node)) report('unchecked-json-parse', node);
      // Asking the checker for a type is the expensive part: only where the syntax already fits.
      if (usedAsValue(node) && isPromise(checker, node)) report('missing-await', node);
    } else if (ts.isPropertyAccessExpression(node)) checkIndexedObject(node, checker, report);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return defects;
}

type Report = (rule: ErrorHandlingRule, node: ts.Node) => void;

function checkCatch(clause: ts.CatchClause, checker: ts.TypeChecker, report: Report): void {
  if (clause.block.statements.length === 0) {
    report('empty-catch', clause);
    return;
  }
  if (containsOwnThrow(clause.block)) return;
  const variable = clause.variableDeclaration?.name;
  const symbol = variable && ts.isIdentifier(variable) ? checker.getSymbolAtLocation(variable) : undefined;
  if (variable && !ts.isIdentifier(variable)) return; // destructured: the error's parts are used
  if (symbol && referencesSymbol(clause.block, symbol, checker)) return;
  report('swallowed-error', clause);
}

/** A throw in the block itself, not in a function defined inside it. */
function containsOwnThrow(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found || ts.isFunctionLike(child)) return;
    if (ts.isThrowStatement(child)) found = true;
    else ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function referencesSymbol(node: ts.Node, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && checker.getSymbolAtLocation(child) === symbol) found = true;
    else ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

function checkFloating(statement: ts.ExpressionStatement, checker: ts.TypeChecker, report: Report): void {
  const expression = ts.skipPartiallyEmittedExpressions(stripParentheses(statement.expression));
  if (!ts.isCallExpression(expression) && !ts.isNewExpression(expression)) return;
  if (handlesRejection(expression) || !isPromise(checker, expression)) return;
  report(insideFunction(statement) ? 'floating-promise' : 'unhandled-async-entry', expression);
}

/** `.catch(handler)` or `.then(onFulfilled, onRejected)` ends the chain with a rejection handler. */
function handlesRejection(call: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  return (method === 'catch' && call.arguments.length > 0) || (method === 'then' && call.arguments.length > 1);
}

function checkThrow(statement: ts.ThrowStatement, checker: ts.TypeChecker, report: Report): void {
  const thrown = stripParentheses(statement.expression);
  const literal =
    ts.isStringLiteralLike(thrown) ||
    ts.isTemplateExpression(thrown) ||
    ts.isNumericLiteral(thrown) ||
    ts.isObjectLiteralExpression(thrown) ||
    ts.isArrayLiteralExpression(thrown) ||
    thrown.kind === ts.SyntaxKind.TrueKeyword ||
    thrown.kind === ts.SyntaxKind.FalseKeyword ||
    thrown.kind === ts.SyntaxKind.NullKeyword;
  const primitive = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike;
  if (literal || (checker.getTypeAtLocation(thrown).flags & primitive) !== 0) report('throw-non-error', statement);
}

function isJsonParse(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'parse' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'JSON'
  );
}

/**
 * Inside the protected block of a try, at any depth: a callback given to code inside a try is
 * usually called there, and flagging it would be noise.
 */
function insideTry(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isTryStatement(parent) && parent.tryBlock === child) return true;
  }
  return false;
}

function insideFunction(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (ts.isFunctionLike(parent)) return true;
  return false;
}

/** A promise in a place that wants its value: a property read, arithmetic, a condition, a template. */
function usedAsValue(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) {
    if (parent.expression !== node) return false;
    return !(ts.isPropertyAccessExpression(parent) && ['then', 'catch', 'finally'].includes(parent.name.text));
  }
  if (ts.isBinaryExpression(parent)) {
    const kind = parent.operatorToken.kind;
    const passesThrough =
      kind === ts.SyntaxKind.CommaToken ||
      kind === ts.SyntaxKind.QuestionQuestionToken ||
      (kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment);
    return !passesThrough || (kind === ts.SyntaxKind.QuestionQuestionToken && parent.left === node);
  }
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
  if (ts.isConditionalExpression(parent)) return parent.condition === node;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  return ts.isTemplateSpan(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent);
}

/** `list[0].name` on an array nothing in the function checks the length of (tuples are safe). */
function checkIndexedObject(access: ts.PropertyAccessExpression, checker: ts.TypeChecker, report: Report): void {
  if (access.questionDotToken) return;
  const element = stripParentheses(access.expression);
  if (!ts.isElementAccessExpression(element) || element.questionDotToken) return;
  if (!ts.isNumericLiteral(element.argumentExpression)) return;
  const array = element.expression;
  if (!ts.isIdentifier(array) && !ts.isPropertyAccessExpression(array)) return;
  const type = checker.getTypeAtLocation(array);
  if (!checker.isArrayType(type) || checker.isTupleType(type)) return;
  const scope = enclosingScope(access);
  if (!guardsLength(scope, array.getText(), access.getStart())) report('unchecked-index', access);
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return parent;
  }
  return node.getSourceFile();
}

/** Any condition before `before` in the scope that mentions the array's length or elements. */
function guardsLength(scope: ts.Node, arrayText: string, before: number): boolean {
  const mentions = [`${arrayText}.length`, `${arrayText}[`, `${arrayText}.at(`, `${arrayText}?.`];
  let guarded = false;
  const visit = (node: ts.Node): void => {
    if (guarded || node.getStart() > before) return;
    const condition =
      ts.isIfStatement(node) || ts.isWhileStatement(node)
        ? node.expression
        : ts.isConditionalExpression(node)
          ? node.condition
          : ts.isBinaryExpression(node) &&
              (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
            ? node.left
            : undefined;
    if (condition && mentions.some((mention) => condition.getText().includes(mention))) guarded = true;
    else ts.forEachChild(node, visit);
  };
  visit(scope);
  return guarded;
}

function isPromise(checker: ts.TypeChecker, node: ts.Node): boolean {
  const type = checker.getTypeAtLocation(node);
  const candidates = type.isUnion() ? type.types : [type];
  return candidates.some((candidate) => {
    if (candidate.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
    const then = checker.getPropertyOfType(candidate, 'then');
    if (!then) return false;
    return checker.getTypeOfSymbolAtLocation(then, node).getCallSignatures().length > 0;
  });
}

function stripParentheses(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
