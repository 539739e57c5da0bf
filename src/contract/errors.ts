import type { z } from 'zod';

/**
 * What kind of failure an error is, so a caller (the CLI's exit code, an HTTP status) can act on
 * the category instead of a list of classes: `input` is the caller's to fix (bad options, a project
 * that cannot be run, a run in the wrong state); `system` is ours or the machine's.
 */
export type ErrorCategory = 'input' | 'system';

/** Base of the errors recursive-improve throws on purpose; the message is one line. */
export class ImproveError extends Error {
  readonly category: ErrorCategory;
  constructor(category: ErrorCategory, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImproveError';
    this.category = category;
  }
}

/** Options that do not validate; the message is one line naming each bad field. */
export class ImproveOptionsError extends ImproveError {
  constructor(error: z.ZodError) {
    super('input', `invalid options: ${error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`);
    this.name = 'ImproveOptionsError';
  }
}

/** A run the caller asked to resume or restart that is not in a state to be. */
export class ImproveRunStateError extends ImproveError {
  constructor(message: string) {
    super('input', message);
    this.name = 'ImproveRunStateError';
  }
}

/** The category of any thrown value: ours say it; anything else is a system error. */
export function errorCategory(error: unknown): ErrorCategory {
  return error instanceof ImproveError ? error.category : 'system';
}
