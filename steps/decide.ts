import { createStep } from '@mastra/core/workflows';
import type { AcceptedChange } from '../src/contract/report.ts';
import { emit } from '../src/events/emit.ts';
import { type CycleData, CycleDataSchema } from '../src/loop/cycle-data.ts';
import { decidePatch } from '../src/loop/keep-rules.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { acceptedEdits, type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
import { noteSandboxContents } from '../src/runtime/run-sandboxes.ts';

/**
 * Keeps the change when it broke nothing and fixed a failing test or did what its target finding
 * asks (see `decidePatch`); otherwise reverts it and records why.
 */
export const decideStep = createStep({
  id: 'decide',
  description: 'Keep the change only if it breaks nothing and fixes a test or resolves its finding; otherwise revert it',
  inputSchema: CycleDataSchema,
  outputSchema: LoopStateSchema,
  execute: async ({ inputData, writer }) => {
    const { loop, iteration, candidate, rejection, applied, retest } = inputData;
    if (!candidate || loop.stopReason) return loop;
    const { runId } = loop;
    const files = [...new Set((applied?.changes ?? []).map((c) => c.file).concat(candidate.edits.map((e) => e.file)))];
    const change = {
      suggestionId: candidate.id,
      iteration,
      source: candidate.source,
      file: files[0] as string,
      files,
      diff: applied?.diff ?? '',
      category: candidate.category,
      priority: candidate.priority,
      rationale: candidate.rationale,
      suggestion: candidate,
    };
    const tried = { ...loop, iterations: loop.iterations + 1 };
    const finish = async (next: LoopState, outcome: 'kept' | 'reverted' | 'rejected') => {
      await emit(writer, { type: 'iteration-end', runId, iteration, outcome });
      return next;
    };

    if (rejection || !applied || !retest) {
      const reason = rejection?.reason ?? 'the change was not applied';
      const stage = rejection?.stage ?? 'not-applicable';
      return finish({ ...tried, noProgress: loop.noProgress + 1, rejected: [...loop.rejected, { ...change, stage, reason }] }, 'rejected');
    }

    const ref = { runId, iteration, suggestionId: candidate.id };
    const target = loop.findings.find((finding) => finding.id === candidate.findingId);
    const decision = decidePatch(
      retest.comparison,
      target && {
        finding: target,
        before: { report: loop.current, findings: loop.findings },
        after: { report: retest.report, findings: retest.findings },
      },
    );
    if (decision.keep) {
      const { fixed } = retest.comparison;
      const kept: AcceptedChange & { suggestion: typeof candidate } = { ...change, fixed, effect: decision.effect };
      await emit(writer, { type: 'patch-kept', ...ref, fixed, effect: decision.effect });
      return finish({ ...tried, current: retest.report, noProgress: 0, accepted: [...loop.accepted, kept] }, 'kept');
    }

    await revert(inputData);
    await emit(writer, {
      type: 'patch-reverted',
      ...ref,
      reason: decision.reason,
      broken: retest.comparison.broken,
      fixed: retest.comparison.fixed,
    });
    const rejected = { ...change, stage: 'reverted' as const, reason: decision.reason };
    return finish({ ...tried, noProgress: loop.noProgress + 1, rejected: [...loop.rejected, rejected] }, 'reverted');
  },
});

/** Puts back the files the candidate changed, in the sandbox that holds it. */
async function revert({ loop, candidate, applied }: CycleData): Promise<void> {
  if (!candidate || !applied) return;
  const sandbox = await loopSandbox(loop, candidate.edits);
  for (const change of applied.changes) await sandbox.writeFile(change.file, change.before);
  noteSandboxContents(loop.runId, acceptedEdits(loop));
}
