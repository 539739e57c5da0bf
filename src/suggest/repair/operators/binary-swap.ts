import ts from 'typescript';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, type OperatorContext, type RepairOperator, spanEdit } from './operator.ts';

/** For each operator token: the tokens to try instead, with their weights. */
export type OperatorSwaps = ReadonlyMap<ts.SyntaxKind, ReadonlyArray<readonly [ts.SyntaxKind, number]>>;

/** An operator that replaces the token of binary expressions by related tokens (`<` -> `<=`, `&&` -> `||`, ...). */
export function binaryOperatorSwap(
  name: string,
  prior: number,
  swaps: OperatorSwaps,
  applies: (node: ts.BinaryExpression) => boolean = () => true,
): RepairOperator {
  return {
    name,
    prior,
    apply(context: OperatorContext): CandidateEdit[] {
      const edits: CandidateEdit[] = [];
      forEachInRegion(context.unit, (node) => {
        if (!ts.isBinaryExpression(node)) return;
        const alternatives = swaps.get(node.operatorToken.kind);
        if (!alternatives || !applies(node)) return;
        const start = node.operatorToken.getStart(context.sourceFile);
        for (const [kind, weight] of alternatives) {
          edits.push(spanEdit(context, start, node.operatorToken.getEnd(), ts.tokenToString(kind) ?? '', weight));
        }
      });
      return edits;
    },
  };
}
