import ts from 'typescript';
import { isPrimaryLike } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, type OperatorContext, type RepairOperator, spanEdit } from './operator.ts';

const K = ts.SyntaxKind;
const MAX_SWAPPED_ARGUMENTS = 4;
/** Operators whose operands do not commute. */
const NON_COMMUTATIVE = new Set([K.MinusToken, K.SlashToken, K.PercentToken, K.AsteriskAsteriskToken]);

/** Swaps two nodes of the same list: one edit over the span from the first to the second. */
function swap(context: OperatorContext, first: ts.Node, second: ts.Node, weight: number): CandidateEdit | undefined {
  const { sourceFile, text } = context;
  const a = first.getText(sourceFile);
  const b = second.getText(sourceFile);
  if (a === b) return undefined;
  const start = first.getStart(sourceFile);
  const between = text.slice(first.getEnd(), second.getStart(sourceFile));
  return spanEdit(
    context,
    start,
    second.getEnd(),
    `${b}${between}${a}`,
    weight,
    `swap \`${a}\` and \`${b}\` at ${context.file}:${sourceFile.getLineAndCharacterOfPosition(start).line + 1}`,
  );
}

/** Swapped arguments (any two of a call's first four), template parts, and simple operands of `-`, `/`, `%`, `**`. */
export const swapArguments: RepairOperator = {
  name: 'swap-arguments',
  prior: 0.6,
  apply(context) {
    const edits: Array<CandidateEdit | undefined> = [];
    forEachInRegion(context.unit, (node) => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
        const args = node.arguments.slice(0, MAX_SWAPPED_ARGUMENTS).filter((arg) => !ts.isSpreadElement(arg));
        for (let i = 0; i < args.length; i++) {
          for (let j = i + 1; j < args.length; j++) edits.push(swap(context, args[i]!, args[j]!, j === i + 1 ? 1 : 0.6));
        }
      } else if (ts.isTemplateExpression(node)) {
        const spans = node.templateSpans;
        for (let i = 0; i + 1 < spans.length; i++) edits.push(swap(context, spans[i]!.expression, spans[i + 1]!.expression, 0.8));
      } else if (
        ts.isBinaryExpression(node) &&
        NON_COMMUTATIVE.has(node.operatorToken.kind) &&
        isPrimaryLike(node.left) &&
        isPrimaryLike(node.right)
      ) {
        edits.push(swap(context, node.left, node.right, 0.6));
      }
    });
    return edits.filter((edit) => edit !== undefined);
  },
};
