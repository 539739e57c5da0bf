import ts from 'typescript';
import { forEachInRegion } from '../ast/units.ts';
import { nodeEdit, textOf, type CandidateEdit, type RepairOperator } from './operator.ts';

const K = ts.SyntaxKind;

/** Excess logic in an expression: keep one side of `a && b`, `a || b`, `a ?? b`, or drop a `+ x`/`- x` term. */
export const dropTerm: RepairOperator = {
  name: 'drop-term',
  prior: 0.5,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isBinaryExpression(node)) return;
      const op = node.operatorToken.kind;
      const left = textOf(context, node.left);
      const right = textOf(context, node.right);
      if (op === K.AmpersandAmpersandToken || op === K.BarBarToken) {
        edits.push(nodeEdit(context, node, left, 1), nodeEdit(context, node, right, 1));
      } else if (op === K.QuestionQuestionToken) {
        edits.push(nodeEdit(context, node, left, 0.6));
      } else if ((op === K.PlusToken || op === K.MinusToken) && !(ts.isNumericLiteral(node.right) && node.right.text === '1')) {
        // `x + 1` / `x - 1` are the bounds operator's; a dropped term elsewhere is a less likely fix.
        edits.push(nodeEdit(context, node, left, 0.4));
      }
    });
    return edits;
  },
};
