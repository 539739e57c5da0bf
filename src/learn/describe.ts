import type { Decision } from '../contract/history.ts';
import { operatorsOf, type Tally, tally } from './learn.ts';
import type { Learned } from './learned.ts';

const evidence = (entry: Tally) => `${entry.for} for, ${entry.against} against`;
const direction = (weight: number, earlier: string, later: string) => (weight >= 1 ? earlier : later);

/**
 * What was learned, one line per learned preference, for a person to read (`improve history
 * --learned`). Evidence is weighted: a person's answer counts three times a test run's.
 */
export function describeLearned(
  decisions: readonly Decision[],
  learned: Learned,
  builtInPriors: Readonly<Record<string, number>>,
): string[] {
  const lines: string[] = [];
  for (const [operator, entry] of tally(decisions, operatorsOf)) {
    const prior = learned.priors[operator];
    const builtIn = builtInPriors[operator];
    if (prior === undefined || builtIn === undefined) continue;
    lines.push(`repair operator ${operator}: prior ${builtIn.toFixed(2)} -> ${prior.toFixed(2)} (${evidence(entry)})`);
  }
  const preferences = [
    ['area', learned.areas, (d: Decision) => d.area, 'its code is suspected earlier', 'its code is suspected later'],
    ['category', learned.categories, (d: Decision) => d.category, 'chased earlier within a priority', 'chased later within a priority'],
    ['suggester', learned.sources, (d: Decision) => d.source, 'its changes were kept', 'its changes were turned down'],
  ] as const;
  for (const [kind, table, keyOf, up, down] of preferences) {
    for (const [key, entry] of tally(decisions, (decision) => [keyOf(decision)])) {
      const weight = table[key] ?? 1;
      lines.push(`${kind} ${key}: weight ${weight.toFixed(2)}, ${direction(weight, up, down)} (${evidence(entry)})`);
    }
  }
  for (const reason of learned.rejectedBefore) lines.push(`rejected before: ${reason}`);
  return lines;
}
