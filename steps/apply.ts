import { createStep } from '@mastra/core/workflows';
import { ApprovalDecisionSchema, ApprovalRequestSchema } from '../src/contract/approval.ts';
import { emit } from '../src/events/emit.ts';
import { type CycleData, CycleDataSchema } from '../src/loop/cycle-data.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { loopEdits } from '../src/loop/loop-state.ts';
import { appliedChanges, loadSuggestion, loadTestFiles } from '../src/loop/stored.ts';
import { unifiedDiffs } from '../src/patch/diff.ts';
import { EditError, planEdits } from '../src/patch/edits.ts';
import { noteSandboxContents } from '../src/runtime/run-sandboxes.ts';

/**
 * Applies the candidate to the sandbox, never to the project. Refuses unsafe edits (tests, test
 * configuration, paths outside the project). With manual approval, suspends first with the diff
 * and continues on `{ approved }`, in this process or another.
 */
export const applyStep = createStep({
  id: 'apply',
  description: 'Apply the candidate change in the sandbox (after approval when approval is manual)',
  inputSchema: CycleDataSchema,
  outputSchema: CycleDataSchema,
  suspendSchema: ApprovalRequestSchema,
  resumeSchema: ApprovalDecisionSchema,
  execute: async ({ inputData, writer, suspend, resumeData, suspendData }) => {
    const { loop, iteration } = inputData;
    if (!inputData.candidate) return inputData;
    const { runId, options } = loop;
    const [sandbox, candidate, testFiles] = await Promise.all([
      loopSandbox(loop),
      loadSuggestion(loop, inputData.candidate),
      loadTestFiles(loop, loop.testFiles),
    ]);
    const ref = { runId, iteration, suggestionId: candidate.id };
    const reject = async (stage: NonNullable<CycleData['rejection']>['stage'], reason: string, data = inputData): Promise<CycleData> => {
      await emit(writer, loop, { type: 'patch-rejected', ...ref, stage, reason });
      return { ...data, rejection: { stage, reason } };
    };

    const changes = await planEdits(candidate.edits, (file) => sandbox.readFile(file), testFiles).catch((error: unknown) => {
      if (error instanceof EditError) return error;
      throw error;
    });
    if (changes instanceof EditError) return reject(changes.code === 'refused' ? 'refused' : 'not-applicable', changes.message);
    if (changes.length === 0) return reject('not-applicable', 'the change leaves every file as it is');
    const diff = unifiedDiffs(changes);
    const files = changes.map((c) => c.file);

    let resumed = inputData;
    if (options.approval === 'manual') {
      if (!resumeData) {
        await emit(writer, loop, { type: 'approval-requested', ...ref, diff });
        return suspend({
          iteration,
          suggestionId: candidate.id,
          source: candidate.source,
          rationale: candidate.rationale,
          files,
          diff,
          suspendedAt: Date.now(),
        });
      }
      const pausedMs = loop.pausedMs + (suspendData ? Math.max(0, Date.now() - suspendData.suspendedAt) : 0);
      resumed = { ...inputData, loop: { ...loop, pausedMs } };
      if (!resumeData.approved) return reject('declined', 'declined by the reviewer', resumed);
    }

    for (const change of changes) await sandbox.writeFile(change.file, change.after);
    noteSandboxContents(runId, [...(await loopEdits(loop)), ...candidate.edits]);
    // By reference: the contents before and after (to revert them) stay out of the loop state.
    const applied = { ref: await appliedChanges.store(loop, { files, changes, diff }) };
    await emit(writer, loop, { type: 'patch-applied', ...ref, files, diff });
    return { ...resumed, applied };
  },
});
