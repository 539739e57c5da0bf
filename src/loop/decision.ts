import path from 'node:path';
import type { Finding } from '../contract/finding.ts';
import { type Decision, type DecisionOutcome, projectKey } from '../contract/history.ts';
import type { Suggestion } from '../suggest/suggestion.ts';
import type { LoopState } from './loop-state.ts';

/** A person's yes or no says more about what a project wants than one test run does. */
export const PERSON_WEIGHT = 3;
const TEST_RUN_WEIGHT = 1;

/** The kind of finding: its category, and for a failure the error's name (`failure:TypeError`). */
export function findingKind(finding: Finding): string {
  const error = finding.category === 'failure' ? /\b([A-Z]\w*(?:Error|Exception))\b/.exec(finding.message)?.[1] : undefined;
  return error ? `${finding.category}:${error}` : finding.category;
}

/** The decision about one change, as learning reads it. */
export function decisionOf(
  loop: Pick<LoopState, 'runId' | 'options'>,
  change: { suggestion: Suggestion; files: readonly string[] },
  outcome: DecisionOutcome,
  context: { at: number; target?: Finding | undefined; reason?: string | undefined },
): Decision {
  const { suggestion } = change;
  const file = change.files[0] ?? suggestion.edits[0]?.file ?? '';
  const byPerson = outcome === 'approved' || outcome === 'declined';
  return {
    project: projectKey(loop.options),
    runId: loop.runId,
    at: new Date(context.at).toISOString(),
    outcome,
    weight: byPerson ? PERSON_WEIGHT : TEST_RUN_WEIGHT,
    source: suggestion.source,
    ...(suggestion.operator ? { operator: suggestion.operator } : {}),
    category: suggestion.category,
    priority: suggestion.priority,
    ...(context.target ? { findingKind: findingKind(context.target) } : {}),
    area: path.posix.dirname(file.replaceAll('\\', '/')),
    ...(context.reason ? { reason: context.reason } : {}),
  };
}
