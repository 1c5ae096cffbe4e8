// Walks the OpenAPI document: every documented route is called and must answer with a documented status and a
// body matching its schema (the zod schema the document was generated from); GETs carry an ETag and answer 304
// to If-None-Match; large bodies are compressed; CORS answers preflights for configured origins; a known path
// with another method is 405 with Allow.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { createApp, operations } from './app.ts';
import { fixtureData } from './fixtures.ts';
import type { KeyStore } from './site-data.ts';

const keys: KeyStore = { verify: async (t) => (t === 'good-key' ? 'k1' : null) };
const ORIGIN = 'https://client.example';
const app = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys, config: { corsOrigins: [ORIGIN] } });
const plain = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const IDS: Record<string, string> = { films: 'toy-story-4', reviews: 'r1', critics: 'ann-critic', franchises: 'toy-story', publications: 'daily' };
/** Routes that need a query to answer 200. */
const QUERIES: Record<string, string> = { '/api/v1/compare': '?films=toy-story-4,toy-story' };
const concrete = (path: string): string => path.replace(/\/([a-z]+)\/\{id\}/g, (_m, kind: string) => `/${kind}/${IDS[kind] ?? 'x'}`) + (QUERIES[path] ?? '');

const REQUESTS: Record<string, () => RequestInit> = {
  'post /api/v1/analyze': () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'A superb, thrilling film. The acting is great.' }),
  'post /api/v1/reviews': () => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer good-key' }, body: JSON.stringify([{ text: 'Loved it, a joyous film.', film: 'Toy Story 4' }]) }),
};

describe('the OpenAPI document, walked', async () => {
  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
  const ops = operations();
  const all = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m, path] as const));
  // The editors' operations (sessions, CSRF, the queue and corrections) have their own tests; the rest are walked here.
  const editorOnly = (method: string, path: string): boolean => /queue|corrections|merge|split|publish|\/franchise$|\/auth|\/session|\/users/.test(path) || method === 'patch' || method === 'put' || method === 'delete';
  const cases = all.filter(([m, p]) => !editorOnly(m, p));

  it('documents every operation the app declares', () => {
    expect(all.length).toBe(ops.length);
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s %s answers as documented', async (method, path) => {
    const op = ops.find((o) => o.method === method && o.path === path)!;
    const init = REQUESTS[`${method} ${path}`]?.() ?? { method: method.toUpperCase() };
    const r = await app.request(concrete(path), init);
    const documented = Object.keys(doc.paths[path][method].responses);
    expect(documented, `${r.status} is not documented for ${method} ${path}`).toContain(String(r.status));
    expect(r.status).toBeLessThan(300);
    const schema = op.responses[String(r.status)]?.schema as z.ZodType | undefined;
    const body = (await r.json()) as Json;
    if (schema) {
      const parsed = schema.safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    }
    if (method === 'get') {
      const tag = r.headers.get('etag');
      expect(tag).toBeTruthy();
      expect(r.headers.get('cache-control')).toBeTruthy();
      const again = await app.request(concrete(path), { headers: { 'if-none-match': tag! } });
      expect(again.status).toBe(304);
      const cors = await app.request(concrete(path), { headers: { origin: ORIGIN } });
      expect(cors.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    }
  });

  it('compresses large answers for clients that accept it', async () => {
    const r = await app.request('/api/v1/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    const page = await app.request('/api/v1/films/toy-story-4/reviews', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect((JSON.parse(gunzipSync(Buffer.from(await page.arrayBuffer())).toString('utf8')) as Json).items.length).toBeGreaterThan(0);
  });

  it('answers CORS preflights for configured origins only, and has no CORS by default', async () => {
    const pre = await app.request('/api/v1/reviews', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const other = await app.request('/api/v1/films', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const off = await plain.request('/api/v1/films', { headers: { origin: ORIGIN } });
    expect(off.headers.get('access-control-allow-origin')).toBeNull();
    const offPre = await plain.request('/api/v1/films', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(offPre.status).toBe(405);
  });

  it('answers 405 with Allow for a known path asked with another method', async () => {
    const r = await plain.request('/api/v1/films', { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const w = await plain.request('/api/v1/reviews', { method: 'GET' });
    expect(w.status).toBe(405);
    expect(w.headers.get('allow')).toBe('POST');
    expect((await plain.request('/api/v1/nothing-here', { method: 'DELETE' })).status).toBe(404);
  });

  it('serves the card JSON Schema it documents', async () => {
    const s = (await (await app.request('/api/v1/schemas/card.v1.json')).json()) as Json;
    expect(s.title).toBe('card.v1');
  });

  it('documents the write body as one review or an array', () => {
    const body = doc.paths['/api/v1/reviews'].post.requestBody.content['application/json'].schema;
    expect(body.$ref).toBe('#/components/schemas/NewReviews');
    expect(JSON.stringify(doc.components.schemas.NewReviews)).toMatch(/"type":"array"/);
  });
});
