import { z } from 'zod';
import { LoopStateSchema } from './loop-state.ts';
import { StoredSuggestionSchema } from './stored.ts';

/**
 * What travels between the steps of one improvement cycle. Once `loop.stopReason` is set, or a
 * step leaves nothing for the next (no candidate, a rejection), the remaining steps pass it on.
 * Small like the loop state: the candidate, the applied change and the re-test are references.
 */
export const CycleDataSchema = z.object({
  loop: LoopStateSchema,
  iteration: z.number().int(),
  candidate: StoredSuggestionSchema.optional(),
  /** Turned down before re-testing: unsafe, not applicable, or declined by the reviewer. */
  rejection: z.object({ stage: z.enum(['refused', 'not-applicable', 'declined']), reason: z.string() }).optional(),
  /** The candidate as applied to the sandbox (see `AppliedChangeSchema`). */
  applied: z.object({ ref: z.string() }).optional(),
  /** The candidate's re-test (see `RetestSchema`). */
  retest: z.object({ ref: z.string() }).optional(),
});
export type CycleData = z.infer<typeof CycleDataSchema>;
