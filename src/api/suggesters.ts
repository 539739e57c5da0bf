import { ImproveError } from '../contract/errors.ts';
import { registrationFor } from '../suggest/registry.ts';

export { registeredSuggesters } from '../suggest/registry.ts';

/**
 * Refuses a suggester name that names nothing registered, or one that cannot work here (a model
 * suggester without a model): an input error, said before any test runs.
 */
export function checkSuggester(name: string): void {
  try {
    registrationFor(name);
  } catch (error) {
    throw new ImproveError('input', (error as Error).message);
  }
}
