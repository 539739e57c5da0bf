import { createStep } from '@mastra/core/workflows';
import { ImproveInputSchema } from '../src/contract/options.ts';
import { prepareLoopAnalysis } from '../src/loop/analyze-loop.ts';
import { checkImprovementInput } from '../src/loop/check-input.ts';
import { type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
import { runSuite, withRestoredTests } from '../src/loop/run-suite.ts';
import { storeFindings, storeReport, storeTestFiles, storeTried } from '../src/loop/stored.ts';
import { restoreTestFiles } from '../src/loop/test-guard.ts';
import { acquireSandbox, sandboxSpec } from '../src/runtime/run-sandboxes.ts';
import { projectTestScope } from '../src/testing/project-test-scope.ts';

/** Copies the project into a sandbox and runs its suite once: the baseline every change is judged against. */
export const sandboxTestStep = createStep({
  id: 'sandbox-test',
  description: 'Run the test suite in a sandbox to get the baseline',
  inputSchema: ImproveInputSchema,
  outputSchema: LoopStateSchema,
  execute: async ({ inputData, runId, writer }) => {
    const startedAt = Date.now();
    // Bad input fails now in one line (also from the Studio), not after the baseline.
    const options = await checkImprovementInput(inputData);
    const budget = { startedAt, pausedMs: 0, options };
    const run = { runId, options };
    const tried = await storeTried(run, { accepted: [], rejected: [] });
    const sandbox = await acquireSandbox(runId, sandboxSpec(options), []);
    // The first analysis of the code is done while the baseline runs.
    const [ran] = await Promise.all([
      runSuite(sandbox, options, budget, { writer, runId, phase: 'baseline', iteration: 0 }),
      prepareLoopAnalysis({ ...run, tried }),
    ]);
    // What belongs to the tests is known once the runner has said which files it ran.
    const scope = await projectTestScope(options.projectDir, ran);
    const report = withRestoredTests(ran, await restoreTestFiles(sandbox, options.projectDir, new Set(scope)));
    const [baseline, testFiles] = await Promise.all([storeReport(run, report, { node: true }), storeTestFiles(run, scope)]);
    const loop: LoopState = {
      ...run,
      startedAt,
      pausedMs: 0,
      baseline,
      current: baseline,
      findings: await storeFindings(run, []),
      iterations: 0,
      noProgress: 0,
      tried,
      testFiles,
      testMs: report.wallMs,
      suggestMs: 0,
      tokensUsed: 0,
    };
    return loop;
  },
});
