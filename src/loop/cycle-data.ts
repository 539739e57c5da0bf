import { z } from 'zod';
import { FindingSchema } from '../analysis/finding.ts';
import { SuggestionSchema } from '../suggest/suggestion.ts';
import { TestReportSchema } from '../testing/report.ts';
import { LoopStateSchema } from './loop-state.ts';

export const FileChangeSchema = z.object({ file: z.string(), before: z.string(), after: z.string() });

export const TestComparisonSchema = z.object({
  fixed: z.array(z.string()),
  broken: z.array(z.string()),
  stillFailing: z.array(z.string()),
  newErrors: z.array(z.string()),
});

/**
 * What travels between the steps of one improvement cycle. Once `loop.stopReason` is set, or a
 * step leaves nothing for the next (no candidate, a rejection), the remaining steps pass it on.
 */
export const CycleDataSchema = z.object({
  loop: LoopStateSchema,
  iteration: z.number().int(),
  candidate: SuggestionSchema.optional(),
  /** Turned down before re-testing: unsafe, not applicable, or declined by the reviewer. */
  rejection: z.object({ stage: z.enum(['refused', 'not-applicable', 'declined']), reason: z.string() }).optional(),
  /** The candidate as applied to the sandbox, with before/after contents to revert it. */
  applied: z.object({ changes: z.array(FileChangeSchema), diff: z.string() }).optional(),
  retest: z
    .object({
      report: TestReportSchema,
      comparison: TestComparisonSchema,
      /** What the source analyzers find in the changed code: tells whether the targeted finding is gone. */
      findings: z.array(FindingSchema).optional(),
    })
    .optional(),
});
export type CycleData = z.infer<typeof CycleDataSchema>;
