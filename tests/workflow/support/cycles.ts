import type { ImprovementEvent } from '../../../src/events/improvement-event.ts';

const CYCLE = 'loop.cycle';

/**
 * The shape of a run's stream: the top-level steps that started, and how many cycle steps started
 * in each loop iteration (with the iteration Mastra numbered it). A loop that ends when its stop
 * rule fires has one entry per cycle that did something, no empty cycle after the deciding one.
 */
export function cycleShape(events: readonly ImprovementEvent[]): { topLevel: string[]; iterations: number[]; stepsPerCycle: number[] } {
  const starts = events.flatMap((e) => (e.type === 'step-start' ? [e] : []));
  const topLevel = starts.filter((s) => !s.stepId.includes('.')).map((s) => s.stepId);
  const cycles = starts.filter((s) => s.stepId === CYCLE);
  const stepsPerCycle: number[] = [];
  for (const start of starts) {
    if (start.stepId === CYCLE) stepsPerCycle.push(0);
    else if (start.stepId.startsWith(`${CYCLE}.`)) stepsPerCycle[stepsPerCycle.length - 1] = (stepsPerCycle.at(-1) ?? 0) + 1;
  }
  return { topLevel, iterations: cycles.map((s) => s.loopIteration ?? -1), stepsPerCycle };
}

/** The top-level steps of a run that entered the loop, and of one that stopped right after the baseline. */
export const LOOPED = ['sandbox-test', 'analyze', 'loop', 'loop-result', 'confirm', 'finalize', 'publish'];
export const NOT_LOOPED = ['sandbox-test', 'analyze', 'loop-result', 'confirm', 'finalize', 'publish'];
