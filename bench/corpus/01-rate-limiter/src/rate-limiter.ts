export interface RateLimitOptions {
  /** Maximum number of requests allowed inside one window. */
  limit: number;
  windowMs: number;
}

export interface Decision {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

/** Sliding-window limiter keyed by client id; callers pass the clock so decisions are reproducible. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly options: RateLimitOptions;

  constructor(options: RateLimitOptions) {
    if (options.limit < 1 || options.windowMs <= 0) throw new RangeError('limit and windowMs must be positive');
    this.options = options;
  }

  check(client: string, now: number): Decision {
    const recent = this.recentHits(client, now);
    if (recent.length <= this.options.limit) {
      recent.push(now);
      this.hits.set(client, recent);
      return { allowed: true, remaining: this.options.limit - recent.length, retryAfterMs: 0 };
    }
    this.hits.set(client, recent);
    const oldest = recent[0] ?? now;
    return { allowed: false, remaining: 0, retryAfterMs: oldest + this.options.windowMs - now };
  }

  reset(client: string): void {
    this.hits.delete(client);
  }

  clients(): string[] {
    return [...this.hits.keys()];
  }

  private recentHits(client: string, now: number): number[] {
    const windowStart = now - this.options.windowMs;
    return (this.hits.get(client) ?? []).filter((t) => t > windowStart);
  }
}
