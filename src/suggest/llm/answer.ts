import { z } from 'zod';
import { CategorySchema, PrioritySchema } from '../../contract/finding.ts';

// What the model must answer. Every field is required and nothing is bounded, so the schema is
// accepted by OpenAI's strict structured outputs; bounds are checked after parsing.

export const ModelEditSchema = z.object({
  file: z.string().describe('Project-relative path of a source file to change. Never a test file.'),
  search: z.string().describe('Text copied exactly from the current file (without line numbers), occurring exactly once in it.'),
  replace: z.string().describe('The text that takes its place.'),
});

export const ModelSuggestionSchema = z.object({
  rationale: z.string().describe('Why this change fixes the finding, in one or two sentences.'),
  category: CategorySchema,
  priority: PrioritySchema,
  edits: z.array(ModelEditSchema).describe('Exact search/replace blocks, applied in order.'),
});
export type ModelSuggestion = z.infer<typeof ModelSuggestionSchema>;

export const ModelAnswerSchema = z.object({
  suggestions: z.array(ModelSuggestionSchema).describe('Alternative changes, best first.'),
});
export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;
