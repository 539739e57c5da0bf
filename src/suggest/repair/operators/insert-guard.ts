import ts from 'typescript';
import { isWriteTarget, nullableReceiver } from '../ast/expressions.ts';
import { fallbackReturnValues, returnStatementText } from '../ast/return-values.ts';
import { indentAt } from '../ast/style.ts';
import { enclosingFunction, forEachInRegion, isInStatementList } from '../ast/units.ts';
import { spanEdit, type CandidateEdit, type OperatorContext, type RepairOperator } from './operator.ts';

const MAX_RECEIVERS = 3;

/** Whether a `continue` is legal at the unit: it is inside a loop of its own function. */
function insideLoop(unit: ts.Node): boolean {
  for (let node = unit.parent; node && !ts.isFunctionLike(node); node = node.parent) {
    if (ts.isIterationStatement(node, false)) return true;
  }
  return false;
}

/** Expressions the unit dereferences (`user` of `user.name`, `items` of `for (x of items)`), first three by position. */
function dereferenced(context: OperatorContext): string[] {
  const receivers: string[] = [];
  const add = (expression: ts.Expression | undefined): void => {
    const text = expression?.getText(context.sourceFile);
    if (text !== undefined && !receivers.includes(text)) receivers.push(text);
  };
  if (ts.isForOfStatement(context.unit) && ts.isIdentifier(context.unit.expression)) add(context.unit.expression);
  forEachInRegion(context.unit, (node) => {
    if (!isWriteTarget(node)) add(nullableReceiver(node));
  });
  return receivers.slice(0, MAX_RECEIVERS);
}

/** Missing null check: `if (x == null) return <fallback>;` (or `continue;` in a loop) before a statement that dereferences x. */
export const nullGuard: RepairOperator = {
  name: 'null-guard',
  prior: 0.6,
  apply(context) {
    const fn = enclosingFunction(context.unit);
    if (!fn || !isInStatementList(context.unit)) return [];
    const start = context.unit.getStart(context.sourceFile);
    const indent = indentAt(context.text, start);
    const exits = [
      ...fallbackReturnValues(fn).map((value, index) => ({ statement: returnStatementText(value), weight: index === 0 ? 1 : 0.8 })),
      ...(insideLoop(context.unit) ? [{ statement: 'continue;', weight: 0.6 }] : []),
    ];
    const edits: CandidateEdit[] = [];
    for (const receiver of dereferenced(context)) {
      for (const exit of exits) {
        const guard = `if (${receiver} == null) ${exit.statement}`;
        edits.push(spanEdit(context, start, start, `${guard}\n${indent}`, exit.weight, `insert \`${guard}\` before ${context.file}:${context.sourceFile.getLineAndCharacterOfPosition(start).line + 1}`));
      }
    }
    return edits;
  },
};
