import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows `limit` hits per window and client, then refuses until the window ends', () => {
    const rl = new RateLimiter(3, 1000);
    expect([1, 2, 3].map(() => rl.hit('a', 0).ok)).toEqual([true, true, true]);
    const d = rl.hit('a', 500);
    expect(d.ok).toBe(false);
    expect(d.remaining).toBe(0);
    expect(d.resetS).toBe(1);
    expect(rl.hit('b', 500).ok).toBe(true);
    expect(rl.hit('a', 1000).ok).toBe(true);
  });
});
