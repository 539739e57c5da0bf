import type { Decision } from '../contract/history.ts';
import type { Records } from '../store/records.ts';
import { BUILT_IN_PRIORS } from '../suggest/repair/operators/registry.ts';
import { learnFrom } from './learn.ts';
import type { Learned } from './learned.ts';

/** A project's decisions from its records, and what they taught. */
export async function projectLearning(
  records: Pick<Records, 'decisions'>,
  project: string,
): Promise<{ decisions: Decision[]; learned: Learned }> {
  const decisions = await records.decisions(project);
  return { decisions, learned: learnFrom(decisions, BUILT_IN_PRIORS) };
}
