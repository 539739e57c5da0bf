import { createStep } from '@mastra/core/workflows';
import { SOURCE_ANALYZERS } from '../src/analysis/analyze.ts';
import { analyzeLoop, prepareLoopAnalysis } from '../src/loop/analyze-loop.ts';
import { compareReports } from '../src/loop/compare.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { runSuite } from '../src/loop/run-suite.ts';

/**
 * Runs the full suite on the patched sandbox and compares it, test by test, with the run before.
 * The changed code is analyzed while the tests run, so the decision can tell whether the finding
 * the change targets is gone (and the next cycle finds the analysis done).
 */
export const reTestStep = createStep({
  id: 're-test',
  description: 'Run the full suite with the change and compare against the previous run',
  inputSchema: CycleDataSchema,
  outputSchema: CycleDataSchema,
  execute: async ({ inputData, writer }) => {
    const { loop, iteration, candidate, applied } = inputData;
    if (!candidate || !applied) return inputData;
    const { runId, options } = loop;
    const pending = candidate.edits;
    const sandbox = await loopSandbox(loop, pending);
    const [report] = await Promise.all([
      runSuite(sandbox, options, loop, { writer, runId, phase: 'retest', iteration }),
      prepareLoopAnalysis(loop, pending),
    ]);
    // Only the source analyzers: the decision needs no profile, and the next cycle makes one if needed.
    // Without findings (the code could not be read) the decision keeps no change that needs them.
    const findings = await analyzeLoop(loop, report, { pending, analyzers: SOURCE_ANALYZERS }).catch(() => undefined);
    return {
      ...inputData,
      loop: { ...loop, testMs: loop.testMs + report.wallMs },
      retest: { report, comparison: compareReports(loop.current, report), findings },
    };
  },
});
