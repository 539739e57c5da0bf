import { ImproveError } from '../contract/errors.ts';
import { registrationFor, type SuggesterRegistration } from '../suggest/registry.ts';

export { registeredSuggesters } from '../suggest/registry.ts';

/**
 * Refuses a suggester name that names nothing registered, or one that cannot work here (a model
 * suggester without a model, or without the packages it loads): an input error, said before any test runs.
 */
export async function checkSuggester(name: string): Promise<void> {
  let registration: SuggesterRegistration;
  try {
    registration = registrationFor(name);
  } catch (error) {
    throw new ImproveError('input', (error as Error).message);
  }
  await registration.prepare?.();
}
