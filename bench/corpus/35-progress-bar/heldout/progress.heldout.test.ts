import { describe, expect, it } from 'vitest';
import { etaMs, ratio, renderBar } from '../src/progress.ts';

describe('progress (held out)', () => {
  it('never leaves [0, 1]', () => {
    expect(ratio(15, 10)).toBe(1);
    expect(ratio(-3, 10)).toBe(0);
    expect(ratio(1, 3)).toBeCloseTo(1 / 3);
  });

  it('renders empty, partial and full bars', () => {
    expect(renderBar(0, 10, 10)).toBe('[----------] 0%');
    expect(renderBar(7, 10, 10)).toBe('[#######---] 70%');
    expect(renderBar(12, 10, 10)).toBe('[##########] 100%');
  });

  it('extrapolates the remaining time', () => {
    expect(etaMs(10_000, 1, 4)).toBe(30_000);
    expect(etaMs(10_000, 4, 4)).toBe(0);
  });
});
