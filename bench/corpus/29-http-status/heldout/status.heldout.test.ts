import { describe, expect, it } from 'vitest';
import { describeStatus, isRetryable } from '../src/status.ts';

describe('isRetryable (held out)', () => {
  it('does not retry client errors other than 408 and 429', () => {
    for (const status of [400, 401, 403, 404, 405, 409, 410, 422, 451, 499]) expect(isRetryable(status)).toBe(false);
  });

  it('retries timeouts, rate limits and server errors', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryable(status)).toBe(true);
  });

  it('never retries successes or redirects', () => {
    for (const status of [200, 201, 301, 304]) expect(isRetryable(status)).toBe(false);
  });

  it('describes retryable statuses', () => {
    expect(describeStatus(503)).toBe('503 (server-error, retryable)');
    expect(describeStatus(403)).toBe('403 (client-error)');
  });
});
