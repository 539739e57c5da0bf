import type ts from 'typescript';
import { parseSource, syntaxErrorCount } from './parse.ts';
import type { TextEdit } from './text-edit.ts';

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
      before = syntaxErrorCount(parseSource(sourceFile.fileName, text.slice(from, to), false));
      baseline.set(key, before);
    }
    const patched = text.slice(from, edit.start) + edit.replacement + text.slice(edit.end, to);
    return syntaxErrorCount(parseSource(sourceFile.fileName, patched, false)) <= before;
  };
}
