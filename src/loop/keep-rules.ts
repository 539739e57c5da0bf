import type { Finding } from '../contract/finding.ts';
import type { TestReport } from '../testing/report.ts';
import { plural } from '../text/plural.ts';
import { type DurationChange, durationChanges, runDrift, type TestComparison } from './compare.ts';
import { resolutionOf, worseOrEqual } from './resolution.ts';

/** Keep the change (saying what it achieved) or revert it (saying why). */
export type PatchDecision = { keep: true; effect: string } | { keep: false; reason: string };

/** When a change counts as making a slow test faster. */
export interface SpeedupRule {
  /** Share of the test's time it must save, once the machine's drift is taken out. */
  minGain: number;
  /** ...and at least this many milliseconds, so timer and scheduling noise never counts as a gain. */
  minSavedMs: number;
}

export const DEFAULT_SPEEDUP_RULE: SpeedupRule = { minGain: 0.2, minSavedMs: 50 };

/** The finding a change was suggested for, with the runs and analyses before and after it. */
export interface TargetEvidence {
  finding: Finding;
  before: { report: TestReport; findings: readonly Finding[] };
  /** `findings`: what the source analyzers find in the changed code; absent when it was not analyzed. */
  after: { report: TestReport; findings?: readonly Finding[] };
}

/**
 * Never keeps a change that breaks a test that passed or brings in a run or load error. Otherwise
 * keeps it when it fixes a failing test, or when it does what its target finding asks:
 * - performance: the finding's slow tests got measurably faster (see `SpeedupRule`);
 * - error-handling, quality: the finding is gone from the changed code and nothing at least as
 *   urgent came in with the change.
 * Everything else is reverted with the reason.
 */
export function decidePatch(comparison: TestComparison, target?: TargetEvidence, rule: SpeedupRule = DEFAULT_SPEEDUP_RULE): PatchDecision {
  if (comparison.newErrors.length > 0) return { keep: false, reason: `new errors: ${list(comparison.newErrors)}` };
  if (comparison.broken.length > 0) {
    return { keep: false, reason: `broke ${plural(comparison.broken.length, 'passing test')}: ${list(comparison.broken)}` };
  }
  if (comparison.fixed.length > 0) return { keep: true, effect: `fixes ${plural(comparison.fixed.length, 'test')}` };
  if (!target || target.finding.category === 'failure') {
    const { length } = comparison.stillFailing;
    return {
      keep: false,
      reason:
        length > 0
          ? `fixed nothing (${plural(length, 'test')} still failing)`
          : 'fixed nothing: no test was failing, and it names no current finding to resolve',
    };
  }
  return target.finding.category === 'performance' ? decideSpeedup(target, rule) : decideResolution(target);
}

function decideSpeedup({ finding, before, after }: TargetEvidence, rule: SpeedupRule): PatchDecision {
  const changes = durationChanges(before.report, after.report, finding.tests);
  if (changes.length === 0) {
    return { keep: false, reason: `cannot tell whether it is faster: ${list(finding.tests) || 'the slow test'} did not pass in both runs` };
  }
  const drift = runDrift(before.report, after.report, finding.tests);
  const judged = changes.map((change) => ({ change, ...gainOf(change, drift) }));
  const short = judged.filter(({ gain, savedMs }) => gain < rule.minGain || savedMs < rule.minSavedMs);
  const driftNote = drift === 1 ? '' : ` (allowing for the other tests' ${signedPercent(drift - 1)} in the same run)`;
  if (short.length === 0) return { keep: true, effect: `faster: ${judged.map(({ change }) => timing(change)).join('; ')}${driftNote}` };
  return {
    keep: false,
    reason: `not measurably faster: ${short.map(({ change }) => timing(change)).join('; ')}; needs ${Math.round(rule.minGain * 100)}% and ${rule.minSavedMs} ms less${driftNote}`,
  };
}

/** The share of the expected time saved, the expected time being the old one scaled by the drift. */
function gainOf({ beforeMs, afterMs }: DurationChange, drift: number): { gain: number; savedMs: number } {
  const expectedMs = beforeMs * drift;
  const savedMs = expectedMs - afterMs;
  return { gain: expectedMs > 0 ? savedMs / expectedMs : 0, savedMs };
}

function decideResolution({ finding, before, after }: TargetEvidence): PatchDecision {
  if (!after.findings) return { keep: false, reason: 'the changed code was not analyzed, so whether the finding is gone is unknown' };
  const { resolved, introduced } = resolutionOf(finding, before.findings, after.findings);
  if (!resolved) return { keep: false, reason: `the ${finding.category} finding it targets is still there: ${finding.message}` };
  const worse = worseOrEqual(finding, introduced);
  if (worse.length > 0) {
    return {
      keep: false,
      reason: `it resolves the ${finding.category} finding but brings in ${plural(worse.length, 'finding')} as urgent: ${list(worse.map((f) => f.message))}`,
    };
  }
  return { keep: true, effect: `resolves ${finding.category} finding: ${finding.message}` };
}

function timing({ test, beforeMs, afterMs }: DurationChange): string {
  return `${test} ${Math.round(beforeMs)} ms -> ${Math.round(afterMs)} ms (${signedPercent(afterMs / beforeMs - 1)})`;
}

function signedPercent(fraction: number): string {
  const value = Math.round(fraction * 100);
  return `${value > 0 ? '+' : ''}${value}%`;
}

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}
