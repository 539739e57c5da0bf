import ts from 'typescript';
import { enclosingFunction, forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator, textOf } from './operator.ts';

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

function calleeName(call: ts.CallExpression): string | undefined {
  if (ts.isIdentifier(call.expression)) return call.expression.text;
  if (ts.isPropertyAccessExpression(call.expression)) return call.expression.name.text;
  return undefined;
}

function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** Missing `await` before a call to a known promise-returning function, inside an async function. */
export const insertAwait: RepairOperator = {
  name: 'insert-await',
  prior: 0.6,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isCallExpression(node) || ts.isAwaitExpression(node.parent)) return;
      const name = calleeName(node);
      if (name === undefined || !context.facts.asyncCallees.has(name)) return;
      const fn = enclosingFunction(node);
      if (!fn || !isAsync(fn)) return;
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && PROMISE_METHODS.has(parent.name.text)) return;
      const operand =
        ts.isPropertyAccessExpression(parent) ||
        ts.isElementAccessExpression(parent) ||
        (ts.isCallExpression(parent) && parent.expression === node);
      const awaited = `await ${textOf(context, node)}`;
      // `return call()` in an async function already waits; only a surrounding try/catch makes it differ.
      edits.push(nodeEdit(context, node, operand ? `(${awaited})` : awaited, ts.isReturnStatement(parent) ? 0.3 : 1));
    });
    return edits;
  },
};
