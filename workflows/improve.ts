import { createWorkflow } from '@mastra/core/workflows';
import { ImproveInputSchema } from '../src/contract/options.ts';
import { ImprovementReportSchema } from '../src/contract/report.ts';
import { type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
import { analyzeStep } from '../steps/analyze.ts';
import { applyStep } from '../steps/apply.ts';
import { confirmStep } from '../steps/confirm.ts';
import { decideStep } from '../steps/decide.ts';
import { finalizeStep } from '../steps/finalize.ts';
import { publishStep } from '../steps/publish.ts';
import { reTestStep } from '../steps/re-test.ts';
import { sandboxTestStep } from '../steps/sandbox-test.ts';
import { suggestStep } from '../steps/suggest.ts';

export const IMPROVE_WORKFLOW_ID = 'improve';
const LOOP_ID = 'loop';

/**
 * One improvement cycle: suggest, apply, re-test, keep or revert, then analyze the result and
 * judge the stop rules on it. Loop state in, loop state out.
 */
export function createCycleWorkflow() {
  return createWorkflow({
    id: 'cycle',
    description: 'One improvement cycle: suggest, apply, re-test, keep or revert, analyze the result',
    inputSchema: LoopStateSchema,
    outputSchema: LoopStateSchema,
  })
    .then(suggestStep)
    .then(applyStep)
    .then(reTestStep)
    .then(decideStep)
    .then(analyzeStep)
    .commit();
}

/** The cycle until a stop rule fires. Mastra runs a loop's body at least once, so it is entered only when there is work. */
function createLoopWorkflow() {
  return createWorkflow({
    id: LOOP_ID,
    description: 'Repeat the improvement cycle until a stop rule fires',
    inputSchema: LoopStateSchema,
    outputSchema: LoopStateSchema,
  })
    .dountil(createCycleWorkflow(), async ({ inputData }) => inputData.stopReason !== undefined)
    .commit();
}

/**
 * Baseline and its analysis, then (unless that already stops the run) the cycle until a stop rule
 * fires, then a confirming run on a fresh copy, then the report, then (when asked) a pull request. A factory: a Mastra instance binds itself to the workflow objects it
 * registers, so each instance gets its own.
 */
export function createImproveWorkflow() {
  return createWorkflow({
    id: IMPROVE_WORKFLOW_ID,
    description: 'Improve a codebase in a loop: test in a sandbox, suggest, apply, re-test, keep what helps',
    inputSchema: ImproveInputSchema,
    outputSchema: ImprovementReportSchema,
  })
    .then(sandboxTestStep)
    .then(analyzeStep)
    .branch([[async ({ inputData }) => inputData.stopReason === undefined, createLoopWorkflow()]])
    .map(async ({ inputData, getStepResult }): Promise<LoopState> => inputData[LOOP_ID] ?? getStepResult(analyzeStep), {
      id: 'loop-result',
      description: "The loop's final state, or the analysis's when the loop was not entered",
    })
    .then(confirmStep)
    .then(finalizeStep)
    .then(publishStep)
    .commit();
}
