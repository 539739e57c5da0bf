import type { Finding } from '../analysis/finding.ts';
import type { StopReason } from '../contract/report.ts';
import { isGreen } from '../testing/report.ts';
import { elapsedMs, type LoopState } from './loop-state.ts';

/**
 * The stop rules, in order of precedence: done (green, and no finding left that breaks behaviour
 * or costs speed or robustness: low ones are advice for a person), then the budgets: time, tokens,
 * iterations, patience. Undefined means keep going; a suggester with nothing for what is left ends
 * the loop as `exhausted`. `loop.findings` must describe `loop.current`.
 */
export function stopReasonFor(loop: LoopState, now: number): StopReason | undefined {
  const { options } = loop;
  if (isGreen(loop.current) && !loop.findings.some(worthAnotherCycle)) return 'green';
  if (elapsedMs(loop, now) >= options.timeBudgetSeconds * 1000) return 'time-budget';
  if (options.tokenBudget !== undefined && loop.tokensUsed >= options.tokenBudget) return 'token-budget';
  if (loop.iterations >= options.maxIterations) return 'max-iterations';
  if (loop.noProgress >= options.patience) return 'patience';
  return undefined;
}

function worthAnotherCycle(finding: Finding): boolean {
  return finding.priority !== 'low';
}
