import { createStep } from '@mastra/core/workflows';
import { SOURCE_ANALYZERS } from '../src/analysis/analyze.ts';
import { analyzeLoop, prepareLoopAnalysis } from '../src/loop/analyze-loop.ts';
import { compareReports } from '../src/loop/compare.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { runSuite } from '../src/loop/run-suite.ts';
import { loadReport, loadSuggestion, loadTestFiles, retests, storeReport } from '../src/loop/stored.ts';

/**
 * Runs the full suite on the patched sandbox and compares it, test by test, with the run before.
 * The changed code is analyzed while the tests run, so the decision can tell whether the finding
 * the change targets is gone (and the analysis at the end of the cycle finds it done).
 */
export const reTestStep = createStep({
  id: 're-test',
  description: 'Run the full suite with the change and compare against the previous run',
  inputSchema: CycleDataSchema,
  outputSchema: CycleDataSchema,
  execute: async ({ inputData, writer }) => {
    const { loop, iteration, applied } = inputData;
    if (!inputData.candidate || !applied) return inputData;
    const { runId, options } = loop;
    const pending = (await loadSuggestion(loop, inputData.candidate)).edits;
    const sandbox = await loopSandbox(loop, pending);
    const testFiles = await loadTestFiles(loop, loop.testFiles);
    const [report, before] = await Promise.all([
      runSuite(sandbox, options, loop, { writer, runId, phase: 'retest', iteration }, testFiles),
      loadReport(loop, loop.current),
      prepareLoopAnalysis(loop, pending),
    ]);
    // Only the source analyzers: the decision needs no profile, and the cycle's analysis makes one if needed.
    // Without findings (the code could not be read) the decision keeps no change that needs them.
    const findings = await analyzeLoop(loop, report, { pending, analyzers: SOURCE_ANALYZERS }).catch(() => undefined);
    const retest = {
      report: await storeReport(loop, report),
      comparison: compareReports(before, report),
      ...(findings ? { findings } : {}),
    };
    return { ...inputData, loop: { ...loop, testMs: loop.testMs + report.wallMs }, retest: { ref: await retests.store(loop, retest) } };
  },
});
