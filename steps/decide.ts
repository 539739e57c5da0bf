import { createStep } from '@mastra/core/workflows';
import type { DecisionOutcome } from '../src/contract/history.ts';
import { storeDirOf } from '../src/contract/options.ts';
import { emit } from '../src/events/emit.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { decisionOf } from '../src/loop/decision.ts';
import { decidePatch } from '../src/loop/keep-rules.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { acceptedEdits, elapsedMs, type LoopState, LoopStateSchema } from '../src/loop/loop-state.ts';
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
import { recordsFor } from '../src/store/records.ts';
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
  execute: async ({ inputData, writer, mastra }) => {
    const { loop, iteration, rejection } = inputData;
    if (!inputData.candidate) return loop;
    const { runId } = loop;
    const [candidate, tried, applied, retest, findings] = await Promise.all([
      loadSuggestion(loop, inputData.candidate),
      loadTried(loop, loop.tried),
      inputData.applied && appliedChanges.load(loop, inputData.applied.ref),
      inputData.retest && retests.load(loop, inputData.retest.ref),
      loadFindings(loop, loop.findings),
    ]);
    const target = findings.find((finding) => finding.id === candidate.findingId);
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
    // Every decision is evidence for learning; a person's answer (manual approval) is one more.
    const records = recordsFor(mastra?.getStorage(), storeDirOf(loop.options.projectDir));
    const record = async (outcome: DecisionOutcome, reason?: string) => {
      const at = Date.now();
      const approved = loop.options.approval === 'manual' && applied !== undefined;
      if (approved) await records.saveDecision(decisionOf(loop, change, 'approved', { at, target }));
      await records.saveDecision(decisionOf(loop, change, outcome, { at, target, reason }));
    };
    const finish = async (next: Partial<LoopState>, nextTried: TriedChanges, outcome: 'kept' | 'reverted' | 'rejected') => {
      await emit(writer, loop, { type: 'iteration-end', runId, iteration, outcome });
      return { ...loop, ...next, iterations: loop.iterations + 1, tried: await storeTried(loop, nextTried) };
    };
    const turnedDown = async (stage: TriedChanges['rejected'][number]['stage'], reason: string) => {
      await record(stage, reason);
      return finish(
        { noProgress: loop.noProgress + 1 },
        { ...tried, rejected: [...tried.rejected, { ...change, stage, reason }] },
        stage === 'reverted' ? 'reverted' : 'rejected',
      );
    };

    if (rejection || !applied || !retest) {
      return turnedDown(rejection?.stage ?? 'not-applicable', rejection?.reason ?? 'the change was not applied');
    }

    const ref = { runId, iteration, suggestionId: candidate.id };
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
      const kept = {
        ...change,
        fixed,
        effect: decision.effect,
        keptAfterMs: elapsedMs(loop, Date.now()),
        ...(target && { finding: target.message.split('\n')[0] }),
      };
      await record('kept');
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
