import { z } from 'zod';
import { testId } from './json-results.ts';
import { projectPath } from './stack.ts';

/**
 * What one test executed, for spectrum-based fault localization: taken per test in the sandbox (V8
 * coverage read around each test) and mapped to source lines.
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

/** One line of COVERAGE_FILE, as a runner's coverage setup module writes it (see runners/coverage-recorder.ts). */
const RecordedLineSchema = z.object({
  file: z.string(),
  namePath: z.array(z.string()),
  passed: z.boolean(),
  /** Absolute path or file:// URL of a module -> 0-based executed lines. */
  lines: z.record(z.string(), z.array(z.number().int().nonnegative())),
});

/**
 * The per-test coverage a coverage run recorded, keyed like the report's tests. Lines that are not
 * JSON of the right shape (a process killed mid-write) are skipped; modules outside the project are
 * left out. A test recorded twice (a retry) keeps its last record.
 */
export function readTestCoverage(text: string, workdir: string): TestCoverage[] {
  const byId = new Map<string, TestCoverage>();
  for (const line of text.split('\n')) {
    const recorded = parseLine(line);
    if (!recorded) continue;
    const file = projectPath(recorded.file, workdir);
    if (file === undefined) continue;
    const lines: Record<string, number[]> = {};
    for (const [module, executed] of Object.entries(recorded.lines)) {
      const path = projectPath(decodeURIComponent(module), workdir);
      if (path !== undefined) lines[path] = executed.map((n) => n + 1);
    }
    const id = testId(file, recorded.namePath);
    byId.set(id, { testId: id, passed: recorded.passed, lines });
  }
  return [...byId.values()];
}

function parseLine(line: string): z.infer<typeof RecordedLineSchema> | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = RecordedLineSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
