import { describe, expect, it } from 'vitest';
import { describeStatus, isRetryable, retryAfterMs, statusClass } from '../src/status.ts';

describe('http status', () => {
  it('classifies statuses', () => {
    expect([101, 204, 301, 404, 503].map(statusClass)).toEqual([
      'informational', 'success', 'redirect', 'client-error', 'server-error',
    ]);
  });

  it('rejects impossible statuses', () => {
    expect(() => statusClass(600)).toThrow(RangeError);
  });

  it('retries server errors and rate limits', () => {
    expect(isRetryable(503)).toBe(true);
    expect(isRetryable(429)).toBe(true);
  });

  it('does not retry 501', () => {
    expect(isRetryable(501)).toBe(false);
  });

  it('does not retry a missing resource', () => {
    expect(isRetryable(404)).toBe(false);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 0))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('describes success plainly', () => {
    expect(describeStatus(200)).toBe('200 (success)');
  });
});
