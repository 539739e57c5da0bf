import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createStep } from '@mastra/core/workflows';
import { storeDirOf } from '../src/contract/options.ts';
import { ImprovementReportSchema } from '../src/contract/report.ts';
import { emit } from '../src/events/emit.ts';
import { artifactsDirFor, improvementsPatch, writeArtifact, writeArtifacts } from '../src/loop/artifacts.ts';
import { buildImprovementReport } from '../src/loop/improvement-report.ts';
import { acceptedEdits, LoopStateSchema } from '../src/loop/loop-state.ts';
import { buildRunRecord } from '../src/loop/run-record.ts';
import { loadFindings, loadReport, loadTried } from '../src/loop/stored.ts';
import { unaddressedFindings } from '../src/loop/unaddressed.ts';
import { writeBackAtomically } from '../src/patch/write-back.ts';
import { headCommit } from '../src/publish/repository.ts';
import { renderHtmlReport } from '../src/report/html.ts';
import { releaseSandbox } from '../src/runtime/run-sandboxes.ts';
import { releaseSuggester } from '../src/runtime/run-suggesters.ts';
import { recordsFor } from '../src/store/records.ts';

/** Runs the HTML report of a run charts: the latest this many. */
const HISTORY_CHARTED = 100;

/** In the run's folder: what the write-back writes, recorded before it replaces any file (see `writeBackAtomically`). */
const WRITE_JOURNAL = 'write-back.json';

/**
 * Writes the report, the patch and a summary under `<project>/.improve/runs/<runId>/`, records the
 * run in the history (and an HTML report with its trends next to them), and, only in write mode, applies the accepted changes to the project all-or-nothing.
 */
export const finalizeStep = createStep({
  id: 'finalize',
  description: 'Write report.json, improvements.patch and summary.md; write changes back in write mode',
  inputSchema: LoopStateSchema,
  outputSchema: ImprovementReportSchema,
  execute: async ({ inputData: loop, writer, mastra }) => {
    const { runId, options } = loop;
    const [findings, tried, baseline, final] = await Promise.all([
      loadFindings(loop, loop.findings),
      loadTried(loop, loop.tried),
      loadReport(loop, loop.baseline),
      loadReport(loop, loop.current),
    ]);
    const edits = acceptedEdits(tried);
    const artifactsDir = artifactsDirFor(options.projectDir, runId);
    const patch = await improvementsPatch(
      options.projectDir,
      edits,
      tried.accepted.map((c) => c.diff),
    );
    let written: string[] = [];
    let writeError: string | undefined;
    if (options.writeMode === 'write' && edits.length > 0) {
      try {
        const journal = path.join(artifactsDir, WRITE_JOURNAL);
        await mkdir(artifactsDir, { recursive: true });
        written = (await writeBackAtomically(options.projectDir, edits, journal)).map((c) => c.file);
      } catch (error) {
        writeError = (error as Error).message;
      }
    }
    const unaddressed = unaddressedFindings(findings, options.suggester);
    const report = buildImprovementReport(
      loop,
      { findings, tried },
      {
        now: Date.now(),
        artifactsDir,
        written,
        ...(writeError ? { writeError } : {}),
        ...(unaddressed ? { unaddressed } : {}),
      },
    );
    await writeArtifacts(artifactsDir, report, patch);
    const commit = await headCommit(options.projectDir);
    const record = buildRunRecord(loop, report, { baseline, final, tried, finishedAt: Date.now(), ...(commit ? { commit } : {}) });
    const records = recordsFor(mastra?.getStorage(), storeDirOf(options.projectDir));
    await records.saveRun(record);
    const history = await records.runs(record.project, { limit: HISTORY_CHARTED });
    await writeArtifact(artifactsDir, 'report.html', renderHtmlReport({ history, report }));
    releaseSuggester(runId);
    await releaseSandbox(runId);
    await emit(writer, loop, {
      type: 'summary',
      runId,
      status: report.status,
      stopReason: report.stopReason,
      iterations: report.iterations,
      accepted: report.accepted.length,
      rejected: report.rejected.length,
      baseline: report.baseline,
      final: report.final,
      artifactsDir,
      ...(unaddressed ? { unaddressed } : {}),
    });
    return report;
  },
});
