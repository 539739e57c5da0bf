import ts from 'typescript';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

/** Integer literals n -> n+1 and n-1 (a negative literal `-n` counts as one literal). */
export const offByOneLiteral: RepairOperator = {
  name: 'off-by-one-literal',
  prior: 0.9,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isNumericLiteral(node) || !/^\d+$/.test(node.text)) return;
      if ((ts.isPropertyAssignment(node.parent) || ts.isEnumMember(node.parent)) && node.parent.name === node) return;
      const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
      const target = negated ? node.parent : node;
      const value = Number(node.text) * (negated ? -1 : 1);
      for (const next of [value + 1, value - 1]) {
        edits.push(nodeEdit(context, target, String(next), next < 0 && value >= 0 ? 0.5 : 1));
      }
    });
    return edits;
  },
};
