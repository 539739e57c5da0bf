import type { Edit } from '../contract/edit.ts';
import { acquireSandbox, sandboxSpec } from '../runtime/run-sandboxes.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { type LoopState, loopEdits } from './loop-state.ts';

/** The run's sandbox holding every accepted change, plus `pending` (the candidate being tried). */
export async function loopSandbox(loop: Pick<LoopState, 'runId' | 'options' | 'tried'>, pending: readonly Edit[] = []): Promise<Sandbox> {
  return acquireSandbox(loop.runId, sandboxSpec(loop.options), [...(await loopEdits(loop)), ...pending]);
}
