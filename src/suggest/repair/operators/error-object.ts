import ts from 'typescript';
import { indentAt } from '../ast/style.ts';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type OperatorContext, type RepairOperator, spanEdit, textOf, where } from './operator.ts';

function isErrorConstruction(node: ts.Expression): boolean {
  return ts.isNewExpression(node) || (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /Error$/.test(node.expression.text));
}

/** `new Error(...)` around a thrown or rejected value that is not an Error. */
function asError(context: OperatorContext, value: ts.Expression): CandidateEdit | undefined {
  if (isErrorConstruction(value)) return undefined;
  const text = textOf(context, value);
  const stringy = ts.isStringLiteral(value) || ts.isTemplateExpression(value) || ts.isNoSubstitutionTemplateLiteral(value);
  const simple = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value);
  const wrapped = stringy
    ? `new Error(${text})`
    : simple
      ? `${text} instanceof Error ? ${text} : new Error(String(${text}))`
      : `new Error(String(${text}))`;
  return nodeEdit(context, value, wrapped);
}

function isReject(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (
    (ts.isIdentifier(callee) && callee.text === 'reject') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 'reject' && callee.expression.getText() === 'Promise')
  );
}

/** A catch block that handles some errors and silently drops the rest: rethrow at its end. */
function missingRethrow(context: OperatorContext): CandidateEdit | undefined {
  const block = context.unit.parent;
  const clause = block?.parent;
  if (!block || !ts.isBlock(block) || !clause || !ts.isCatchClause(clause)) return undefined;
  const variable = clause.variableDeclaration?.name;
  const last = block.statements.at(-1);
  if (!variable || !ts.isIdentifier(variable) || !last || ts.isThrowStatement(last) || ts.isReturnStatement(last)) return undefined;
  const end = last.getEnd();
  const rethrow = `throw ${variable.text};`;
  return spanEdit(
    context,
    end,
    end,
    `\n${indentAt(context.text, last.getStart(context.sourceFile))}${rethrow}`,
    1,
    `insert \`${rethrow}\` after ${where(context, end)}`,
  );
}

/**
 * Error handling: throw and reject real Errors (`throw 'bad'` -> `throw new Error('bad')`,
 * `reject(x)` -> `reject(new Error(String(x)))`), and rethrow what a catch block does not handle.
 */
export const errorObject: RepairOperator = {
  name: 'error-object',
  prior: 0.4,
  apply(context) {
    const edits: Array<CandidateEdit | undefined> = [missingRethrow(context)];
    if (ts.isThrowStatement(context.unit)) edits.push(asError(context, context.unit.expression));
    forEachInRegion(context.unit, (node) => {
      if (ts.isCallExpression(node) && isReject(node) && node.arguments[0]) edits.push(asError(context, node.arguments[0]));
    });
    return edits.filter((edit) => edit !== undefined);
  },
};
