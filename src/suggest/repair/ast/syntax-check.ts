import ts from 'typescript';
import { parseSource } from '../../../analysis/parse-source.ts';
import { syntaxErrorCount } from './parse.ts';
import type { TextEdit } from './text-edit.ts';

const K = ts.SyntaxKind;

function isAndOr(node: ts.Node): boolean {
  return (
    ts.isBinaryExpression(node) && (node.operatorToken.kind === K.AmpersandAmpersandToken || node.operatorToken.kind === K.BarBarToken)
  );
}

/**
 * Syntax errors the parser accepts but JavaScript engines reject: `a ?? b || c` without parentheses
 * (TypeScript reports it from the checker, Node refuses to load the module).
 */
function grammarErrorCount(sourceFile: ts.SourceFile): number {
  let errors = 0;
  const walk = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const coalesce = node.operatorToken.kind === K.QuestionQuestionToken;
      if (coalesce && (isAndOr(node.left) || isAndOr(node.right))) errors++;
      if (
        isAndOr(node) &&
        [node.left, node.right].some((side) => ts.isBinaryExpression(side) && side.operatorToken.kind === K.QuestionQuestionToken)
      )
        errors++;
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return errors;
}

function errorCount(file: string, text: string): number {
  const sourceFile = parseSource(file, text, false);
  return syntaxErrorCount(sourceFile) + grammarErrorCount(sourceFile);
}

/**
 * Checks that an edit keeps a file free of new syntax errors by re-parsing only the top-level statements the
 * edit touches (they parse independently): about a tenth of a whole-file parse for a typical module.
 */
export function createSyntaxCheck(sourceFile: ts.SourceFile): (edit: TextEdit) => boolean {
  const baseline = new Map<string, number>();
  const statements = sourceFile.statements;
  const text = sourceFile.text;
  return (edit) => {
    const first = statements.findIndex((statement) => statement.getEnd() >= edit.start);
    let last = first;
    while (last + 1 < statements.length && statements[last + 1]!.getFullStart() < edit.end) last++;
    const from = first === -1 ? 0 : statements[first]!.getFullStart();
    const to = first === -1 ? text.length : statements[last]!.getEnd();
    const key = `${from}:${to}`;
    let before = baseline.get(key);
    if (before === undefined) {
      before = errorCount(sourceFile.fileName, text.slice(from, to));
      baseline.set(key, before);
    }
    const patched = text.slice(from, edit.start) + edit.replacement + text.slice(edit.end, to);
    return errorCount(sourceFile.fileName, patched) <= before;
  };
}
