import { describe, expect, it } from 'vitest';
import { formatTimestamp, logLine, parseTimestamp } from '../src/timestamp.ts';

describe('timestamps', () => {
  it('formats a timestamp with three-digit milliseconds', () => {
    expect(formatTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('2024-01-02T03:04:05.678Z');
  });

  it('pads small millisecond values', () => {
    expect(formatTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 7))).toBe('2024-01-02T03:04:05.007Z');
  });

  it('parses a timestamp', () => {
    expect(parseTimestamp('2023-12-31T23:59:59.250Z')).toBe(Date.UTC(2023, 11, 31, 23, 59, 59, 250));
  });

  it('rejects other formats', () => {
    expect(() => parseTimestamp('2023-12-31 23:59:59')).toThrow('invalid timestamp');
  });

  it('formats a log line', () => {
    expect(logLine('warn', 'disk almost full', Date.UTC(2024, 5, 1, 12, 0, 0, 500))).toBe(
      '2024-06-01T12:00:00.500Z WARN  disk almost full',
    );
  });
});
