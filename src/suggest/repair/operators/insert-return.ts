import ts from 'typescript';
import { isValueReference } from '../ast/expressions.ts';
import { returnsValue } from '../ast/return-values.ts';
import { indentAt } from '../ast/style.ts';
import { enclosingFunction, isInStatementList } from '../ast/units.ts';
import { type CandidateEdit, type OperatorContext, type RepairOperator, spanEdit, textOf, where } from './operator.ts';

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
    return [
      spanEdit(
        context,
        end,
        end,
        `\n${indentAt(context.text, last.getStart(context.sourceFile))}break;`,
        0.7,
        `insert \`break;\` after ${where(context, end)}`,
      ),
    ];
  }
  if (ts.isBlock(then)) return [];
  return [spanEdit(context, then.getStart(context.sourceFile), then.getEnd(), `{ ${textOf(context, then)} break; }`, 0.7)];
}

/** Whether any statement after `statement` in its block reads `name`. */
function readLater(statement: ts.Statement, name: string): boolean {
  const statements = (statement.parent as ts.Block).statements;
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && isValueReference(node)) found = true;
    else ts.forEachChild(node, walk);
  };
  for (const later of statements.slice(statements.indexOf(statement) + 1)) walk(later);
  return found;
}

/** `const hit = cache.get(key);` never read again: the lookup was meant to end the function, `if (hit) return hit;`. */
function unusedLookup(context: OperatorContext): CandidateEdit[] {
  const unit = context.unit;
  if (!ts.isVariableStatement(unit) || !isInStatementList(unit) || !enclosingFunction(unit)) return [];
  const [declaration, ...more] = unit.declarationList.declarations;
  if (!declaration || more.length > 0 || !ts.isIdentifier(declaration.name) || !declaration.initializer) return [];
  const name = declaration.name.text;
  if (readLater(unit, name)) return [];
  const end = unit.getEnd();
  const early = `if (${name}) return ${name};`;
  return [
    spanEdit(
      context,
      end,
      end,
      `\n${indentAt(context.text, unit.getStart(context.sourceFile))}${early}`,
      1,
      `insert \`${early}\` after ${where(context, end)}`,
    ),
  ];
}

/**
 * Missing exit: a dropped `return` before the final expression of a function, an unused lookup that should
 * return early, or a dropped `break` in a search loop.
 */
export const insertReturn: RepairOperator = {
  name: 'insert-return',
  prior: 0.5,
  apply(context) {
    return [...missingReturn(context), ...unusedLookup(context), ...missingBreak(context)];
  },
};
