import path from 'node:path';
import { z } from 'zod';
import { type Finding, FindingSchema } from '../contract/finding.ts';
import { AcceptedChangeSchema, RejectedChangeSchema, type SuiteSummary, SuiteSummarySchema } from '../contract/report.ts';
import { getBlob, putBlob } from '../store/blobs.ts';
import { type Suggestion, SuggestionSchema } from '../suggest/suggestion.ts';
import { suitePasses, type TestReport, TestReportSchema } from '../testing/report.ts';
import { artifactsDirFor } from './artifacts.ts';
import type { TestComparison } from './compare.ts';
import { worthAnotherCycle } from './green.ts';

/**
 * Large data stays out of the loop state: the state travels in every stream chunk and every
 * stored snapshot, so it holds references into the run's own folder
 * (`<project>/.improve/runs/<runId>/blobs/`) and small summaries. The folder outlives the process,
 * so a resumed or restarted run reads the data back.
 */
type RunRef = { runId: string; options: { projectDir: string } };

/** A kind of data kept by reference: how to store a value and load it back, checked by its schema. */
function storedKind<T>(schema: z.ZodType<T>) {
  return {
    store: (run: RunRef, value: T): Promise<string> => putBlob(blobsDir(run), value),
    load: (run: RunRef, ref: string): Promise<T> => getBlob(blobsDir(run), ref, schema),
  };
}

function blobsDir(run: RunRef): string {
  return path.join(artifactsDirFor(run.options.projectDir, run.runId), 'blobs');
}

// Test reports: the loop reads the summary and whether the suite passes without loading them.

export const StoredReportSchema = z.object({
  ref: z.string(),
  suite: SuiteSummarySchema,
  /** The run worked and every test that ran passed. */
  passes: z.boolean(),
});
export type StoredReport = z.infer<typeof StoredReportSchema>;

const reports = storedKind(TestReportSchema);

/**
 * The suite in a few numbers. `node` (which Node ran it, and why) is asked for the baseline only:
 * every run of a run uses the same Node, and the loop state that carries the summaries is streamed
 * with every step.
 */
export function summarizeSuite(report: TestReport, { node = false }: { node?: boolean } = {}): SuiteSummary {
  return {
    passed: report.totals.passed,
    failed: report.totals.failed,
    total: report.totals.tests,
    durationMs: report.wallMs,
    runner: report.runner,
    ...(report.error ? { error: `${report.error.kind}: ${report.error.message.split('\n', 1)[0]}` } : {}),
    ...(node && report.node ? { node: `${report.node.version} (${report.node.source})` } : {}),
  };
}

export async function storeReport(run: RunRef, report: TestReport, summary: { node?: boolean } = {}): Promise<StoredReport> {
  return { ref: await reports.store(run, report), suite: summarizeSuite(report, summary), passes: suitePasses(report) };
}

export const loadReport = (run: RunRef, stored: StoredReport): Promise<TestReport> => reports.load(run, stored.ref);

// Findings: the stop rules need only how many are worth another cycle.

export const StoredFindingsSchema = z.object({
  ref: z.string(),
  total: z.number().int(),
  /** How many are worth another cycle (high or medium). */
  open: z.number().int(),
});
export type StoredFindings = z.infer<typeof StoredFindingsSchema>;

const findingLists = storedKind(z.array(FindingSchema));

export async function storeFindings(run: RunRef, findings: readonly Finding[]): Promise<StoredFindings> {
  return { ref: await findingLists.store(run, [...findings]), total: findings.length, open: findings.filter(worthAnotherCycle).length };
}

export const loadFindings = (run: RunRef, stored: StoredFindings): Promise<Finding[]> => findingLists.load(run, stored.ref);

// The changes tried so far, with the suggestions they came from (to re-apply them, and never to try one twice).

const TriedChangesSchema = z.object({
  accepted: z.array(AcceptedChangeSchema.extend({ suggestion: SuggestionSchema })),
  rejected: z.array(RejectedChangeSchema.extend({ suggestion: SuggestionSchema })),
});
export type TriedChanges = z.infer<typeof TriedChangesSchema>;

export const StoredTriedSchema = z.object({ ref: z.string(), kept: z.number().int(), turnedDown: z.number().int() });
type StoredTried = z.infer<typeof StoredTriedSchema>;

const triedLists = storedKind(TriedChangesSchema);

export async function storeTried(run: RunRef, tried: TriedChanges): Promise<StoredTried> {
  return { ref: await triedLists.store(run, tried), kept: tried.accepted.length, turnedDown: tried.rejected.length };
}

export const loadTried = (run: RunRef, stored: StoredTried): Promise<TriedChanges> => triedLists.load(run, stored.ref);

// The project's files of the tests beyond naming conventions: refused as edit targets.

export const StoredTestFilesSchema = z.object({ ref: z.string(), count: z.number().int() });
type StoredTestFiles = z.infer<typeof StoredTestFilesSchema>;

const testFileLists = storedKind(z.array(z.string()));

export async function storeTestFiles(run: RunRef, files: readonly string[]): Promise<StoredTestFiles> {
  return { ref: await testFileLists.store(run, [...files]), count: files.length };
}

/** The run's test files as a set; empty for a run stored before they were recorded. */
export async function loadTestFiles(run: RunRef, stored: StoredTestFiles | undefined): Promise<ReadonlySet<string>> {
  return new Set(stored ? await testFileLists.load(run, stored.ref) : []);
}

// One cycle's candidate, the change as applied, and its re-test.

export const StoredSuggestionSchema = z.object({ ref: z.string(), id: z.string() });
type StoredSuggestion = z.infer<typeof StoredSuggestionSchema>;

const suggestions = storedKind(SuggestionSchema);

export async function storeSuggestion(run: RunRef, suggestion: Suggestion): Promise<StoredSuggestion> {
  return { ref: await suggestions.store(run, suggestion), id: suggestion.id };
}

export const loadSuggestion = (run: RunRef, stored: StoredSuggestion): Promise<Suggestion> => suggestions.load(run, stored.ref);

const FileChangeSchema = z.object({ file: z.string(), before: z.string(), after: z.string() });
export type FileChange = z.infer<typeof FileChangeSchema>;

/** A candidate as applied to the sandbox: its diff, and the files before and after (to revert them). */
const AppliedChangeSchema = z.object({ files: z.array(z.string()), changes: z.array(FileChangeSchema), diff: z.string() });
export const appliedChanges = storedKind(AppliedChangeSchema);

const TestComparisonSchema = z.object({
  fixed: z.array(z.string()),
  broken: z.array(z.string()),
  stillFailing: z.array(z.string()),
  newErrors: z.array(z.string()),
}) satisfies z.ZodType<TestComparison>;

/** A candidate's re-test: the report, how it compares with the run before, and the findings of the changed code. */
const RetestSchema = z.object({
  report: StoredReportSchema,
  comparison: TestComparisonSchema,
  /** What the source analyzers find in the changed code; absent when it could not be analyzed. */
  findings: z.array(FindingSchema).optional(),
});
export const retests = storedKind(RetestSchema);
