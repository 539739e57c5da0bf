import type { Edit } from '../contract/edit.ts';
import { acquireSandbox, sandboxSpec } from '../runtime/run-sandboxes.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { acceptedEdits, type LoopState } from './loop-state.ts';

/** The run's sandbox holding every accepted change, plus `pending` (the candidate being tried). */
export function loopSandbox(loop: Pick<LoopState, 'runId' | 'options' | 'accepted'>, pending: readonly Edit[] = []): Promise<Sandbox> {
  return acquireSandbox(loop.runId, sandboxSpec(loop.options), [...acceptedEdits(loop), ...pending]);
}
