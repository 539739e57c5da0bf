import type { z } from 'zod';

/** Options that do not validate; the message is one line naming each bad field. */
export class ImproveOptionsError extends Error {
  constructor(error: z.ZodError) {
    super(`invalid options: ${error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`);
    this.name = 'ImproveOptionsError';
  }
}

/** A run the caller asked to resume or restart that is not in a state to be. */
export class ImproveRunStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImproveRunStateError';
  }
}
