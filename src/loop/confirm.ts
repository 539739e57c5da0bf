import type { Edit } from '../contract/edit.ts';
import { type EventWriter, emit } from '../events/emit.ts';
import { EditError } from '../patch/edits.ts';
import { acquireSandbox, releaseSandbox, sandboxSpec } from '../runtime/run-sandboxes.ts';
import type { TestReport } from '../testing/report.ts';
import { analyzeLoop } from './analyze-loop.ts';
import { compareReports } from './compare.ts';
import { isGreen } from './green.ts';
import { acceptedEdits, type LoopState } from './loop-state.ts';
import { runSuite } from './run-suite.ts';
import { loadReport, loadTestFiles, loadTried, storeFindings, storeReport, storeTried, type TriedChanges } from './stored.ts';

/**
 * The confirming run decides what is kept, so it is not cut short by a spent budget: it gets a few
 * times what the baseline took (a busy machine), however little of the budget is left.
 */
const CONFIRM_TIME_FACTOR = 3;
const CONFIRM_MIN_MS = 30_000;

/** A run that ended before its tests did (out of time, a sandbox that failed) says nothing about the changes. */
const unfinished = (report: TestReport) => report.error?.kind === 'timeout' || report.error?.kind === 'sandbox';

/**
 * Runs the suite once on a fresh copy of the project (its original tests) holding the accepted
 * edits, in a sandbox of its own: the loop's sandbox has run the suite many times, and a test can
 * change files there (another test's expectation, a fixture) so that a meaningless change looks
 * like a fix.
 */
async function runOnFreshCopy(loop: LoopState, edits: readonly Edit[], writer: EventWriter | undefined): Promise<TestReport> {
  const key = `${loop.runId}/confirm`;
  try {
    const sandbox = await acquireSandbox(key, sandboxSpec(loop.options), edits);
    const event = { writer, runId: loop.runId, phase: 'confirm', iteration: loop.iterations } as const;
    const minRunMs = Math.max(CONFIRM_MIN_MS, CONFIRM_TIME_FACTOR * loop.baseline.suite.durationMs);
    return await runSuite(sandbox, loop.options, loop, event, await loadTestFiles(loop, loop.testFiles), minRunMs);
  } finally {
    await releaseSandbox(key);
  }
}

/** The accepted changes some of whose fixed tests do not pass on the fresh copy, moved to the rejected ones. */
function revertUnheld(tried: TriedChanges, failing: ReadonlySet<string>): { tried: TriedChanges; reverted: TriedChanges['rejected'] } {
  const reverted: TriedChanges['rejected'] = [];
  const accepted = tried.accepted.filter((change) => {
    const lost = change.fixed.filter((test) => failing.has(test));
    if (lost.length === 0) return true;
    const { fixed: _fixed, effect: _effect, ...rest } = change;
    reverted.push({
      ...rest,
      stage: 'reverted',
      reason: `did not hold on a fresh copy of the original tests: ${lost.length === 1 ? `${lost[0]} fails` : `${lost.length} tests it fixed fail`}`,
    });
    return false;
  });
  return { tried: { accepted, rejected: [...tried.rejected, ...reverted] }, reverted };
}

/**
 * Confirms the loop's final state before it is reported or written back: one run of the original
 * tests plus the accepted edits on a fresh copy. What passed in the loop must pass there. A kept
 * change whose fixed tests fail there is reverted (and reported so); the report then describes
 * the fresh copy, and a run that stopped as green but is not green there stops as `unconfirmed`.
 */
export async function confirmFinalState(loop: LoopState, writer: EventWriter | undefined): Promise<LoopState> {
  // Nothing was re-tested: the baseline already ran on a fresh copy.
  if (loop.iterations === 0) return loop;
  await releaseSandbox(loop.runId);
  const tried = await loadTried(loop, loop.tried);
  const confirmed = await runOnFreshCopy(loop, acceptedEdits(tried), writer).catch((error: unknown) => {
    // The project changed on disk where the changes go: nothing to confirm them on (the write-back refuses too).
    if (error instanceof EditError) return undefined;
    throw error;
  });
  // Nothing to confirm on, or a run that did not finish: the kept changes stand, unconfirmed.
  if (!confirmed || unfinished(confirmed)) return loop.stopReason === 'green' ? { ...loop, stopReason: 'unconfirmed' } : loop;
  const comparison = compareReports(await loadReport(loop, loop.current), confirmed);
  const testMs = loop.testMs + confirmed.wallMs;
  if (comparison.broken.length === 0 && comparison.newErrors.length === 0) {
    return { ...loop, testMs, current: await storeReport(loop, confirmed) };
  }

  const failing = new Set([...comparison.broken, ...comparison.stillFailing]);
  const { tried: held, reverted } = revertUnheld(tried, failing);
  for (const change of reverted) {
    await emit(writer, loop, {
      type: 'patch-reverted',
      runId: loop.runId,
      iteration: change.iteration,
      suggestionId: change.suggestionId,
      reason: change.reason,
      broken: comparison.broken,
      fixed: [],
    });
  }
  const edits = acceptedEdits(held);
  const final =
    reverted.length === 0
      ? confirmed
      : edits.length === 0
        ? await loadReport(loop, loop.baseline)
        : await runOnFreshCopy(loop, edits, writer);
  const next = {
    ...loop,
    testMs: testMs + (final === confirmed ? 0 : final.wallMs),
    tried: await storeTried(loop, held),
    current: await storeReport(loop, final),
  };
  const findings = await storeFindings(next, await analyzeLoop(next, final));
  const analyzed = { ...next, findings };
  return loop.stopReason === 'green' && !isGreen(analyzed) ? { ...analyzed, stopReason: 'unconfirmed' } : analyzed;
}
