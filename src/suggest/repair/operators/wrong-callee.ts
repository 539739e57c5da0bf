import ts from 'typescript';
import { forEachInRegion } from '../ast/units.ts';
import { type CandidateEdit, nodeEdit, type RepairOperator } from './operator.ts';

const MAX_ALTERNATIVES = 5;

/** Top-level functions of a file (declarations and `const f = () => ...`), with their parameter counts. */
function topLevelFunctions(sourceFile: ts.SourceFile): Map<string, number> {
  const functions = new Map<string, number>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement.parameters.length);
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (ts.isIdentifier(declaration.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
        functions.set(declaration.name.text, init.parameters.length);
      }
    }
  }
  return functions;
}

/** Wrong function: a call to one of the file's own functions redirected to a sibling with as many parameters. */
export const wrongCallee: RepairOperator = {
  name: 'wrong-callee',
  prior: 0.4,
  apply(context) {
    const calls: ts.Identifier[] = [];
    forEachInRegion(context.unit, (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) calls.push(node.expression);
    });
    if (calls.length === 0) return [];
    const functions = topLevelFunctions(context.sourceFile);
    const edits: CandidateEdit[] = [];
    for (const callee of calls) {
      const arity = functions.get(callee.text);
      if (arity === undefined) continue;
      const siblings = [...functions].filter(([name, count]) => name !== callee.text && count === arity).slice(0, MAX_ALTERNATIVES);
      for (const [name] of siblings) edits.push(nodeEdit(context, callee, name));
    }
    return edits;
  },
};
