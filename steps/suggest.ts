import { createStep } from '@mastra/core/workflows';
import { projectKey } from '../src/contract/history.ts';
import { storeDirOf } from '../src/contract/options.ts';
import { emit } from '../src/events/emit.ts';
import { chaseOrder } from '../src/learn/chase-order.ts';
import { projectLearning } from '../src/learn/project-learning.ts';
import { CycleDataSchema } from '../src/loop/cycle-data.ts';
import { loopSandbox } from '../src/loop/loop-sandbox.ts';
import { LoopStateSchema, remainingMs } from '../src/loop/loop-state.ts';
import { pickCandidate } from '../src/loop/pick-candidate.ts';
import { loadFindings, loadReport, loadTestFiles, loadTried, storeSuggestion } from '../src/loop/stored.ts';
import { suggesterFor } from '../src/runtime/run-suggesters.ts';
import { recordsFor } from '../src/store/records.ts';

/**
 * Asks the configured suggester for changes, with what the project's earlier decisions taught (which
 * findings to chase first, the repair operators' priors, what was turned down before), and picks the
 * first one not tried before; nothing new ends the loop.
 */
export const suggestStep = createStep({
  id: 'suggest',
  description: 'Ask the suggester for candidate changes and pick one not tried before',
  inputSchema: LoopStateSchema,
  outputSchema: CycleDataSchema,
  execute: async ({ inputData: loop, writer, abortSignal, mastra }) => {
    const { runId, options } = loop;
    const iteration = loop.iterations + 1;
    const records = recordsFor(mastra?.getStorage(), storeDirOf(options.projectDir));
    const [sandbox, suggester, report, findings, { rejected }, testFiles, { learned }] = await Promise.all([
      loopSandbox(loop),
      suggesterFor(runId, options),
      loadReport(loop, loop.current),
      loadFindings(loop, loop.findings),
      loadTried(loop, loop.tried),
      loadTestFiles(loop, loop.testFiles),
      projectLearning(records, projectKey(options), { exceptRun: runId }),
    ]);
    const tokensBefore = suggester.tokensUsed ?? 0;
    const started = Date.now();
    let unfinished: string | undefined;
    const suggestions = await suggester.suggest({
      sandbox,
      report,
      findings: chaseOrder(findings, learned),
      learned,
      rejected: rejected.map(({ suggestion, reason }) => ({ suggestion, reason })),
      testFiles,
      ...(options.testCommand !== undefined ? { testCommand: options.testCommand } : {}),
      ...(options.project !== undefined ? { project: options.project } : {}),
      searchUnfinished: (reason) => {
        unfinished = reason;
      },
      budgetMs: remainingMs(loop, started),
      ...(abortSignal ? { signal: abortSignal } : {}),
    });
    const spent = {
      suggestMs: loop.suggestMs + (Date.now() - started),
      tokensUsed: loop.tokensUsed + ((suggester.tokensUsed ?? 0) - tokensBefore),
    };
    const candidate = pickCandidate(suggestions, rejected);
    if (!candidate && (spent.tokensUsed > loop.tokensUsed || unfinished)) {
      // A model was asked and nothing it proposed held up (its own validation turned it down), or
      // a search was cut short: a try that did not help, not the end. Budget and patience bound
      // how often this happens.
      const reason = unfinished ?? `${suggester.name} spent ${spent.tokensUsed - loop.tokensUsed} tokens and had nothing new that held up`;
      await emit(writer, loop, { type: 'iteration-end', runId, iteration, outcome: 'rejected', reason });
      return { loop: { ...loop, ...spent, iterations: loop.iterations + 1, noProgress: loop.noProgress + 1 }, iteration };
    }
    if (!candidate) {
      await emit(writer, loop, { type: 'iteration-end', runId, iteration, outcome: 'exhausted' });
      return { loop: { ...loop, ...spent, stopReason: 'exhausted' as const }, iteration };
    }
    await emit(writer, loop, {
      type: 'suggestion',
      runId,
      iteration,
      suggestionId: candidate.id,
      source: candidate.source,
      category: candidate.category,
      priority: candidate.priority,
      rationale: candidate.rationale,
      files: [...new Set(candidate.edits.map((e) => e.file))],
    });
    return { loop: { ...loop, ...spent }, iteration, candidate: await storeSuggestion(loop, candidate) };
  },
});
