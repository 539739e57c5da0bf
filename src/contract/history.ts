import { z } from 'zod';
import { CategorySchema, PrioritySchema } from './finding.ts';
import { RunStatusSchema, StopReasonSchema } from './report.ts';

/** How the history names a project: its absolute directory, and `:<package>` for a workspace package (`--project`). */
export const projectKey = (options: { projectDir: string; project?: string | undefined }) =>
  options.project ? `${options.projectDir}:${options.project}` : options.projectDir;

const counts = z.record(z.string(), z.number().int());

/** A suite's figures in one run: what `improve history` and the HTML report chart. */
export const SuiteMetricsSchema = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  flaky: z.number().int(),
  skipped: z.number().int(),
  durationMs: z.number(),
  /** Percentages, when the runner gave coverage. */
  lineCoverage: z.number().optional(),
  branchCoverage: z.number().optional(),
});
export type SuiteMetrics = z.infer<typeof SuiteMetricsSchema>;

/**
 * One finished run, as the history keeps it (version 1; fields may be added, none removed).
 * `project` names the project: its absolute directory, and `:<package>` for a workspace package.
 */
export const RunRecordSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  project: z.string(),
  /** ISO times. */
  startedAt: z.string(),
  finishedAt: z.string(),
  status: RunStatusSchema,
  stopReason: StopReasonSchema,
  /** The git commit the project was at, when it is in a repository. */
  commit: z.string().optional(),
  baseline: SuiteMetricsSchema,
  final: SuiteMetricsSchema,
  /** Findings left after the run, by priority and by category. */
  findings: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int(), byCategory: counts }),
  /** Changes kept and turned down, in all and by source (suggester), category and operator. */
  changes: z.object({
    kept: z.number().int(),
    rejected: z.number().int(),
    keptBy: z.object({ source: counts, category: counts, operator: counts }),
    rejectedBy: z.object({ source: counts, category: counts, operator: counts }),
  }),
  /** Milliseconds from the run's start to each kept change, in order. */
  timeToFixMs: z.array(z.number()),
  iterations: z.number().int(),
  totalMs: z.number(),
  tokensUsed: z.number().int(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** What happened to a change: kept, reverted by the tests, refused by a safety rule, or a person's answer. */
export const DecisionOutcomeSchema = z.enum(['kept', 'reverted', 'refused', 'not-applicable', 'approved', 'declined']);
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

/** One decision about one change: the evidence learning reads. */
export const DecisionSchema = z.object({
  project: z.string(),
  runId: z.string(),
  /** ISO time. */
  at: z.string(),
  outcome: DecisionOutcomeSchema,
  /** A person's answer counts more than a test run's: the weight learning gives it. */
  weight: z.number().positive(),
  /** The suggester that made the change (`repair`, `llm`, ...). */
  source: z.string(),
  /** The repair operator, for the repair engine's changes. */
  operator: z.string().optional(),
  category: CategorySchema,
  priority: PrioritySchema,
  /** The kind of finding the change was for: its category and, for failures, the error's name (`AssertionError`, `TypeError`). */
  findingKind: z.string().optional(),
  /** The file's area: its folder (`src/api`). */
  area: z.string(),
  /** Why, for a change not kept: what the reviewer or the tests said. */
  reason: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
