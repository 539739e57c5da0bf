import ts from 'typescript';
import { negationOf, unparenthesized } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { nodeEdit, type RepairOperator, textOf } from './operator.ts';

const K = ts.SyntaxKind;

/** Comparisons negate by their opposite operator, which reads better than `!(a < b)`. */
const OPPOSITES = new Map<ts.SyntaxKind, ts.SyntaxKind>([
  [K.LessThanToken, K.GreaterThanEqualsToken],
  [K.GreaterThanEqualsToken, K.LessThanToken],
  [K.GreaterThanToken, K.LessThanEqualsToken],
  [K.LessThanEqualsToken, K.GreaterThanToken],
  [K.EqualsEqualsEqualsToken, K.ExclamationEqualsEqualsToken],
  [K.ExclamationEqualsEqualsToken, K.EqualsEqualsEqualsToken],
  [K.EqualsEqualsToken, K.ExclamationEqualsToken],
  [K.ExclamationEqualsToken, K.EqualsEqualsToken],
]);

function conditionOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return node.expression;
  if (ts.isForStatement(node)) return node.condition;
  if (ts.isConditionalExpression(node)) return node.condition;
  return undefined;
}

/** `if (cond)` -> `if (!cond)`, likewise for loops and `?:`; a comparison is negated by its opposite operator. */
export const negateCondition: RepairOperator = {
  name: 'negate-condition',
  prior: 0.7,
  apply(context) {
    const conditions = [conditionOf(context.unit)];
    forEachInRegion(context.unit, (node) => conditions.push(conditionOf(node)));
    return conditions.flatMap((condition) => {
      if (!condition) return [];
      const inner = unparenthesized(condition);
      const text = textOf(context, condition);
      if (ts.isPrefixUnaryExpression(inner) && inner.operator === K.ExclamationToken) {
        return [nodeEdit(context, condition, textOf(context, inner.operand))];
      }
      const opposite = ts.isBinaryExpression(inner) ? OPPOSITES.get(inner.operatorToken.kind) : undefined;
      if (opposite !== undefined && inner === condition && ts.isBinaryExpression(inner)) {
        const token = inner.operatorToken;
        const negated =
          text.slice(0, token.getStart(context.sourceFile) - condition.getStart(context.sourceFile)) +
          ts.tokenToString(opposite) +
          text.slice(token.getEnd() - condition.getStart(context.sourceFile));
        return [nodeEdit(context, condition, negated)];
      }
      return [nodeEdit(context, condition, negationOf(condition, text))];
    });
  },
};
