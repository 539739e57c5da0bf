import { z } from 'zod';

/**
 * What one test executed. Produced per test by the validation side (V8 coverage taken around each test in
 * the sandbox, mapped back to source lines); consumed by spectrum-based fault localization.
 */
export const TestCoverageSchema = z.object({
  /** The test's `TestCaseResult.id`. */
  testId: z.string(),
  /** True when the test passed; a failed test is what makes a line suspicious. */
  passed: z.boolean(),
  /** Project-relative path (forward slashes) -> 1-based numbers of the source lines the test executed. */
  lines: z.record(z.string(), z.array(z.number().int().positive())),
});
export type TestCoverage = z.infer<typeof TestCoverageSchema>;

/** One V8 block-coverage range (inspector `Profiler.CoverageRange`). */
export interface V8Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

/** One V8 function's coverage (inspector `Profiler.FunctionCoverage`). */
export interface V8FunctionCoverage {
  functionName: string;
  ranges: V8Range[];
  isBlockCoverage?: boolean;
}

/**
 * 1-based lines of `text` that executed, from V8 coverage whose offsets index `text` itself (true for
 * plain JS, and for TS run with Node's type stripping, which keeps offsets; transpiled code needs its
 * source map first). Nested ranges override enclosing ones, as V8 defines; a line counts as executed
 * when any non-blank character on it has a positive count.
 */
export function coveredLinesFromV8(text: string, functions: readonly V8FunctionCoverage[]): number[] {
  const counts = new Int32Array(text.length);
  const ranges = functions.flatMap((fn) => fn.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const range of ranges) counts.fill(range.count, Math.max(0, range.startOffset), Math.min(text.length, range.endOffset));
  const lines: number[] = [];
  let line = 1;
  let covered = false;
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (char === undefined || char === '\n') {
      if (covered) lines.push(line);
      line++;
      covered = false;
    } else if (!covered && counts[i]! > 0 && char.trim() !== '') {
      covered = true;
    }
  }
  return lines;
}
