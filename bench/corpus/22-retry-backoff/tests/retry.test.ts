import { describe, expect, it } from 'vitest';
import { delayFor, retry } from '../src/retry.ts';

const options = { baseDelayMs: 100, maxDelayMs: 5_000, factor: 2, maxAttempts: 4 };

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('backoff', () => {
  it('starts at the base delay', () => {
    expect(delayFor(0, options)).toBe(100);
  });

  it('grows exponentially', () => {
    expect(delayFor(3, options)).toBe(800);
  });

  it('returns the first success without waiting', async () => {
    const { waits, sleep } = recorder();
    expect(await retry(async () => 'ok', options, sleep)).toBe('ok');
    expect(waits).toEqual([]);
  });

  it('waits longer before each retry', async () => {
    const { waits, sleep } = recorder();
    const result = await retry(async (attempt) => {
      if (attempt < 2) throw new Error('busy');
      return attempt;
    }, options, sleep);
    expect(result).toBe(2);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { waits, sleep } = recorder();
    const failing = async (attempt: number): Promise<never> => {
      throw new Error(`fail ${attempt}`);
    };
    await expect(retry(failing, options, sleep)).rejects.toThrow('fail 3');
    expect(waits).toHaveLength(3);
  });
});
