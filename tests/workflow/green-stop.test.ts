import { describe, expect, it } from 'vitest';
import type { Finding, Priority } from '../../src/analysis/finding.ts';
import type { LoopState } from '../../src/improve/loop-state.ts';
import { ImproveOptionsSchema } from '../../src/improve/options.ts';
import { stopReasonFor } from '../../src/improve/stop.ts';
import { reportOf } from './reports.ts';

// When a green suite is done: findings that cost speed or robustness keep the loop going (the
// suggester may have something for them); quality advice alone does not.

const green = reportOf({ 't.test.ts > a': 'passed' });
const finding = (category: Finding['category'], priority: Priority): Finding => ({ id: `${category}:${priority}`, category, priority, message: 'm', tests: [] });

function loopWith(findings: Finding[], extra: Partial<LoopState> = {}): LoopState {
  return {
    runId: 'r1',
    options: ImproveOptionsSchema.parse({ projectDir: '/p', maxIterations: 5, patience: 2 }),
    startedAt: 1_000_000,
    pausedMs: 0,
    baseline: green,
    current: green,
    findings,
    iterations: 0,
    noProgress: 0,
    accepted: [],
    rejected: [],
    testMs: 0,
    suggestMs: 0,
    tokensUsed: 0,
    ...extra,
  };
}

describe('stopReasonFor on a green suite', () => {
  const now = 1_000_000 + 1_000;

  it('is done when nothing but low findings is left', () => {
    expect(stopReasonFor(loopWith([]), now)).toBe('green');
    expect(stopReasonFor(loopWith([finding('quality', 'low')]), now)).toBe('green');
  });

  it('keeps going for high and medium findings of any kind, until a budget or patience ends it', () => {
    expect(stopReasonFor(loopWith([finding('error-handling', 'high')]), now)).toBeUndefined();
    expect(stopReasonFor(loopWith([finding('performance', 'medium'), finding('quality', 'low')]), now)).toBeUndefined();
    expect(stopReasonFor(loopWith([finding('error-handling', 'medium')], { noProgress: 2 }), now)).toBe('patience');
    expect(stopReasonFor(loopWith([finding('error-handling', 'medium')], { iterations: 5 }), now)).toBe('max-iterations');
  });
});
