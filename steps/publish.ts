import { createStep } from '@mastra/core/workflows';
import { ImprovementReportSchema } from '../src/contract/report.ts';
import { emit } from '../src/events/emit.ts';
import { rewriteReport } from '../src/loop/artifacts.ts';
import { loadTried } from '../src/loop/stored.ts';
import { publishImprovements } from '../src/publish/publish.ts';
import { confirmStep } from './confirm.ts';

/**
 * Only when the run was asked to (`pullRequest`): the kept changes as a branch with one commit each
 * and a draft pull request (see `publishImprovements`). What happened goes into the report.
 */
export const publishStep = createStep({
  id: 'publish',
  description: 'Publish the kept changes as a draft pull request (pullRequest only)',
  inputSchema: ImprovementReportSchema,
  outputSchema: ImprovementReportSchema,
  execute: async ({ inputData: report, getStepResult, writer }) => {
    const loop = getStepResult(confirmStep);
    if (!loop.options.pullRequest) return report;
    const tried = await loadTried(loop, loop.tried);
    const published = await publishImprovements({
      projectDir: loop.options.projectDir,
      report,
      changes: tried.accepted.map(({ suggestion, ...change }) => ({ ...change, edits: suggestion.edits })),
      remote: loop.options.remote,
      minPriority: loop.options.prMinPriority,
      env: process.env,
    });
    const withPublication = { ...report, published };
    await rewriteReport(withPublication);
    await emit(writer, loop, { type: 'published', runId: loop.runId, ...published });
    return withPublication;
  },
});
