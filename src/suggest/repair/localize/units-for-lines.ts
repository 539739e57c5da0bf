import type ts from 'typescript';
import { lineOf } from '../../../analysis/parse-source.ts';
import { isTestPath } from '../../../contract/test-files.ts';
import { innermostUnitAt, unitsByStartLine } from '../ast/units.ts';
import { combinedScore, type Evidence } from './line-scores.ts';
import { bySuspicion, type SuspiciousLocation } from './suspicious-location.ts';

/** Lines that hold no code of their own: closing brackets, comments, blank. */
const NO_CODE = /^(\s*$|\s*[}\])]|\s*\/\/|\s*\/\*|\s*\*)/;

/** The units a line points at: those starting on it, else the innermost one it continues. */
function unitsOnLine(sourceFile: ts.SourceFile, byStartLine: Map<number, ts.Node[]>, line: number): ts.Node[] {
  const starting = byStartLine.get(line);
  if (starting) return starting;
  const lineStart = sourceFile.getLineStarts()[line - 1];
  if (lineStart === undefined) return [];
  const lineEnd = sourceFile.getLineStarts()[line] ?? sourceFile.text.length;
  const lineText = sourceFile.text.slice(lineStart, lineEnd);
  if (NO_CODE.test(lineText)) return [];
  const unit = innermostUnitAt(sourceFile, lineStart + lineText.search(/\S/));
  return unit ? [unit] : [];
}

/**
 * Maps suspicious lines to the repair units they belong to. A unit takes the score of its most suspicious
 * line. Test files and non-JS/TS files are never locations.
 */
export function unitsForLines(
  evidenceByFile: ReadonlyMap<string, ReadonlyMap<number, Evidence>>,
  parse: (file: string) => ts.SourceFile | undefined,
): SuspiciousLocation[] {
  const locations: SuspiciousLocation[] = [];
  for (const [file, evidenceByLine] of evidenceByFile) {
    const sourceFile = isTestPath(file) ? undefined : parse(file);
    if (!sourceFile) continue;
    const byStartLine = unitsByStartLine(sourceFile);
    const byUnit = new Map<ts.Node, SuspiciousLocation>();
    for (const [line, evidence] of evidenceByLine) {
      const score = combinedScore(evidence);
      for (const unit of unitsOnLine(sourceFile, byStartLine, line)) {
        const known = byUnit.get(unit);
        if (known && known.score >= score) continue;
        const start = unit.getStart(sourceFile);
        byUnit.set(unit, { file, line: lineOf(sourceFile, start), start, end: unit.getEnd(), score, evidence });
      }
    }
    locations.push(...byUnit.values());
  }
  return locations.sort(bySuspicion);
}
