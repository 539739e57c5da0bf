import { createStep } from '@mastra/core/workflows';
import { ImproveInputSchema, ImproveOptionsSchema } from '../src/contract/options.ts';
import { prepareLoopAnalysis } from '../src/loop/analyze-loop.ts';
import { type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
import { runSuite } from '../src/loop/run-suite.ts';
import { acquireSandbox, sandboxSpec } from '../src/runtime/run-sandboxes.ts';
import { registrationFor } from '../src/suggest/registry.ts';

/** Copies the project into a sandbox and runs its suite once: the baseline every change is judged against. */
export const sandboxTestStep = createStep({
  id: 'sandbox-test',
  description: 'Run the test suite in a sandbox to get the baseline',
  inputSchema: ImproveInputSchema,
  outputSchema: LoopStateSchema,
  execute: async ({ inputData, runId, writer }) => {
    const options = ImproveOptionsSchema.parse(inputData);
    registrationFor(options.suggester); // a misspelt suggester fails now, not after the baseline
    const startedAt = Date.now();
    const budget = { startedAt, pausedMs: 0, options };
    const sandbox = await acquireSandbox(runId, sandboxSpec(options), []);
    // The first cycle's analysis of the code is done while the baseline runs.
    const [baseline] = await Promise.all([
      runSuite(sandbox, options, budget, { writer, runId, phase: 'baseline', iteration: 0 }),
      prepareLoopAnalysis({ runId, options, accepted: [] }),
    ]);
    const loop: LoopState = {
      runId,
      options,
      startedAt,
      pausedMs: 0,
      baseline,
      current: baseline,
      findings: [],
      iterations: 0,
      noProgress: 0,
      accepted: [],
      rejected: [],
      testMs: baseline.wallMs,
      suggestMs: 0,
      tokensUsed: 0,
    };
    return loop;
  },
});
