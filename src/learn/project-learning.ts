import type { Decision } from '../contract/history.ts';
import type { Records } from '../store/records.ts';
import { BUILT_IN_PRIORS } from '../suggest/repair/operators/registry.ts';
import { learnFrom } from './learn.ts';
import type { Learned } from './learned.ts';

/**
 * A project's decisions from its records, and what they taught. A run learns from the runs before
 * it (`exceptRun`), not from its own decisions: within a run, its order stays the one it started with.
 */
export async function projectLearning(
  records: Pick<Records, 'decisions'>,
  project: string,
  { exceptRun }: { exceptRun?: string } = {},
): Promise<{ decisions: Decision[]; learned: Learned }> {
  const decisions = (await records.decisions(project)).filter((decision) => decision.runId !== exceptRun);
  return { decisions, learned: learnFrom(decisions, BUILT_IN_PRIORS) };
}
