import ts from 'typescript';
import { isInStatementList } from '../ast/units.ts';
import { type RepairOperator, snippet, spanEdit, where } from './operator.ts';

/** How likely deleting each kind of statement is to be the fix. */
function deletionWeight(unit: ts.Node): number {
  if (ts.isExpressionStatement(unit)) return 1;
  if (ts.isIfStatement(unit) && !unit.elseStatement) return 0.8;
  if (ts.isThrowStatement(unit) || ts.isBreakOrContinueStatement(unit)) return 0.6;
  if (ts.isReturnStatement(unit)) {
    const statements = (unit.parent as ts.Block).statements;
    return statements.at(-1) === unit ? 0 : 0.5;
  }
  return 0;
}

/** Excess logic: delete an expression statement, a guard `if`, a `throw`, `break`/`continue`, or an early `return`. */
export const deleteStatement: RepairOperator = {
  name: 'delete-statement',
  prior: 0.3,
  apply(context) {
    const { unit, text, sourceFile } = context;
    const weight = isInStatementList(unit) ? deletionWeight(unit) : 0;
    if (weight === 0) return [];
    let start = unit.getStart(sourceFile);
    let end = unit.getEnd();
    // A statement alone on its lines goes with its lines, so the diff is a clean line deletion.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', end);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
      start = lineStart;
      end = lineEnd;
    }
    const original = unit.getText(sourceFile);
    return [spanEdit(context, start, end, '', weight, `delete \`${snippet(original)}\` at ${where(context, unit.getStart(sourceFile))}`)];
  },
};
