import { z } from 'zod';
import { CategorySchema, PrioritySchema } from '../contract/finding.ts';
import {
  ImprovementReportSchema,
  PublicationSchema,
  ReportFindingSchema,
  StopReasonSchema,
  SuiteSummarySchema,
} from '../contract/report.ts';

/**
 * Version 1 of the events a client of an improvement run can rely on. Every event has `v: 1` and
 * a `type`; new optional fields may be added within a version, anything else bumps `v`.
 *
 * Two families: lifecycle events mapped from Mastra's workflow stream chunks (run-*, step-*), and
 * loop events the steps emit themselves (everything else). A chunk this version does not know
 * arrives as `{ type: 'unknown', chunk }`, never dropped.
 *
 * Loop events carry their own `runId` (chunks of a resumed stream arrive without one), and when
 * they happened: `at` (ISO time) and `elapsedMs` since the run started.
 */
const base = { v: z.literal(1), runId: z.string().optional() };

/**
 * When a loop event happened: ISO time, and milliseconds since the run started (wall clock,
 * approval waits included). Every loop event has them; optional only because they came within v1.
 */
const stamp = { at: z.string().optional(), elapsedMs: z.number().optional() };

/** `confirm`: the final state once more, on a fresh copy of the original tests. */
const TestPhaseSchema = z.enum(['baseline', 'retest', 'confirm']);

const ChangeRefSchema = {
  iteration: z.number().int(),
  suggestionId: z.string(),
};

/** Loop events, emitted by the steps through `writer.custom({ type: 'data-improve', data })`. */
export const LoopEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, ...stamp, type: z.literal('iteration-start'), iteration: z.number().int() }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('iteration-end'),
    iteration: z.number().int(),
    /** `exhausted`: the suggester had nothing new; the loop stops. */
    outcome: z.enum(['kept', 'reverted', 'rejected', 'exhausted']),
    /** Why a cycle ended without a change to try, when no patch event says it. */
    reason: z.string().optional(),
  }),
  /** One test file finished (arrives while the suite is still running). */
  z.object({
    ...base,
    ...stamp,
    type: z.literal('test-progress'),
    phase: TestPhaseSchema,
    iteration: z.number().int(),
    file: z.string(),
    passed: z.number().int(),
    failed: z.number().int(),
    /** Test files finished so far, and in the run once known. */
    done: z.number().int(),
    total: z.number().int().optional(),
  }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('test-run'),
    phase: TestPhaseSchema,
    iteration: z.number().int(),
    suite: SuiteSummarySchema,
  }),
  z.object({ ...base, ...stamp, type: z.literal('findings'), iteration: z.number().int(), findings: z.array(ReportFindingSchema) }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('suggestion'),
    ...ChangeRefSchema,
    source: z.string(),
    category: CategorySchema,
    priority: PrioritySchema,
    rationale: z.string(),
    files: z.array(z.string()),
  }),
  /** Manual approval: the run suspends right after this, waiting for `{ approved }`. */
  z.object({ ...base, ...stamp, type: z.literal('approval-requested'), ...ChangeRefSchema, diff: z.string() }),
  z.object({ ...base, ...stamp, type: z.literal('patch-applied'), ...ChangeRefSchema, files: z.array(z.string()), diff: z.string() }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('patch-kept'),
    ...ChangeRefSchema,
    fixed: z.array(z.string()),
    /** What the change achieved, in one line: tests fixed, a finding resolved, a slow test made faster. */
    effect: z.string().optional(),
  }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('patch-reverted'),
    ...ChangeRefSchema,
    reason: z.string(),
    broken: z.array(z.string()),
    fixed: z.array(z.string()),
  }),
  /** Turned down before it touched the sandbox: unsafe, not applicable, or declined by the reviewer. */
  z.object({
    ...base,
    ...stamp,
    type: z.literal('patch-rejected'),
    ...ChangeRefSchema,
    stage: z.enum(['refused', 'not-applicable', 'declined']),
    reason: z.string(),
  }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('budget'),
    iteration: z.number().int(),
    /** Here: the time charged to the budget, which leaves out time waiting for approval. */
    elapsedMs: z.number(),
    timeBudgetMs: z.number(),
    iterations: z.number().int(),
    maxIterations: z.number().int(),
    noProgress: z.number().int(),
    patience: z.number().int(),
    tokensUsed: z.number().int(),
    tokenBudget: z.number().int().optional(),
  }),
  z.object({
    ...base,
    ...stamp,
    type: z.literal('summary'),
    status: z.enum(['green', 'improved', 'unchanged']),
    stopReason: StopReasonSchema,
    iterations: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    baseline: SuiteSummarySchema,
    final: SuiteSummarySchema,
    artifactsDir: z.string(),
    /** As in the report: findings left that the run's suggester cannot act on, and why. */
    unaddressed: ImprovementReportSchema.shape.unaddressed,
  }),
  /** After the summary, when the run was asked to publish (`pullRequest`): the branch, the pull request, or what failed. */
  z.object({ ...base, ...stamp, type: z.literal('published'), ...PublicationSchema.shape }),
]);
export type LoopEvent = z.infer<typeof LoopEventSchema>;

/** Run and step lifecycle, mapped from Mastra chunks. `stepId` is the dotted path, e.g. `cycle.apply`. */
const step = { ...base, stepId: z.string(), path: z.array(z.string()) };

export const LifecycleEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('run-start'), workflowId: z.string() }),
  z.object({
    ...base,
    type: z.literal('run-finish'),
    status: z.string(),
    /** The workflow's output (the report) when the run succeeded. */
    result: z.unknown().optional(),
    error: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('run-paused') }),
  z.object({ ...base, type: z.literal('run-canceled') }),
  z.object({ ...step, type: z.literal('step-start'), loopIteration: z.number().int().optional() }),
  z.object({ ...step, type: z.literal('step-result'), status: z.string(), error: z.string().optional() }),
  z.object({ ...step, type: z.literal('step-suspended'), payload: z.unknown() }),
  z.object({ ...step, type: z.literal('step-waiting') }),
  /** Whatever a step wrote with `writer.write` (ours use `writer.custom`, see loop events). */
  z.object({ ...base, type: z.literal('step-output'), stepName: z.string(), output: z.unknown() }),
  z.object({ ...step, type: z.literal('step-progress'), completed: z.number().int(), total: z.number().int() }),
]);
export type LifecycleEvent = z.infer<typeof LifecycleEventSchema>;

export const UnknownEventSchema = z.object({ ...base, type: z.literal('unknown'), chunk: z.unknown() });
export type UnknownEvent = z.infer<typeof UnknownEventSchema>;

export type ImprovementEvent = LoopEvent | LifecycleEvent | UnknownEvent;
export const ImprovementEventSchema = z.union([LoopEventSchema, LifecycleEventSchema, UnknownEventSchema]);

/** The `data-*` chunk type our steps write; `data-` makes Mastra pass it through as a top-level chunk. */
export const PROGRESS_CHUNK_TYPE = 'data-improve';
