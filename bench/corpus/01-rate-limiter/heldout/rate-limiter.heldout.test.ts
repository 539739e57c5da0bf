import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limiter.ts';

describe('RateLimiter (held out)', () => {
  it('with limit 1 blocks the second request in the window', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 500 });
    expect(limiter.check('a', 0).allowed).toBe(true);
    expect(limiter.check('a', 499).allowed).toBe(false);
  });

  it('counts remaining down to zero and never below', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    const remaining = [0, 1, 2, 3, 4].map((t) => limiter.check('a', t).remaining);
    expect(remaining).toEqual([2, 1, 0, 0, 0]);
  });

  it('tells a blocked client when the oldest hit leaves the window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    limiter.check('a', 100);
    limiter.check('a', 300);
    expect(limiter.check('a', 600)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500 });
  });

  it('does not count blocked requests against the window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    limiter.check('a', 0);
    limiter.check('a', 10);
    for (let t = 20; t < 1000; t += 100) expect(limiter.check('a', t).allowed).toBe(false);
    expect(limiter.check('a', 1005).allowed).toBe(true);
    expect(limiter.check('a', 1008).allowed).toBe(false);
  });

  it('admits exactly limit requests per window over a long run', () => {
    const limiter = new RateLimiter({ limit: 5, windowMs: 100 });
    let allowed = 0;
    for (let t = 0; t < 1000; t++) if (limiter.check('a', t).allowed) allowed++;
    expect(allowed).toBe(50);
  });

  it('a hit exactly windowMs ago no longer counts', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    limiter.check('a', 0);
    expect(limiter.check('a', 1000).allowed).toBe(true);
  });
});
