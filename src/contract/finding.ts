import { z } from 'zod';

export const PrioritySchema = z.enum(['high', 'medium', 'low']);
export type Priority = z.infer<typeof PrioritySchema>;

export const CategorySchema = z.enum(['failure', 'performance', 'error-handling', 'quality']);
export type Category = z.infer<typeof CategorySchema>;

export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

/** One thing worth improving, with the evidence that shows it. */
export const FindingSchema = z.object({
  id: z.string(),
  category: CategorySchema,
  priority: PrioritySchema,
  message: z.string(),
  location: LocationSchema.optional(),
  /** Ids of the tests that show it (failing or slow). */
  tests: z.array(z.string()).default([]),
  evidence: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
