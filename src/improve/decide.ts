import type { TestComparison } from './compare.ts';

export type PatchDecision = { keep: true } | { keep: false; reason: string };

/** Keep a change only when it fixes at least one test and breaks nothing that passed before. */
export function decidePatch(comparison: TestComparison): PatchDecision {
  if (comparison.newErrors.length > 0) return { keep: false, reason: `new errors: ${list(comparison.newErrors)}` };
  if (comparison.broken.length > 0) {
    return { keep: false, reason: `broke ${count(comparison.broken.length, 'passing test')}: ${list(comparison.broken)}` };
  }
  if (comparison.fixed.length === 0) {
    return { keep: false, reason: `fixed nothing (${count(comparison.stillFailing.length, 'test')} still failing)` };
  }
  return { keep: true };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}
