/**
 * @module Cross-cutting middleware: rate limits and body limits that answer with problem details.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientAddress } from './client-address.ts';
import { ProblemError } from './problem.ts';
import { RateLimiter } from './rate-limit.ts';
import type { RateLimit } from './config.ts';

/** Limit requests per client; sets RateLimit-* headers and answers 429 with Retry-After when over. */
export function rateLimit(spec: RateLimit, trustProxy: boolean, now: () => number): MiddlewareHandler {
  const limiter = new RateLimiter(spec.limit, spec.windowMs);
  return async (c, next) => {
    const d = limiter.hit(clientAddress(c, trustProxy), now());
    c.header('RateLimit-Limit', String(d.limit));
    c.header('RateLimit-Remaining', String(d.remaining));
    c.header('RateLimit-Reset', String(d.resetS));
    if (!d.ok) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests', `at most ${d.limit} requests per ${Math.round(spec.windowMs / 1000)} s; retry in ${d.resetS} s`, {}, { 'Retry-After': String(d.resetS) });
    }
    await next();
  };
}

/** Refuse bodies over `maxBytes` (by Content-Length, or while streaming when there is none) with 413. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (_c: Context) => {
      throw new ProblemError(413, 'too-large', 'Request body too large', `the body is over the ${Math.round(maxBytes / 1024)} KB limit`);
    },
  });
}
