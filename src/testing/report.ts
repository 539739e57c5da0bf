import { z } from 'zod';

/** A source position, with `file` relative to the project root (forward slashes). */
export const StackFrameSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
  fn: z.string().optional(),
});
export type StackFrame = z.infer<typeof StackFrameSchema>;

export const TestStatusSchema = z.enum(['passed', 'failed', 'skipped', 'todo']);
export type TestStatus = z.infer<typeof TestStatusSchema>;

export const TestFailureSchema = z.object({
  message: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** Frames in the project's own files (not node_modules, not node internals), innermost first. */
  frames: z.array(StackFrameSchema),
});
export type TestFailure = z.infer<typeof TestFailureSchema>;

export const TestCaseResultSchema = z.object({
  /** Stable identity across runs: `<file> > <describe> > ... > <test>`. */
  id: z.string(),
  file: z.string(),
  /** describe blocks then the test title. */
  namePath: z.array(z.string()),
  status: TestStatusSchema,
  durationMs: z.number(),
  /** Set by the flaky-test guard: failed at first, passed on a rerun. */
  flaky: z.boolean().optional(),
  failure: TestFailureSchema.optional(),
});
export type TestCaseResult = z.infer<typeof TestCaseResultSchema>;

export const TestFileResultSchema = z.object({
  file: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  durationMs: z.number(),
  /** A failure of the file itself (does not compile, throws at import), not of one test. */
  error: z.string().optional(),
  tests: z.array(TestCaseResultSchema),
});
export type TestFileResult = z.infer<typeof TestFileResultSchema>;

export const ReportErrorKindSchema = z.enum(['compile', 'crash', 'timeout', 'no-tests', 'bad-output', 'sandbox']);
export type ReportErrorKind = z.infer<typeof ReportErrorKindSchema>;

export const TestTotalsSchema = z.object({
  files: z.number().int(),
  tests: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  flaky: z.number().int(),
});
export type TestTotals = z.infer<typeof TestTotalsSchema>;

/** The one result type every test runner produces; a broken run is a report with `error`, never a throw. */
export const TestReportSchema = z.object({
  version: z.literal(1),
  runner: z.string(),
  command: z.string(),
  sandbox: z.string(),
  startedAt: z.string(),
  wallMs: z.number(),
  totals: TestTotalsSchema,
  files: z.array(TestFileResultSchema),
  error: z.object({ kind: ReportErrorKindSchema, message: z.string() }).optional(),
  /** Last lines of the runner's own output, kept for diagnosis. */
  outputTail: z.string().optional(),
  /**
   * The Node the suite ran on and why that one: `{ version: 'v20.20.2', source: "the machine's node
   * at /usr/bin/node; package.json engines >=18" }` (see src/sandbox/node-runtime.ts).
   */
  node: z.object({ version: z.string(), source: z.string() }).optional(),
  /** Test files the run itself changed (put back before the next run): its results may depend on the order tests ran in. */
  rewrittenTests: z.array(z.string()).optional(),
});
export type TestReport = z.infer<typeof TestReportSchema>;

/** True when the run worked and every test that ran passed. */
export function suitePasses(report: TestReport): boolean {
  return !report.error && report.totals.failed === 0 && report.totals.tests > 0;
}

export function allTests(report: TestReport): TestCaseResult[] {
  return report.files.flatMap((f) => f.tests);
}
