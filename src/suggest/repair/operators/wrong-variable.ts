import ts from 'typescript';
import { isValueReference } from '../ast/expressions.ts';
import { visibleBindings } from '../ast/scope.ts';
import { forEachInRegion } from '../ast/units.ts';
import { nodeEdit, type CandidateEdit, type RepairOperator } from './operator.ts';

const MAX_ALTERNATIVES = 6;

/** Wrong variable: a reference replaced by another in-scope variable of the same (syntactically evident) kind. */
export const wrongVariable: RepairOperator = {
  name: 'wrong-variable',
  prior: 0.4,
  apply(context) {
    const edits: CandidateEdit[] = [];
    forEachInRegion(context.unit, (node) => {
      if (!ts.isIdentifier(node) || !isValueReference(node)) return;
      if (ts.isCallExpression(node.parent) && node.parent.expression === node) return;
      const bindings = visibleBindings(node);
      const own = bindings.find((binding) => binding.name === node.text);
      if (!own || own.callable) return;
      let offered = 0;
      for (const other of bindings) {
        if (offered === MAX_ALTERNATIVES) break;
        if (other === own || other.callable) continue;
        const sameKind = own.kind === other.kind && own.kind !== 'unknown';
        if (!sameKind && own.kind !== 'unknown' && other.kind !== 'unknown') continue;
        edits.push(nodeEdit(context, node, other.name, sameKind ? 1 : 0.5));
        offered++;
      }
    });
    return edits;
  },
};
