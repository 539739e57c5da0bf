import { hasHighPriority } from '../analysis/analyze.ts';
import { isGreen } from '../testing/report.ts';
import { elapsedMs, type LoopState } from './loop-state.ts';
import type { StopReason } from './report.ts';

/**
 * The stop rules, in order of precedence: done (green and no high-priority finding left), then
 * the budgets: time, tokens, iterations, patience. Undefined means keep going. `loop.findings`
 * must describe `loop.current`.
 */
export function stopReasonFor(loop: LoopState, now: number): StopReason | undefined {
  const { options } = loop;
  if (isGreen(loop.current) && !hasHighPriority(loop.findings)) return 'green';
  if (elapsedMs(loop, now) >= options.timeBudgetSeconds * 1000) return 'time-budget';
  if (options.tokenBudget !== undefined && loop.tokensUsed >= options.tokenBudget) return 'token-budget';
  if (loop.iterations >= options.maxIterations) return 'max-iterations';
  if (loop.noProgress >= options.patience) return 'patience';
  return undefined;
}
