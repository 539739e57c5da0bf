import ts from 'typescript';
import { isPrimaryLike } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator, textOf } from './operator.ts';

const K = ts.SyntaxKind;

function isLogical(node: ts.Node): node is ts.BinaryExpression {
  return (
    ts.isBinaryExpression(node) && (node.operatorToken.kind === K.AmpersandAmpersandToken || node.operatorToken.kind === K.BarBarToken)
  );
}

function isUpdate(node: ts.Node): node is ts.PrefixUnaryExpression | ts.PostfixUnaryExpression {
  return (
    (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === K.PlusPlusToken || node.operator === K.MinusMinusToken)
  );
}

function isValueDiscarded(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isExpressionStatement(parent) || (ts.isForStatement(parent) && parent.incrementor === node);
}

/** Unary misuse: drop a `!` or a `-`, flip `++`/`--` or their prefix/postfix place, or negate one operand of `&&`/`||`. */
export const unaryOperator: RepairOperator = {
  name: 'unary-operator',
  prior: 0.6,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (ts.isPrefixUnaryExpression(node)) {
        const operand = textOf(context, node.operand);
        if (node.operator === K.ExclamationToken) edits.push(nodeEdit(context, node, operand, 1));
        else if (node.operator === K.MinusToken && !ts.isNumericLiteral(node.operand)) edits.push(nodeEdit(context, node, operand, 0.6));
      }
      if (isUpdate(node)) {
        const operand = textOf(context, node.operand);
        const flipped = node.operator === K.PlusPlusToken ? '--' : '++';
        const own = node.operator === K.PlusPlusToken ? '++' : '--';
        const prefix = ts.isPrefixUnaryExpression(node);
        edits.push(nodeEdit(context, node, prefix ? `${flipped}${operand}` : `${operand}${flipped}`, 0.8));
        // `x++` and `++x` differ only where the value is used: `return this.last++`.
        if (!isValueDiscarded(node)) edits.push(nodeEdit(context, node, prefix ? `${operand}${own}` : `${own}${operand}`, 0.8));
      }
      if (node.parent && isLogical(node.parent) && ts.isExpression(node) && isPrimaryLike(node) && !ts.isLiteralExpression(node)) {
        edits.push(nodeEdit(context, node, `!${textOf(context, node)}`, 0.6));
      }
    });
    return edits;
  },
};
