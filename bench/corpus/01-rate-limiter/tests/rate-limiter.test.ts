import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows the first request and reports what is left', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    expect(limiter.check('a', 0)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
  });

  it('allows up to the limit inside one window', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    const results = [0, 10, 20].map((t) => limiter.check('a', t).allowed);
    expect(results).toEqual([true, true, true]);
  });

  it('blocks the request after the limit', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    for (const t of [0, 10, 20]) limiter.check('a', t);
    expect(limiter.check('a', 30).allowed).toBe(false);
  });

  it('keeps clients independent', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    limiter.check('a', 0);
    expect(limiter.check('b', 5).allowed).toBe(true);
  });

  it('allows again once the window has passed', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    limiter.check('a', 0);
    limiter.check('a', 100);
    expect(limiter.check('a', 1100).allowed).toBe(true);
  });

  it('forgets a client on reset', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    limiter.check('a', 0);
    limiter.reset('a');
    expect(limiter.clients()).toEqual([]);
  });

  it('rejects a zero limit', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
  });
});
