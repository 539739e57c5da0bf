import type { Decision, DecisionOutcome } from '../contract/history.ts';
import type { Learned } from './learned.ts';

/** Outcomes that say the change was right, and those that say it was not; `not-applicable` says neither. */
const FOR: ReadonlySet<DecisionOutcome> = new Set(['kept', 'approved']);
const AGAINST: ReadonlySet<DecisionOutcome> = new Set(['reverted', 'refused', 'declined']);

/**
 * How many decisions an operator's built-in prior is worth: each decision for it multiplies its
 * prior by (s + 1) / s, each against by s / (s + 1), so one decision moves it a bounded step and
 * many move it far. Measured (`npm run bench -- learning`): with the built-in priors worth 8
 * decisions in all, a few kept fixes of one kind pushed other kinds' fixes past the search's end.
 */
const PRIOR_STRENGTH = 4;
/** The same for the preferences of areas, categories and suggesters (neutral 1 before any evidence). */
const PREFERENCE_STRENGTH = 4;
/** Reasons shown to the model: enough to steer it, few enough to keep the prompt short. */
const MAX_REJECTED_BEFORE = 5;

/** Weighted evidence for and against one key (an operator, area, category or suggester). */
export interface Tally {
  for: number;
  against: number;
}

/** The weighted evidence per key; a decision names several keys through `keysOf` (a follow-up's operators). */
export function tally(decisions: readonly Decision[], keysOf: (decision: Decision) => readonly string[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const decision of decisions) {
    const side = FOR.has(decision.outcome) ? 'for' : AGAINST.has(decision.outcome) ? 'against' : undefined;
    if (!side) continue;
    for (const key of keysOf(decision)) {
      const entry = tallies.get(key) ?? { for: 0, against: 0 };
      entry[side] += decision.weight;
      tallies.set(key, entry);
    }
  }
  return tallies;
}

/** A follow-up candidate's operator is `a+b`: the evidence is for both. */
export const operatorsOf = (decision: Decision): string[] => decision.operator?.split('+') ?? [];

/** (s + for) / (s + against): 1 without evidence, never zero. */
const odds = (entry: Tally, strength: number) => (strength + entry.for) / (strength + entry.against);

/**
 * Learned priors: each operator's built-in prior times the odds of its evidence, so with no
 * decisions the priors are exactly the built-in ones, and an operator is never turned off.
 */
export function learnPriors(decisions: readonly Decision[], builtIn: Readonly<Record<string, number>>): Record<string, number> {
  const evidence = tally(decisions, operatorsOf);
  return Object.fromEntries(
    Object.entries(builtIn).map(([operator, prior]) => {
      const entry = evidence.get(operator);
      return [operator, entry ? prior * odds(entry, PRIOR_STRENGTH) : prior];
    }),
  );
}

/** Preferences per key: 1 without evidence, (s + for) / (s + against) with it. */
function learnPreferences(decisions: readonly Decision[], keyOf: (decision: Decision) => string): Record<string, number> {
  return Object.fromEntries(
    [...tally(decisions, (decision) => [keyOf(decision)])].map(([key, entry]) => [key, odds(entry, PREFERENCE_STRENGTH)]),
  );
}

/** The latest distinct reasons the project turned changes down for, as lines for a model's prompt. */
function rejectedBefore(decisions: readonly Decision[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const decision of decisions.toReversed()) {
    if (!AGAINST.has(decision.outcome) || !decision.reason) continue;
    const reason = decision.reason.replace(/\s+/g, ' ').trim();
    if (seen.has(reason)) continue;
    seen.add(reason);
    const by = decision.outcome === 'declined' ? 'declined by a person' : decision.outcome;
    lines.push(`a ${decision.category} change in ${decision.area} (${decision.source}) was ${by}: ${reason}`);
    if (lines.length === MAX_REJECTED_BEFORE) break;
  }
  return lines;
}

/** What a project's decisions (oldest first) taught, given the repair operators' built-in priors. */
export function learnFrom(decisions: readonly Decision[], builtInPriors: Readonly<Record<string, number>>): Learned {
  return {
    decisions: decisions.length,
    priors: learnPriors(decisions, builtInPriors),
    areas: learnPreferences(decisions, (decision) => decision.area),
    categories: learnPreferences(decisions, (decision) => decision.category),
    sources: learnPreferences(decisions, (decision) => decision.source),
    rejectedBefore: rejectedBefore(decisions),
  };
}
