import { z } from 'zod';
import type { Edit } from '../contract/edit.ts';
import { ImproveOptionsSchema } from '../contract/options.ts';
import { StopReasonSchema } from '../contract/report.ts';
import {
  loadTried,
  StoredFindingsSchema,
  StoredReportSchema,
  StoredTestFilesSchema,
  StoredTriedSchema,
  type TriedChanges,
} from './stored.ts';

/**
 * Everything the loop knows between iterations. It travels as the improvement cycle's input and
 * output (not as Mastra workflow state: state set inside a nested workflow is lost by `restart()`,
 * while step inputs and outputs are persisted), so a resumed or restarted run continues from it.
 * It is in every stream chunk and stored snapshot, so it stays small, whatever the suite's size
 * and the number of iterations: reports, findings and the changes tried are held by reference
 * (see `stored.ts`).
 */
export const LoopStateSchema = z.object({
  runId: z.string(),
  options: ImproveOptionsSchema,
  /** Epoch ms when the run started. */
  startedAt: z.number(),
  /** Time spent suspended waiting for approval; not charged to the time budget. */
  pausedMs: z.number(),
  baseline: StoredReportSchema,
  /** The report of the project as it stands with every accepted change applied. */
  current: StoredReportSchema,
  /** What the analyzers found in `current`, most urgent first. */
  findings: StoredFindingsSchema,
  /** Candidate changes tried so far. */
  iterations: z.number().int(),
  /** Tries in a row that were not kept. */
  noProgress: z.number().int(),
  /** The changes kept and turned down so far. */
  tried: StoredTriedSchema,
  /** The project's files of the tests found beyond naming conventions (by its runner and the tests' imports): never edited. */
  testFiles: StoredTestFilesSchema.optional(),
  testMs: z.number(),
  suggestMs: z.number(),
  tokensUsed: z.number().int(),
  stopReason: StopReasonSchema.optional(),
});
export type LoopState = z.infer<typeof LoopStateSchema>;

/** Milliseconds charged to the time budget so far. */
export function elapsedMs(loop: Pick<LoopState, 'startedAt' | 'pausedMs'>, now: number): number {
  return Math.max(0, now - loop.startedAt - loop.pausedMs);
}

export function remainingMs(loop: Pick<LoopState, 'startedAt' | 'pausedMs' | 'options'>, now: number): number {
  return Math.max(0, loop.options.timeBudgetSeconds * 1000 - elapsedMs(loop, now));
}

/** The edits every accepted change made, in order: what the sandbox holds on top of the project. */
export function acceptedEdits(tried: Pick<TriedChanges, 'accepted'>): Edit[] {
  return tried.accepted.flatMap((change) => change.suggestion.edits);
}

/** The accepted edits of the loop, read from the changes it tried. */
export async function loopEdits(loop: Pick<LoopState, 'runId' | 'options' | 'tried'>): Promise<Edit[]> {
  return acceptedEdits(await loadTried(loop, loop.tried));
}
