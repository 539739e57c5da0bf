import ts from 'typescript';
import { returnsValue } from '../ast/return-values.ts';
import { indentAt } from '../ast/style.ts';
import { enclosingFunction } from '../ast/units.ts';
import { spanEdit, textOf, type CandidateEdit, type OperatorContext, type RepairOperator } from './operator.ts';

const K = ts.SyntaxKind;

function isAssignmentOrUpdate(expression: ts.Expression): boolean {
  if (ts.isBinaryExpression(expression)) {
    return expression.operatorToken.kind >= K.FirstAssignment && expression.operatorToken.kind <= K.LastAssignment;
  }
  return ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression) || ts.isDeleteExpression(expression);
}

/** `compute(x);` as the last statement of a function that returns nothing -> `return compute(x);`. */
function missingReturn(context: OperatorContext): CandidateEdit[] {
  const unit = context.unit;
  if (!ts.isExpressionStatement(unit) || isAssignmentOrUpdate(unit.expression)) return [];
  const body = unit.parent;
  const fn = enclosingFunction(unit);
  if (!fn || fn.body !== body || !ts.isBlock(body) || body.statements.at(-1) !== unit) return [];
  if (ts.isConstructorDeclaration(fn) || ts.isSetAccessorDeclaration(fn) || returnsValue(fn)) return [];
  const start = unit.getStart(context.sourceFile);
  return [spanEdit(context, start, start, 'return ', 1)];
}

function exits(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isBreakOrContinueStatement(last));
}

/** An `if` in a loop that records a match but keeps looping: end its branch with `break;` (first match wins). */
function missingBreak(context: OperatorContext): CandidateEdit[] {
  const unit = context.unit;
  if (!ts.isIfStatement(unit) || unit.elseStatement || exits(unit.thenStatement)) return [];
  const loop = unit.parent && ts.isBlock(unit.parent) ? unit.parent.parent : unit.parent;
  if (!loop || !ts.isIterationStatement(loop, false)) return [];
  const then = unit.thenStatement;
  const last = ts.isBlock(then) ? then.statements.at(-1) : undefined;
  if (last) {
    const end = last.getEnd();
    return [spanEdit(context, end, end, `\n${indentAt(context.text, last.getStart(context.sourceFile))}break;`, 0.7,
      `insert \`break;\` after ${context.file}:${context.sourceFile.getLineAndCharacterOfPosition(end).line + 1}`)];
  }
  if (ts.isBlock(then)) return [];
  return [spanEdit(context, then.getStart(context.sourceFile), then.getEnd(), `{ ${textOf(context, then)} break; }`, 0.7)];
}

/** Missing exit: a dropped `return` before the final expression of a function, or a dropped `break` in a search loop. */
export const insertReturn: RepairOperator = {
  name: 'insert-return',
  prior: 0.5,
  apply(context) {
    return [...missingReturn(context), ...missingBreak(context)];
  },
};
