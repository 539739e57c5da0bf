import type { TestReport } from '../../../testing/report.ts';
import type { TestCoverage } from '../../../testing/test-coverage.ts';
import { parsedFiles } from '../ast/parse.ts';
import { frameScores } from './frames.ts';
import { mergeSignals } from './line-scores.ts';
import { ochiaiScores } from './spectrum.ts';
import type { SuspiciousLocation } from './suspicious-location.ts';
import { testCallScores } from './test-calls.ts';
import { unitsForLines } from './units-for-lines.ts';

export interface LocalizeInput {
  /** Project-relative path -> text: the source files, plus the failing tests' files (read, never repaired). */
  files: ReadonlyMap<string, string>;
  /** The failing run: its stack frames are evidence. */
  report?: TestReport;
  /** Per-test coverage of the same run, when the caller could collect it: enables Ochiai ranking. */
  coverage?: readonly TestCoverage[];
}

/**
 * Ranks the statements most likely to hold the bug. Stack frames of failing tests are always used; per-test
 * coverage, when given, adds Ochiai spectrum scores; without it, the functions the failing tests call stand
 * in as weak evidence. Pure: no I/O, the caller passes file contents.
 */
export function localizeFaults(input: LocalizeInput): SuspiciousLocation[] {
  const parse = parsedFiles(input.files);
  const hasCoverage = input.coverage?.some((test) => !test.passed);
  const evidence = mergeSignals({
    frame: input.report ? frameScores(input.report) : undefined,
    ochiai: hasCoverage ? ochiaiScores(input.coverage!) : undefined,
    testCall: input.report && !hasCoverage ? testCallScores(input.report, input.files, parse) : undefined,
  });
  return unitsForLines(evidence, parse);
}
