import ts from 'typescript';
import { isWriteTarget, nullableReceiver, unparenthesized } from '../ast/expressions.ts';
import { fallbackReturnValues, returnStatementText } from '../ast/return-values.ts';
import { indentAt } from '../ast/style.ts';
import { enclosingFunction, forEachInRegion, isInStatementList } from '../ast/units.ts';
import { type CandidateEdit, type OperatorContext, type RepairOperator, spanEdit, where } from './operator.ts';

const MAX_CONDITIONS = 3;

/** A condition under which the statement cannot do its work, and the variable it depends on. */
interface Hazard {
  condition: string;
  root: string;
}

/** Whether a `continue` is legal at the unit: it is inside a loop of its own function. */
function insideLoop(unit: ts.Node): boolean {
  for (let node = unit.parent; node && !ts.isFunctionLike(node); node = node.parent) {
    if (ts.isIterationStatement(node, false)) return true;
  }
  return false;
}

/** The variable an access chain starts from: `order` of `order.items.length`. */
function rootOf(expression: ts.Expression): string | undefined {
  const inner = unparenthesized(expression);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return rootOf(inner.expression);
  return undefined;
}

function hazard(condition: string, expression: ts.Expression): Hazard[] {
  const root = rootOf(expression);
  return root === undefined ? [] : [{ condition, root }];
}

/** Values the unit dereferences (`user` of `user.name`, `items` of `for (x of items)`): `x == null`. */
function nullHazards(context: OperatorContext): Hazard[] {
  const hazards: Hazard[] = [];
  const text = (node: ts.Node): string => node.getText(context.sourceFile);
  if (ts.isForOfStatement(context.unit) && ts.isIdentifier(context.unit.expression)) {
    hazards.push(...hazard(`${text(context.unit.expression)} == null`, context.unit.expression));
  }
  forEachInRegion(context.unit, (node) => {
    const receiver = isWriteTarget(node) ? undefined : nullableReceiver(node);
    if (receiver) hazards.push(...hazard(`${text(receiver)} == null`, receiver));
  });
  return hazards;
}

/** Divisors that may be zero (`sum / values.length`, `/ Math.abs(before)`): `d === 0`. */
function zeroHazards(context: OperatorContext): Hazard[] {
  const hazards: Hazard[] = [];
  forEachInRegion(context.unit, (node) => {
    if (!ts.isBinaryExpression(node)) return;
    const op = node.operatorToken.kind;
    if (op !== ts.SyntaxKind.SlashToken && op !== ts.SyntaxKind.PercentToken) return;
    let divisor = unparenthesized(node.right);
    if (ts.isCallExpression(divisor) && divisor.expression.getText(context.sourceFile) === 'Math.abs' && divisor.arguments[0]) {
      divisor = unparenthesized(divisor.arguments[0]);
    }
    if (ts.isIdentifier(divisor) || ts.isPropertyAccessExpression(divisor)) {
      hazards.push(...hazard(`${divisor.getText(context.sourceFile)} === 0`, divisor));
    }
  });
  return hazards;
}

/** Whether a statement declares or assigns the variable `name`. */
function binds(statement: ts.Statement, name: string): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found || (ts.isFunctionLike(node) && node !== statement)) return;
    if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name) && node.name.text === name)
      found = true;
    else if (ts.isIdentifier(node) && node.text === name && isWriteTarget(node)) found = true;
    else ts.forEachChild(node, walk);
  };
  walk(statement);
  return found;
}

/**
 * Where a guard on `root` goes: as early in the unit's block as `root` has its final value (right after the
 * last statement before the unit that declares or assigns it; else the block's first statement), so the
 * guard reads as a guard clause and one guard serves every statement after it.
 */
function guardAnchor(unit: ts.Statement, root: string): ts.Statement {
  const statements = (unit.parent as ts.Block).statements;
  const index = statements.indexOf(unit);
  for (let i = index - 1; i >= 0; i--) {
    if (binds(statements[i]!, root)) return statements[i + 1]!;
  }
  return statements[0]!;
}

/**
 * Missing guard: an early exit for a divisor that may be zero (`if (values.length === 0) return 0;`) or a
 * dereferenced value that may be null (`if (user == null) return '';`), returning a fallback of the
 * function's kind, or `continue` in a loop.
 */
export const insertGuard: RepairOperator = {
  name: 'insert-guard',
  prior: 0.6,
  apply(context) {
    const fn = enclosingFunction(context.unit);
    if (!fn || !isInStatementList(context.unit)) return [];
    const unit = context.unit as ts.Statement;
    const exits = [
      ...fallbackReturnValues(fn).map((value, index) => ({ statement: returnStatementText(value), weight: index === 0 ? 1 : 0.8 })),
      ...(insideLoop(unit) ? [{ statement: 'continue;', weight: 0.6 }] : []),
    ];
    const hazards = [...zeroHazards(context), ...nullHazards(context)]
      .filter((entry, index, all) => all.findIndex((other) => other.condition === entry.condition) === index)
      .slice(0, MAX_CONDITIONS);
    const edits: CandidateEdit[] = [];
    for (const { condition, root } of hazards) {
      const anchor = guardAnchor(unit, root);
      const start = anchor.getStart(context.sourceFile);
      for (const exit of exits) {
        const guard = `if (${condition}) ${exit.statement}`;
        edits.push(
          spanEdit(
            context,
            start,
            start,
            `${guard}\n${indentAt(context.text, start)}`,
            exit.weight,
            `insert \`${guard}\` before ${where(context, start)}`,
          ),
        );
      }
    }
    return edits;
  },
};
