import ts from 'typescript';
import { isPrimaryLike } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { nodeEdit, textOf, type CandidateEdit, type RepairOperator } from './operator.ts';

const K = ts.SyntaxKind;

function isLogical(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === K.AmpersandAmpersandToken || node.operatorToken.kind === K.BarBarToken);
}

/** Unary misuse: drop a `!` or a `-`, flip `++`/`--`, or negate one operand of `&&`/`||`. */
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
        else if (node.operator === K.PlusPlusToken) edits.push(nodeEdit(context, node, `--${operand}`, 0.8));
        else if (node.operator === K.MinusMinusToken) edits.push(nodeEdit(context, node, `++${operand}`, 0.8));
      } else if (ts.isPostfixUnaryExpression(node)) {
        const operand = textOf(context, node.operand);
        edits.push(nodeEdit(context, node, `${operand}${node.operator === K.PlusPlusToken ? '--' : '++'}`, 0.8));
      }
      if (node.parent && isLogical(node.parent) && ts.isExpression(node) && isPrimaryLike(node) && !ts.isLiteralExpression(node)) {
        edits.push(nodeEdit(context, node, `!${textOf(context, node)}`, 0.6));
      }
    });
    return edits;
  },
};
