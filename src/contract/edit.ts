import { z } from 'zod';

/** Replace the exact text `search` (which must occur once) with `replace` in `file`. */
export const EditSchema = z.object({
  file: z.string(),
  search: z.string(),
  replace: z.string(),
});
export type Edit = z.infer<typeof EditSchema>;
