import { createHash } from 'node:crypto';
import { analyze, DEFAULT_ANALYZERS, prepareAnalysis } from '../analysis/analyze.ts';
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Edit } from '../contract/edit.ts';
import type { Finding } from '../contract/finding.ts';
import type { TestReport } from '../testing/report.ts';
import { loopSandbox } from './loop-sandbox.ts';
import { type LoopState, loopEdits } from './loop-state.ts';

type LoopRef = Pick<LoopState, 'runId' | 'options' | 'tried'>;

/**
 * Analyzes the run's sandbox holding the accepted edits plus `pending`. The edits name the
 * sandbox's contents, so analyses of contents the loop had before (a reverted change) are reused.
 */
export async function analyzeLoop(
  loop: LoopRef,
  report: TestReport,
  { pending = [], analyzers = DEFAULT_ANALYZERS }: { pending?: readonly Edit[]; analyzers?: readonly Analyzer[] } = {},
): Promise<Finding[]> {
  const sandbox = await loopSandbox(loop, pending);
  return analyze({ report, sandbox, contentsKey: contentsKeyOf([...(await loopEdits(loop)), ...pending]) }, analyzers);
}

/**
 * Reads and analyzes the code of the run's sandbox ahead of `analyzeLoop`: meant to run alongside
 * a test run of the same contents, so the analysis costs the loop no time of its own. Never
 * fails: whatever goes wrong here happens again, and is reported, in `analyzeLoop`.
 */
export async function prepareLoopAnalysis(loop: LoopRef, pending: readonly Edit[] = []): Promise<void> {
  try {
    const sandbox = await loopSandbox(loop, pending);
    await prepareAnalysis({ sandbox, contentsKey: contentsKeyOf([...(await loopEdits(loop)), ...pending]) });
  } catch {
    // See above: nothing is lost by not preparing.
  }
}

function contentsKeyOf(edits: readonly Edit[]): string {
  return createHash('sha256').update(JSON.stringify(edits)).digest('hex');
}
