import { createStep } from '@mastra/core/workflows';
import { compareReports } from '../src/improve/compare.ts';
import { CycleDataSchema } from '../src/improve/cycle-data.ts';
import { loopSandbox } from '../src/improve/sandboxes.ts';
import { runSuite } from '../src/improve/suite.ts';

/** Runs the full suite on the patched sandbox and compares it, test by test, with the run before. */
export const reTestStep = createStep({
  id: 're-test',
  description: 'Run the full suite with the change and compare against the previous run',
  inputSchema: CycleDataSchema,
  outputSchema: CycleDataSchema,
  execute: async ({ inputData, writer }) => {
    const { loop, iteration, candidate, applied } = inputData;
    if (!candidate || !applied) return inputData;
    const { runId, options } = loop;
    const sandbox = await loopSandbox(loop, candidate.edits);
    const report = await runSuite(sandbox, options, loop, { writer, runId, phase: 'retest', iteration });
    return {
      ...inputData,
      loop: { ...loop, testMs: loop.testMs + report.wallMs },
      retest: { report, comparison: compareReports(loop.current, report) },
    };
  },
});
