import { z } from 'zod';
import { CategorySchema, PrioritySchema } from './finding.ts';

/** Why the loop stopped. */
export const StopReasonSchema = z.enum([
  /** The suite is green and only low-priority findings (if any) are left. */
  'green',
  'max-iterations',
  /** `patience` tries in a row did not help. */
  'patience',
  'time-budget',
  'token-budget',
  /** The suggester has nothing new to propose. */
  'exhausted',
  /** The loop ended green, but its final state did not hold on a fresh copy of the original tests. */
  'unconfirmed',
]);
export type StopReason = z.infer<typeof StopReasonSchema>;

/** `green` exactly when the stop reason is `green`; otherwise whether any change was kept. */
export const RunStatusSchema = z.enum(['green', 'improved', 'unchanged']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const SuiteSummarySchema = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  total: z.number().int(),
  durationMs: z.number(),
  error: z.string().optional(),
  /** The test runner that ran the suite: `vitest`, `jest`, `mocha` or `node-test`. */
  runner: z.string().optional(),
  /** The Node the suite ran on and why: `v20.20.2 (the machine's node at /usr/bin/node; package.json engines >=18)`. */
  node: z.string().optional(),
});
export type SuiteSummary = z.infer<typeof SuiteSummarySchema>;

export const ReportFindingSchema = z.object({
  category: CategorySchema,
  priority: PrioritySchema,
  file: z.string().optional(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type ReportFinding = z.infer<typeof ReportFindingSchema>;

const ChangeFields = {
  suggestionId: z.string(),
  iteration: z.number().int(),
  source: z.string(),
  /** First file the change touches; `files` lists them all. */
  file: z.string(),
  files: z.array(z.string()),
  /** Unified diff of the change against the state it was tried on. */
  diff: z.string(),
  category: CategorySchema,
  priority: PrioritySchema,
  rationale: z.string(),
};

export const AcceptedChangeSchema = z.object({
  ...ChangeFields,
  /** Test ids that failed before and pass with the change. */
  fixed: z.array(z.string()),
  /** What the change achieved, in one line: tests fixed, a finding resolved, a slow test made faster. */
  effect: z.string().optional(),
  /** The first line of the finding the change was made for, when it was made for one. */
  finding: z.string().optional(),
  /** Milliseconds into the run (time waiting for approval left out) when the change was kept: the time to this fix. */
  keptAfterMs: z.number().optional(),
});
export type AcceptedChange = z.infer<typeof AcceptedChangeSchema>;

/** Where a change was turned down: before applying it, by the reviewer, or after re-testing it. */
export const RejectionStageSchema = z.enum(['refused', 'not-applicable', 'declined', 'reverted']);

export const RejectedChangeSchema = z.object({
  ...ChangeFields,
  stage: RejectionStageSchema,
  reason: z.string(),
});
export type RejectedChange = z.infer<typeof RejectedChangeSchema>;

/** What publishing the kept changes did (`--pr`); see the README for the exit status of a failure. */
export const PublicationSchema = z.object({
  /** Why nothing was published although it was asked: no kept change reached the minimum priority. */
  skipped: z.string().optional(),
  /** The branch that holds one commit per kept change, in the project's repository. */
  branch: z.string().optional(),
  commits: z.array(z.string()).optional(),
  pullRequest: z.object({ number: z.number().int(), url: z.string(), updated: z.boolean() }).optional(),
  /** What failed, in one line; the report and artifacts are kept all the same. */
  error: z.string().optional(),
  /** When the branch was made but not pushed: the command that pushes it. */
  pushCommand: z.string().optional(),
});
export type Publication = z.infer<typeof PublicationSchema>;

/** The result of an improvement run: the workflow's output and `report.json`. A stable public contract. */
export const ImprovementReportSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  status: RunStatusSchema,
  stopReason: StopReasonSchema,
  iterations: z.number().int(),
  baseline: SuiteSummarySchema,
  final: SuiteSummarySchema,
  /** What is still left to improve after the run, most urgent first. */
  findings: z.array(ReportFindingSchema),
  /**
   * Findings worth another cycle (high or medium) left because the run's suggester does not act on
   * their categories; `reason` says so, and what would (e.g. a model). Absent when there are none.
   */
  unaddressed: z.object({ count: z.number().int(), categories: z.array(CategorySchema), reason: z.string() }).optional(),
  accepted: z.array(AcceptedChangeSchema),
  rejected: z.array(RejectedChangeSchema),
  timings: z.object({ totalMs: z.number(), testMs: z.number(), suggestMs: z.number() }),
  tokensUsed: z.number().int(),
  writeMode: z.enum(['dry-run', 'write']),
  /** Files written back to the project (writeMode `write` only). */
  written: z.array(z.string()),
  /** Why writing back failed; nothing was written then. */
  writeError: z.string().optional(),
  /** Where report.json, improvements.patch and summary.md were written. */
  artifactsDir: z.string(),
  /** Present when the run was asked to publish a pull request (`pullRequest`). */
  published: PublicationSchema.optional(),
});
export type ImprovementReport = z.infer<typeof ImprovementReportSchema>;
