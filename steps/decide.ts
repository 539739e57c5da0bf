import { createStep } from '@mastra/core/workflows';
import { emit } from '../src/events/emit.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { decidePatch } from '../src/loop/keep-rules.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { acceptedEdits, type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
import {
  appliedChanges,
  type FileChange,
  loadFindings,
  loadReport,
  loadSuggestion,
  loadTried,
  retests,
  storeTried,
  type TriedChanges,
} from '../src/loop/stored.ts';
import { noteSandboxContents } from '../src/runtime/run-sandboxes.ts';
import type { Suggestion } from '../src/suggest/suggestion.ts';

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
    const { loop, iteration, rejection } = inputData;
    if (!inputData.candidate) return loop;
    const { runId } = loop;
    const [candidate, tried, applied, retest] = await Promise.all([
      loadSuggestion(loop, inputData.candidate),
      loadTried(loop, loop.tried),
      inputData.applied && appliedChanges.load(loop, inputData.applied.ref),
      inputData.retest && retests.load(loop, inputData.retest.ref),
    ]);
    const files = [...new Set((applied?.files ?? []).concat(candidate.edits.map((e) => e.file)))];
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
    const finish = async (next: Partial<LoopState>, nextTried: TriedChanges, outcome: 'kept' | 'reverted' | 'rejected') => {
      await emit(writer, loop, { type: 'iteration-end', runId, iteration, outcome });
      return { ...loop, ...next, iterations: loop.iterations + 1, tried: await storeTried(loop, nextTried) };
    };
    const turnedDown = (stage: TriedChanges['rejected'][number]['stage'], reason: string) =>
      finish(
        { noProgress: loop.noProgress + 1 },
        { ...tried, rejected: [...tried.rejected, { ...change, stage, reason }] },
        stage === 'reverted' ? 'reverted' : 'rejected',
      );

    if (rejection || !applied || !retest) {
      return turnedDown(rejection?.stage ?? 'not-applicable', rejection?.reason ?? 'the change was not applied');
    }

    const ref = { runId, iteration, suggestionId: candidate.id };
    const findings = await loadFindings(loop, loop.findings);
    const target = findings.find((finding) => finding.id === candidate.findingId);
    const decision = decidePatch(
      retest.comparison,
      target && {
        finding: target,
        before: { report: await loadReport(loop, loop.current), findings },
        after: { report: await loadReport(loop, retest.report), ...(retest.findings ? { findings: retest.findings } : {}) },
      },
    );
    if (decision.keep) {
      const { fixed } = retest.comparison;
      await emit(writer, loop, { type: 'patch-kept', ...ref, fixed, effect: decision.effect });
      const kept = { ...change, fixed, effect: decision.effect, ...(target && { finding: target.message.split('\n')[0] }) };
      return finish({ current: retest.report, noProgress: 0 }, { ...tried, accepted: [...tried.accepted, kept] }, 'kept');
    }

    await revert(loop, tried, candidate, applied.changes);
    await emit(writer, loop, {
      type: 'patch-reverted',
      ...ref,
      reason: decision.reason,
      broken: retest.comparison.broken,
      fixed: retest.comparison.fixed,
    });
    return turnedDown('reverted', decision.reason);
  },
});

/** Puts back the files the candidate changed, in the sandbox that holds it. */
async function revert(loop: LoopState, tried: TriedChanges, candidate: Suggestion, changes: readonly FileChange[]): Promise<void> {
  const sandbox = await loopSandbox(loop, candidate.edits);
  for (const change of changes) await sandbox.writeFile(change.file, change.before);
  noteSandboxContents(loop.runId, acceptedEdits(tried));
}
