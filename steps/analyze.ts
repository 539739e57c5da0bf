import { createStep } from '@mastra/core/workflows';
import { emit } from '../src/events/emit.ts';
import { analyzeLoop } from '../src/loop/analyze-loop.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { toReportFinding } from '../src/loop/improvement-report.ts';
import { elapsedMs, LoopStateSchema } from '../src/loop/loop-state.ts';
import { stopReasonFor } from '../src/loop/stop-rules.ts';

/** Finds what to improve in the current state of the project, and decides whether to stop. */
export const analyzeStep = createStep({
  id: 'analyze',
  description: 'Turn the latest test report into prioritized findings; stop when done or out of budget',
  inputSchema: LoopStateSchema,
  outputSchema: CycleDataSchema,
  execute: async ({ inputData: loop, writer }) => {
    const { runId, options } = loop;
    const iteration = loop.iterations + 1;
    const findings = await analyzeLoop(loop, loop.current);
    const now = Date.now();
    const analyzed = { ...loop, findings };
    const stopReason = stopReasonFor(analyzed, now);
    if (stopReason) return { loop: { ...analyzed, stopReason }, iteration };
    await emit(writer, { type: 'iteration-start', runId, iteration });
    await emit(writer, { type: 'findings', runId, iteration, findings: findings.map(toReportFinding) });
    await emit(writer, {
      type: 'budget',
      runId,
      iteration,
      elapsedMs: elapsedMs(loop, now),
      timeBudgetMs: options.timeBudgetSeconds * 1000,
      iterations: loop.iterations,
      maxIterations: options.maxIterations,
      noProgress: loop.noProgress,
      patience: options.patience,
      tokensUsed: loop.tokensUsed,
      ...(options.tokenBudget !== undefined ? { tokenBudget: options.tokenBudget } : {}),
    });
    return { loop: analyzed, iteration };
  },
});
