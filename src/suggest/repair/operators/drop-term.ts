import ts from 'typescript';
import { isPrimaryLike } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator, textOf } from './operator.ts';

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
      // `(a + b) * c` -> `a * c`: a simple remaining term loses its now useless parentheses.
      const keep = (term: ts.Expression, weight: number): void => {
        const bare = ts.isParenthesizedExpression(node.parent) && isPrimaryLike(term);
        edits.push(nodeEdit(context, bare ? node.parent : node, textOf(context, term), weight));
      };
      if (op === K.AmpersandAmpersandToken || op === K.BarBarToken) {
        keep(node.left, 1);
        keep(node.right, 1);
      } else if (op === K.QuestionQuestionToken) {
        keep(node.left, 0.6);
      } else if ((op === K.PlusToken || op === K.MinusToken) && !(ts.isNumericLiteral(node.right) && node.right.text === '1')) {
        // `x + 1` / `x - 1` are the bounds operator's; a dropped term elsewhere is a less likely fix.
        keep(node.left, 0.4);
      }
    });
    return edits;
  },
};
