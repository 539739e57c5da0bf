import { describe, expect, it } from 'vitest';
import { delayFor, worstCaseWaitMs } from '../src/retry.ts';

describe('backoff (held out)', () => {
  it('caps the delay at maxDelayMs', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000, factor: 2, maxAttempts: 10 };
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => delayFor(n, options))).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('supports other factors', () => {
    const options = { baseDelayMs: 50, maxDelayMs: 100_000, factor: 3, maxAttempts: 5 };
    expect(delayFor(2, options)).toBe(450);
  });

  it('a constant backoff stays at the base', () => {
    const options = { baseDelayMs: 250, maxDelayMs: 10_000, factor: 1, maxAttempts: 4 };
    expect(worstCaseWaitMs(options)).toBe(750);
  });

  it('sums the worst-case waiting time', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 300, factor: 2, maxAttempts: 5 };
    expect(worstCaseWaitMs(options)).toBe(100 + 200 + 300 + 300);
  });
});
