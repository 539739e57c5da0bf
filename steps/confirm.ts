import { createStep } from '@mastra/core/workflows';
import { confirmFinalState } from '../src/loop/confirm.ts';
import { LoopStateSchema } from '../src/loop/loop-state.ts';

/** Runs the original tests plus the accepted changes on a fresh copy, so that green means green. */
export const confirmStep = createStep({
  id: 'confirm',
  description: 'Confirm the final state on a fresh copy of the original tests; revert kept changes that do not hold there',
  inputSchema: LoopStateSchema,
  outputSchema: LoopStateSchema,
  execute: async ({ inputData: loop, writer }) => confirmFinalState(loop, writer),
});
