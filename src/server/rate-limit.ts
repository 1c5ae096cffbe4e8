/**
 * @module A fixed-window rate limiter per client key, in this process's memory. Hono ships none, and the
 * logic is a dozen lines; with several API processes, put the limit in the reverse proxy instead.
 */

interface RateDecision {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetS: number;
}

/** Counts requests per key in fixed windows; `now` is passed in so tests need no clock. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly hits = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Count one request for `key` at time `now` (ms) and say whether it is allowed. */
  hit(key: string, now: number): RateDecision {
    if (now - this.lastSweep > this.windowMs) this.sweep(now);
    let e = this.hits.get(key);
    if (!e || now - e.start >= this.windowMs) {
      e = { start: now, count: 0 };
      this.hits.set(key, e);
    }
    e.count++;
    const resetS = Math.max(0, Math.ceil((e.start + this.windowMs - now) / 1000));
    return { ok: e.count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - e.count), resetS };
  }

  /** Forget expired windows so memory stays bounded by the clients of one window. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, e] of this.hits) if (now - e.start >= this.windowMs) this.hits.delete(k);
  }
}
