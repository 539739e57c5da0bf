import ts from 'typescript';
import { fallbackReturnValues, returnStatementText } from '../ast/return-values.ts';
import { indentAt, indentFollowingLines, indentUnit } from '../ast/style.ts';
import { enclosingFunction, isInStatementList } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type OperatorContext, type RepairOperator, snippet, where } from './operator.ts';

const NORMALIZE_ERROR = 'throw error instanceof Error ? error : new Error(String(error));';

/** `const x = f();` -> `let x;` plus the assignment to guard, so `x` stays visible after the try block. */
function splitDeclaration(context: OperatorContext, unit: ts.VariableStatement): { before: string; guarded: string } | undefined {
  const declarations = unit.declarationList.declarations;
  const declaration = declarations[0];
  if (declarations.length !== 1 || !declaration || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const type = declaration.type ? `: ${declaration.type.getText(context.sourceFile)}` : '';
  return {
    before: `let ${declaration.name.text}${type};`,
    guarded: `${declaration.name.text} = ${declaration.initializer.getText(context.sourceFile)};`,
  };
}

/** Error handling: wrap a statement in try/catch that returns a fallback, swallows, or rethrows a real Error. */
export const wrapTryCatch: RepairOperator = {
  name: 'wrap-try-catch',
  prior: 0.3,
  apply(context) {
    const { unit, text } = context;
    const fn = enclosingFunction(unit);
    if (!fn || !isInStatementList(unit)) return [];
    let parts: { before: string; guarded: string } | undefined;
    if (ts.isExpressionStatement(unit) || ts.isReturnStatement(unit)) parts = { before: '', guarded: unit.getText(context.sourceFile) };
    else if (ts.isVariableStatement(unit)) parts = splitDeclaration(context, unit);
    if (!parts) return [];
    const indent = indentAt(text, unit.getStart(context.sourceFile));
    const step = indentUnit(context.sourceFile);
    const inner = `${indent}${step}`;
    const handlers = [
      ...fallbackReturnValues(fn).map((value, index) => ({
        clause: 'catch',
        body: returnStatementText(value),
        weight: index === 0 ? 1 : 0.8,
      })),
      ...(ts.isExpressionStatement(unit) ? [{ clause: 'catch', body: '', weight: 0.6 }] : []),
      { clause: 'catch (error)', body: NORMALIZE_ERROR, weight: 0.5 },
    ];
    const guarded = indentFollowingLines(parts.guarded, step);
    const prefix = parts.before ? `${parts.before}\n${indent}` : '';
    return handlers.map(({ clause, body, weight }): CandidateEdit => {
      const handler = body ? `\n${inner}${body}\n${indent}` : '';
      const replacement = `${prefix}try {\n${inner}${guarded}\n${indent}} ${clause} {${handler}}`;
      const description = `wrap \`${snippet(parts.guarded)}\` in try/${clause} { ${body} } at ${where(context, unit.getStart(context.sourceFile))}`;
      return nodeEdit(context, unit, replacement, weight, description);
    });
  },
};
