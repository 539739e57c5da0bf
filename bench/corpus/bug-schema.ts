import { z } from 'zod';

/** The bug families the corpus covers; `subkind` narrows them (e.g. operator/relational). */
export const BugKindSchema = z.enum([
  'operator',
  'off-by-one',
  'wrong-variable',
  'wrong-method',
  'wrong-literal',
  'condition',
  'swapped-arguments',
  'missing-logic',
  'excess-logic',
  'error-handling',
]);
export type BugKind = z.infer<typeof BugKindSchema>;

/**
 * bug.json of one corpus program: where the single seeded fault is and the known-correct edit.
 * `difficulty` is "easy" when one edit from a standard operator family (swap an operator, a
 * literal, an identifier, a method, delete a statement or term, insert await/?.) repairs it, and
 * "hard" when the repair must synthesize code (a specific constant, a guard with its return value).
 */
export const BugSchema = z.object({
  kind: BugKindSchema,
  subkind: z.string().min(1),
  domain: z.string().min(1),
  difficulty: z.enum(['easy', 'hard']),
  file: z.string().regex(/^src\/[\w.-]+\.(ts|js)$/),
  fix: z.object({ search: z.string().min(1), replace: z.string() }),
  description: z.string().min(1),
});
export type Bug = z.infer<typeof BugSchema>;
