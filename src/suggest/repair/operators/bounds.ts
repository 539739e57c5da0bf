import ts from 'typescript';
import { isWriteTarget, offsetBy } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type OperatorContext, type RepairOperator, textOf } from './operator.ts';

/** Methods whose numeric arguments are positions or counts, where off-by-one bugs live. */
const INDEX_METHODS = new Set([
  'slice',
  'substring',
  'substr',
  'splice',
  'at',
  'charAt',
  'charCodeAt',
  'codePointAt',
  'padStart',
  'padEnd',
  'repeat',
  'setDate',
  'setMonth',
  'setFullYear',
  'setHours',
  'setMinutes',
  'setSeconds',
  'setUTCDate',
  'setUTCMonth',
  'setUTCFullYear',
  'fill',
  'copyWithin',
]);
/** Calls that return a position or a zero-based date part. */
const INDEX_RESULTS = new Set([
  'getMonth',
  'getUTCMonth',
  'getDay',
  'getUTCDay',
  'indexOf',
  'lastIndexOf',
  'findIndex',
  'findLastIndex',
  'search',
]);

const K = ts.SyntaxKind;

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isIdentifier(callee)) return callee.text;
  return undefined;
}

function isOne(node: ts.Expression): boolean {
  return ts.isNumericLiteral(node) && node.text === '1';
}

/** Position arguments: of index methods, and every argument of `new Date(...)`. */
function isPositionArgument(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent || !(ts.isCallExpression(parent) || ts.isNewExpression(parent)) || parent.expression === node) return false;
  const name = calleeName(parent);
  if (name === undefined) return false;
  return ts.isNewExpression(parent) ? name === 'Date' : INDEX_METHODS.has(name);
}

function shifted(context: OperatorContext, node: ts.Expression, weight: number): CandidateEdit[] {
  const text = textOf(context, node);
  return [nodeEdit(context, node, offsetBy(node, text, 1), weight), nodeEdit(context, node, offsetBy(node, text, -1), weight)];
}

/**
 * Bounds and slices: shift a position by one (slice/substring arguments, `new Date` parts, indexes, `.length`,
 * `indexOf()`/`getMonth()` results, operands of `*` as in `page * size`), or drop an existing `+ 1`/`- 1`.
 * Literal positions are left to off-by-one-literal.
 */
export const bounds: RepairOperator = {
  name: 'bounds',
  prior: 0.9,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (
        ts.isBinaryExpression(node) &&
        (node.operatorToken.kind === K.PlusToken || node.operatorToken.kind === K.MinusToken) &&
        isOne(node.right)
      ) {
        edits.push(nodeEdit(context, node, textOf(context, node.left), 1));
        return;
      }
      if (!ts.isExpression(node) || ts.isNumericLiteral(node) || (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)))
        return;
      const parent = node.parent;
      const alreadyShifted =
        parent &&
        ts.isBinaryExpression(parent) &&
        parent.left === node &&
        isOne(parent.right) &&
        (parent.operatorToken.kind === K.PlusToken || parent.operatorToken.kind === K.MinusToken);
      if (alreadyShifted || ts.isSpreadElement(node) || isWriteTarget(node)) return;
      if (isPositionArgument(node)) edits.push(...shifted(context, node, 1));
      else if (parent && ts.isElementAccessExpression(parent) && parent.argumentExpression === node && !ts.isStringLiteral(node))
        edits.push(...shifted(context, node, 0.7));
      else if (ts.isPropertyAccessExpression(node) && node.name.text === 'length' && !(parent && ts.isPropertyAccessExpression(parent)))
        edits.push(...shifted(context, node, 0.7));
      else if (ts.isCallExpression(node) && INDEX_RESULTS.has(calleeName(node) ?? '')) edits.push(...shifted(context, node, 0.6));
      else if (
        parent &&
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === K.AsteriskToken &&
        (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))
      ) {
        edits.push(...shifted(context, node, 0.8));
      }
    });
    return edits;
  },
};
