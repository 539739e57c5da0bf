import { createStep } from '@mastra/core/workflows';
import { emit } from '../src/events/emit.ts';
import { analyzeLoop } from '../src/loop/analyze-loop.ts';
import { toReportFinding } from '../src/loop/improvement-report.ts';
import { elapsedMs, LoopStateSchema } from '../src/loop/loop-state.ts';
import { stopReasonFor } from '../src/loop/stop-rules.ts';
import { loadReport, storeFindings } from '../src/loop/stored.ts';

/**
 * Finds what to improve in the project as it stands, and decides whether to stop: after the
 * baseline, and as the last step of every cycle, so the loop ends with the cycle that made a stop
 * rule fire. When it goes on, it opens the next iteration.
 */
export const analyzeStep = createStep({
  id: 'analyze',
  description: 'Turn the latest test report into prioritized findings; stop when done or out of budget',
  inputSchema: LoopStateSchema,
  outputSchema: LoopStateSchema,
  execute: async ({ inputData: loop, writer }) => {
    // Stopped in this cycle already (the suggester had nothing new): nothing changed to analyze.
    if (loop.stopReason) return loop;
    const { runId, options } = loop;
    const findings = await analyzeLoop(loop, await loadReport(loop, loop.current));
    const now = Date.now();
    const analyzed = { ...loop, findings: await storeFindings(loop, findings) };
    const stopReason = stopReasonFor(analyzed, now);
    if (stopReason) return { ...analyzed, stopReason };
    const iteration = loop.iterations + 1;
    await emit(writer, loop, { type: 'iteration-start', runId, iteration });
    await emit(writer, loop, { type: 'findings', runId, iteration, findings: findings.map(toReportFinding) });
    await emit(writer, loop, {
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
    return analyzed;
  },
});
