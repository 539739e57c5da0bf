import { z } from 'zod';
import { JsonResultsSchema } from '../../../../testing/json-results.ts';

// The messages between the host and the validator worker that runs inside the sandbox.
// Requests are JSON files the host writes into the worker's inbox (the only channel the Sandbox
// interface offers into a running command, and one that works on E2B too); replies are marked
// lines on the worker's stdout, which every sandbox streams back.

/** Marks a protocol line on stdout, so test output printed by user code is never mistaken for one. */
export const MESSAGE_MARK = '@@improve-validator@@';

export const TestStateSchema = z.enum(['passed', 'failed', 'skipped', 'pending']);
export type TestState = z.infer<typeof TestStateSchema>;

/** Test id (`<file> > <describe> > ... > <test>`) -> state, for the tests one run reached. */
export const TestStatesSchema = z.record(z.string(), TestStateSchema);
export type TestStates = z.infer<typeof TestStatesSchema>;

/** The runners a validator worker keeps warm; the others are validated cold. */
export const WARM_RUNNERS = ['vitest', 'jest', 'mocha'] as const;
export type WarmRunner = (typeof WARM_RUNNERS)[number];

export const WorkerConfigSchema = z.object({
  /** Project-relative directory the worker owns: inbox, slot copies. */
  stateDir: z.string(),
  /** Number of slot copies of the project; 0 runs every candidate in place. */
  slots: z.number().int().min(0),
  pollMs: z.number().int().positive(),
  /** The worker exits by itself after this long without a request (host gone). */
  idleExitMs: z.number().int().positive(),
  /** Projects bigger than this are not copied into slots. */
  maxSlotFiles: z.number().int().positive(),
  maxSlotBytes: z.number().int().positive(),
  /**
   * The project's test command, for a worker that reads the runner's config from it as the runner's
   * CLI would: the runner's arguments (after its own word), and Node's flags before it (`node
   * --require x node_modules/.bin/mocha`) for the process the tests run in.
   */
  command: z.object({ args: z.array(z.string()), nodeArgs: z.array(z.string()) }).optional(),
  /** Our reporter for the runner and the Jest-format results file it writes, project-relative. */
  reporter: z.object({ file: z.string(), results: z.string() }).optional(),
});
export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

/** One candidate in one run: its patched files (full contents) and the test files to run on it. */
export const RunEntrySchema = z.object({
  key: z.string(),
  files: z.record(z.string(), z.string()),
  specs: z.array(z.string()),
});
export type RunEntry = z.infer<typeof RunEntrySchema>;

export const RequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    id: z.number().int(),
    entries: z.array(RunEntrySchema).min(1),
    /** Run every entry in its own slot copy (batch) rather than in place. */
    useSlots: z.boolean(),
    timeoutMs: z.number().int().positive(),
    /** The run counts as hung once no test or module has made progress for this long. */
    stallMs: z.number().int().positive(),
    /** Take per-test line coverage too (in place only). */
    coverage: z.boolean(),
  }),
  z.object({ type: z.literal('shutdown'), id: z.number().int() }),
]);
export type Request = z.infer<typeof RequestSchema>;

export const EntryResultSchema = z.object({
  key: z.string(),
  /** States of the tests the run reached; a test missing here did not run (e.g. its file broke). */
  states: TestStatesSchema,
  /** Test files that failed as a whole (import error, syntax error in the patch), with the message. */
  fileErrors: z.record(z.string(), z.string()),
  /** This entry's tests were running when the run hit its limit (the candidate hangs). */
  timedOut: z.boolean(),
  /** The run hit its limit before this entry's tests started: no verdict, run it again. */
  starved: z.boolean(),
});
export type EntryResult = z.infer<typeof EntryResultSchema>;

/**
 * One entry's run as the project's runner reported it with our reporter (the mocha worker): its
 * Jest-format results, from which the host reads states and file errors as the report does, so the
 * test ids are the report's. No results: the run ended before its reporter wrote them (`error`).
 */
export const ReportedEntrySchema = z.object({
  key: z.string(),
  results: JsonResultsSchema.nullable(),
  error: z.string().optional(),
  timedOut: z.boolean(),
  starved: z.boolean(),
});
export type ReportedEntry = z.infer<typeof ReportedEntrySchema>;

/** Project-relative source file -> 1-based lines a test executed. */
export const CoveredLinesSchema = z.record(z.string(), z.array(z.number().int()));
export type CoveredLines = z.infer<typeof CoveredLinesSchema>;

/** One test of the coverage run: its state and the source lines it executed. */
export const CoverageEntrySchema = z.object({ id: z.string(), state: TestStateSchema, lines: CoveredLinesSchema });
export type CoverageEntry = z.infer<typeof CoverageEntrySchema>;

export const MessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    testFiles: z.array(z.string()),
    /** Slot copies usable; false when the project is too big to copy or slots were not asked for. */
    slots: z.boolean(),
    startMs: z.number(),
  }),
  z.object({
    type: z.literal('run-result'),
    id: z.number().int(),
    ms: z.number(),
    entries: z.array(EntryResultSchema),
    coverage: z.array(CoverageEntrySchema).optional(),
  }),
  z.object({ type: z.literal('reported-run-result'), id: z.number().int(), ms: z.number(), entries: z.array(ReportedEntrySchema) }),
  z.object({ type: z.literal('error'), id: z.number().int().optional(), message: z.string() }),
  z.object({ type: z.literal('bye') }),
]);
export type Message = z.infer<typeof MessageSchema>;
