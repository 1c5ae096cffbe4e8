/**
 * @module HTTP conventions of the API (and, where they apply, the pages): CORS for configured origins (off by
 * default), ETag + Cache-Control with 304s on GETs, compression, and 405 with `Allow` for a known path asked with
 * the wrong method.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';

/** Methods a cross-origin client may use: every method the API has routes for (the contract test checks it). */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'OPTIONS'] as const;
/** Headers clients send: the key, the body's type, revalidation, and a session's CSRF token. */
export const CORS_HEADERS = ['Authorization', 'Content-Type', 'If-None-Match', 'X-CSRF-Token'] as const;

/** CORS on /api/* for `origins` ("*" allows any); nothing when the list is empty (the default). */
export function corsFor(origins: readonly string[]): MiddlewareHandler | null {
  if (origins.length === 0) return null;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: [...CORS_METHODS],
    allowHeaders: [...CORS_HEADERS],
    exposeHeaders: ['ETag', 'Retry-After', 'Location'],
    maxAge: 600,
  });
}

/**
 * GET answers of the API carry a weak ETag and `Cache-Control: no-cache` (cache, but revalidate: a conditional
 * request costs a 304 and no body) unless the route set its own; `If-None-Match` gets a 304.
 */
export function conditionalGets(): MiddlewareHandler {
  const tag = etag({ weak: true });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    await tag(c, async () => {
      await next();
      if (c.res.status === 200 && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-cache');
    });
  };
}

/** gzip or deflate for bodies over 1 KB when the client accepts them (hono/compress, CompressionStream). */
export function compression(): MiddlewareHandler {
  return compress({ threshold: 1024 });
}

function pattern(path: string): RegExp {
  const body = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+').replace(/\*/g, '.*');
  return new RegExp(`^${body}/?$`);
}

/** The methods the app answers on `path` (HEAD with GET, OPTIONS where CORS is on). */
export function allowedMethods(app: Hono, path: string, withOptions: boolean): string[] {
  const methods = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    if (pattern(r.path).test(path)) methods.add(r.method);
  }
  if (methods.size === 0) return [];
  if (methods.has('GET')) methods.add('HEAD');
  if (withOptions) methods.add('OPTIONS');
  return [...methods].sort();
}

/** A 404 that is really a 405: the path exists with other methods. Returns the Allow list, or null. */
export function methodNotAllowed(app: Hono, c: Context, withOptions: boolean): string[] | null {
  const allow = allowedMethods(app, c.req.path, withOptions);
  return allow.length > 0 && !allow.includes(c.req.method) ? allow : null;
}
