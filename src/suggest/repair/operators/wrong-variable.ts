import ts from 'typescript';
import { isValueReference } from '../ast/expressions.ts';
import { visibleBindings } from '../ast/scope.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

const MAX_ALTERNATIVES = 6;

/**
 * Whether `node` is part of an operand that repeats its counterpart (`a.word.localeCompare(a.word)`,
 * `x - x`): comparing or combining a value with itself is almost always a wrong variable.
 */
function inRepeatedOperand(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  for (let part: ts.Node = node; part.parent && !ts.isStatement(part.parent); part = part.parent) {
    const parent = part.parent;
    const text = part.getText(sourceFile);
    if (ts.isBinaryExpression(parent) && parent.left.getText(sourceFile) === parent.right.getText(sourceFile)) return true;
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
      const receiver = parent.expression.expression.getText(sourceFile);
      if (parent.arguments.some((arg) => arg === part) && receiver === text) return true;
    }
    if (
      ts.isPropertyAccessExpression(parent) &&
      ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent &&
      parent.expression === part &&
      parent.parent.arguments.some((arg) => arg.getText(sourceFile) === text)
    )
      return true;
  }
  return false;
}

/** Wrong variable: a reference replaced by another in-scope variable of the same (syntactically evident) kind. */
export const wrongVariable: RepairOperator = {
  name: 'wrong-variable',
  prior: 0.6,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isIdentifier(node) || !isValueReference(node)) return;
      if (ts.isCallExpression(node.parent) && node.parent.expression === node) return;
      const bindings = visibleBindings(node);
      const own = bindings.find((binding) => binding.name === node.text);
      if (!own || own.callable) return;
      const repeated = inRepeatedOperand(node, context.sourceFile);
      let offered = 0;
      for (const other of bindings) {
        if (offered === MAX_ALTERNATIVES) break;
        if (other === own || other.callable) continue;
        const sameKind = own.kind === other.kind && own.kind !== 'unknown';
        if (!sameKind && own.kind !== 'unknown' && other.kind !== 'unknown') continue;
        edits.push(nodeEdit(context, node, other.name, sameKind || repeated ? 1 : 0.5));
        offered++;
      }
    });
    return edits;
  },
};
