import { parseSource } from '../../../src/analysis/parse-source.ts';
import { gatherProjectFacts } from '../../../src/suggest/repair/ast/project-facts.ts';
import { applyTextEdits } from '../../../src/suggest/repair/ast/text-edit.ts';
import { unitsByStartLine } from '../../../src/suggest/repair/ast/units.ts';
import type { CandidateEdit, OperatorContext, RepairOperator } from '../../../src/suggest/repair/operators/operator.ts';

/** The operator context for the outermost unit starting on the first line that contains `needle`. */
export function contextAt(text: string, needle: string, file = 'src/example.ts'): OperatorContext {
  const sourceFile = parseSource(file, text);
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`needle not found: ${needle}`);
  const line = text.slice(0, index).split('\n').length;
  const unit = unitsByStartLine(sourceFile).get(line)?.[0];
  if (!unit) throw new Error(`no unit starts on line ${line}`);
  return { file, text, sourceFile, unit, facts: gatherProjectFacts([text]) };
}

export function editsAt(operator: RepairOperator, text: string, needle: string, file?: string): CandidateEdit[] {
  return operator.apply(contextAt(text, needle, file));
}

/** The whole patched text of every edit the operator proposes at the needle's unit, in order. */
export function mutants(operator: RepairOperator, text: string, needle: string, file?: string): string[] {
  return editsAt(operator, text, needle, file).map((edit) => applyTextEdits(text, [edit]));
}
