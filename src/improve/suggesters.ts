import type { Suggester } from '../suggest/suggester.ts';
import type { ImproveOptions } from './options.ts';

/** Builds a suggester for one call of the suggest step; should be cheap (resolved each iteration). */
export type SuggesterFactory = (options: ImproveOptions) => Suggester | Promise<Suggester>;

export interface SuggesterRegistration {
  factory: SuggesterFactory;
  /** Higher wins when `auto` picks; suggesters without a rank are never picked by `auto`. */
  autoRank?: number;
  /** Whether it can work here (e.g. an API key is set); checked when `auto` picks, and when named. */
  available?: () => boolean;
  /** What it needs to be available, for the error when it is named but is not. */
  requires?: string;
}

/** A suggester that counts the model tokens it has spent, so the loop can hold a token budget. */
export interface MeteredSuggester extends Suggester {
  readonly tokensUsed: number;
}

export function isMetered(suggester: Suggester): suggester is MeteredSuggester {
  return typeof (suggester as Partial<MeteredSuggester>).tokensUsed === 'number';
}

const registry = new Map<string, SuggesterRegistration>();

/** Makes a suggester available by name to the workflow's `suggester` option; replaces one of the same name. */
export function registerSuggester(name: string, registration: SuggesterRegistration): void {
  if (name === 'auto') throw new Error("'auto' is reserved: it picks the best registered suggester");
  registry.set(name, registration);
}

export function unregisterSuggester(name: string): void {
  registry.delete(name);
}

export function registeredSuggesters(): string[] {
  return [...registry.keys()].sort();
}

/** The name `auto` stands for right now, or undefined when no ranked suggester is available. */
export function autoSuggesterName(): string | undefined {
  const candidates = [...registry].filter(([, r]) => r.autoRank !== undefined && (r.available?.() ?? true));
  candidates.sort(([, a], [, b]) => (b.autoRank as number) - (a.autoRank as number));
  return candidates[0]?.[0];
}

/** Throws a one-line error naming the registered suggesters when `name` cannot be resolved. */
export function registrationFor(name: string): SuggesterRegistration {
  const resolved = name === 'auto' ? autoSuggesterName() : name;
  const registration = resolved === undefined ? undefined : registry.get(resolved);
  if (registration && name !== 'auto' && registration.available?.() === false) {
    throw new Error(`suggester '${name}' is not available here${registration.requires ? `: it needs ${registration.requires}` : ''}`);
  }
  if (registration) return registration;
  const known = registeredSuggesters().join(', ') || 'none';
  throw new Error(
    name === 'auto' ? `no suggester is available for 'auto' (registered: ${known})` : `unknown suggester '${name}' (registered: ${known})`,
  );
}

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
