import type { StopReason } from '../contract/report.ts';
import { isGreen } from './green.ts';
import { elapsedMs, type LoopState } from './loop-state.ts';

/**
 * The stop rules, in order of precedence: done (`isGreen`), then the budgets: time, tokens,
 * iterations, patience. Undefined means keep going; a suggester with nothing for what is left ends
 * the loop as `exhausted`. `loop.findings` must describe `loop.current`. Judged after the baseline
 * and at the end of every cycle, so the loop ends with the cycle that made a rule fire.
 */
export function stopReasonFor(loop: LoopState, now: number): StopReason | undefined {
  const { options } = loop;
  if (isGreen(loop)) return 'green';
  if (elapsedMs(loop, now) >= options.timeBudgetSeconds * 1000) return 'time-budget';
  if (options.tokenBudget !== undefined && loop.tokensUsed >= options.tokenBudget) return 'token-budget';
  if (loop.iterations >= options.maxIterations) return 'max-iterations';
  if (loop.noProgress >= options.patience) return 'patience';
  return undefined;
}
