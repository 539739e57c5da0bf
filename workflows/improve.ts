import { createWorkflow } from '@mastra/core/workflows';
import { ImproveInputSchema } from '../src/contract/options.ts';
import { ImprovementReportSchema } from '../src/contract/report.ts';
import { LoopStateSchema } from '../src/loop/loop-state.ts';
import { analyzeStep } from '../steps/analyze.ts';
import { applyStep } from '../steps/apply.ts';
import { decideStep } from '../steps/decide.ts';
import { finalizeStep } from '../steps/finalize.ts';
import { reTestStep } from '../steps/re-test.ts';
import { sandboxTestStep } from '../steps/sandbox-test.ts';
import { suggestStep } from '../steps/suggest.ts';

export const IMPROVE_WORKFLOW_ID = 'improve';

/** One improvement cycle: analyze, suggest, apply, re-test, keep or revert. Loop state in, loop state out. */
export function createCycleWorkflow() {
  return createWorkflow({
    id: 'cycle',
    description: 'One improvement cycle: analyze, suggest, apply, re-test, keep or revert',
    inputSchema: LoopStateSchema,
    outputSchema: LoopStateSchema,
  })
    .then(analyzeStep)
    .then(suggestStep)
    .then(applyStep)
    .then(reTestStep)
    .then(decideStep)
    .commit();
}

/**
 * Baseline, then the cycle until a stop rule fires, then the report. A factory: a Mastra instance
 * binds itself to the workflow objects it registers, so each instance gets its own.
 */
export function createImproveWorkflow() {
  return createWorkflow({
    id: IMPROVE_WORKFLOW_ID,
    description: 'Improve a codebase in a loop: test in a sandbox, suggest, apply, re-test, keep what helps',
    inputSchema: ImproveInputSchema,
    outputSchema: ImprovementReportSchema,
  })
    .then(sandboxTestStep)
    .dountil(createCycleWorkflow(), async ({ inputData }) => inputData.stopReason !== undefined)
    .then(finalizeStep)
    .commit();
}
