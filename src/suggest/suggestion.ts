import { z } from 'zod';
import { EditSchema } from '../contract/edit.ts';
import { CategorySchema, PrioritySchema } from '../contract/finding.ts';

/** A concrete proposed change, ready to apply and re-test. */
export const SuggestionSchema = z.object({
  id: z.string(),
  findingId: z.string().optional(),
  source: z.string(),
  category: CategorySchema,
  priority: PrioritySchema,
  rationale: z.string(),
  edits: z.array(EditSchema).min(1),
  /** Evidence the suggester gathered itself, e.g. tests a candidate turned green in validation. */
  validated: z.object({ fixedTests: z.array(z.string()), brokeTests: z.array(z.string()) }).optional(),
  operator: z.string().optional(),
  /** What a model had spent in the run when it made this suggestion, for budget events. */
  usage: z.object({ calls: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int() }).optional(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;
