import type { Category } from '../contract/finding.ts';
import type { ImproveOptions } from '../contract/options.ts';
import { BUILTIN_SUGGESTERS } from './builtin.ts';
import type { Suggester } from './suggester.ts';

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
  /** Loads what it needs that may be missing (optional packages), so that is an input error before any test runs. */
  prepare?: () => Promise<unknown>;
  /** The finding categories it can act on; unspecified means all. Findings it cannot act on are reported as unaddressed. */
  handles?: readonly Category[];
}

// Built-in suggesters are there from the start, so a workflow registered in any Mastra instance can use them.
const registry = new Map<string, SuggesterRegistration>(Object.entries(BUILTIN_SUGGESTERS));

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

/** The registration behind `name` (`auto` resolved), or undefined when there is none; never throws. */
export function findRegistration(name: string): { name: string; registration: SuggesterRegistration } | undefined {
  const resolved = name === 'auto' ? autoSuggesterName() : name;
  const registration = resolved === undefined ? undefined : registry.get(resolved);
  return resolved !== undefined && registration ? { name: resolved, registration } : undefined;
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
