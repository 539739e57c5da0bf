import type { ImproveOptions } from '../contract/options.ts';
import { registrationFor } from '../suggest/registry.ts';
import type { Suggester } from '../suggest/suggester.ts';

const perRun = new Map<string, Promise<Suggester>>();

/**
 * The run's suggester, made on first use and kept for the run's life in this process, so a
 * stateful suggester (a model's own memory and limits) sees the whole run. After a resume or
 * restart in another process, a new one is made.
 */
export function suggesterFor(runId: string, options: ImproveOptions): Promise<Suggester> {
  let suggester = perRun.get(runId);
  if (!suggester) {
    const registration = registrationFor(options.suggester);
    suggester = Promise.resolve().then(() => registration.factory(options));
    perRun.set(runId, suggester);
    suggester.catch(() => perRun.delete(runId));
  }
  return suggester;
}

export function releaseSuggester(runId: string): void {
  perRun.delete(runId);
}
