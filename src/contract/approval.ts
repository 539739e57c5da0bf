import { z } from 'zod';

/** Manual approval: what the reviewer sees while the run is suspended before a change is applied. */
export const ApprovalRequestSchema = z.object({
  iteration: z.number().int(),
  suggestionId: z.string(),
  source: z.string(),
  rationale: z.string(),
  files: z.array(z.string()),
  diff: z.string(),
  /** Epoch ms, so the wait is not charged to the time budget. */
  suspendedAt: z.number(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalDecisionSchema = z.object({
  approved: z.boolean().describe('Apply this change and re-test it'),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;
