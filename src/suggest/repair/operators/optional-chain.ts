import ts from 'typescript';
import { isWriteTarget, nullableReceiver } from '../ast/expressions.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, type RepairOperator, snippet, spanEdit, where } from './operator.ts';

/** Missing null check, inline: `user.name` -> `user?.name`, `items[0]` -> `items?.[0]`. */
export const optionalChain: RepairOperator = {
  name: 'optional-chain',
  prior: 0.6,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!nullableReceiver(node) || isWriteTarget(node)) return;
      const access = node as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      if (ts.isDeleteExpression(access.parent) || ts.isNewExpression(access.parent)) return;
      const afterReceiver = access.expression.getEnd();
      const property = ts.isPropertyAccessExpression(access);
      const at = context.text.indexOf(property ? '.' : '[', afterReceiver);
      const start = access.getStart(context.sourceFile);
      const original = context.text.slice(start, access.getEnd());
      const optional = `${context.text.slice(start, at)}?.${context.text.slice(property ? at + 1 : at, access.getEnd())}`;
      const description = `replace \`${snippet(original)}\` with \`${snippet(optional)}\` at ${where(context, start)}`;
      edits.push(spanEdit(context, at, property ? at + 1 : at, '?.', property ? 1 : 0.8, description));
    });
    return edits;
  },
};
