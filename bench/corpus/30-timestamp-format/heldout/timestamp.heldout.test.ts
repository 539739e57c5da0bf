import { describe, expect, it } from 'vitest';
import { formatTimestamp, logLine, parseTimestamp, sortLogLines } from '../src/timestamp.ts';

describe('timestamps (held out)', () => {
  it('matches Date#toISOString', () => {
    const samples = [0, 1, 9, 10, 99, 100, 999, 1_700_000_000_123, 1_700_000_000_050, 951_782_400_004];
    for (const ms of samples) expect(formatTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it('round-trips', () => {
    for (let ms = 1_600_000_000_000; ms < 1_600_000_000_000 + 2_000; ms += 37) {
      expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
    }
  });

  it('sorts log lines chronologically', () => {
    const lines = [30, 5, 200].map((ms) => logLine('info', `at ${ms}`, Date.UTC(2024, 0, 1, 0, 0, 0, ms)));
    expect(sortLogLines(lines).map((l) => l.split(' ').pop())).toEqual(['5', '30', '200']);
  });
});
