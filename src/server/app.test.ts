import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { ReviewCardSchema } from './api/card-schema.ts';
import { createApp, type AppDeps } from './app.ts';

const BALLERINA = readFileSync(new URL('../../examples/ballerina.txt', import.meta.url), 'utf8');

function makeApp(extra: Partial<AppDeps> = {}) {
  return createApp({ model: EMPTY_MODEL, examples: { ballerina: BALLERINA }, ...extra });
}
// Responses are checked field by field below; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (r: Response): Promise<Json> => r.json();
const postJson = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/v1/analyze', () => {
  const app = makeApp();
  it('returns a card that matches the published schema', async () => {
    const r = await app.request('/api/v1/analyze', postJson({ text: BALLERINA, title: 'Ballerina' }));
    expect(r.status).toBe(200);
    const card = await json(r);
    expect(ReviewCardSchema.safeParse(card).success).toBe(true);
    expect(card.text).toContain('Ana de Armas');
  });
  it('takes a raw text/markdown body', async () => {
    const r = await app.request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: '# Title\n\nA *fine* film.' });
    expect(r.status).toBe(200);
    expect((await json(r)).format).toBe('markdown');
  });
  it.each([
    ['empty text', postJson({ text: '  \n ' }), 422, 'E_EMPTY_TEXT'],
    ['broken JSON', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' }, 400, 'E_BAD_JSON'],
    ['binary body', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: new Uint8Array([65, 0, 66]) }, 422, 'E_BINARY_INPUT'],
    ['invalid UTF-8', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: new Uint8Array([65, 0xc3, 0x28]) }, 422, 'E_INVALID_UTF8'],
    ['a NUL in JSON text (not turned into a space)', postJson({ text: 'A fine\u0000 film.' }), 422, 'E_BINARY_INPUT'],
    ['a lone surrogate in JSON text', postJson({ text: 'Lone \ud800 here.' }), 422, 'E_INVALID_UNICODE'],
  ])('answers %s with a problem document', async (_name, init, status, code) => {
    const r = await app.request('/api/v1/analyze', init as RequestInit);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const p = await json(r);
    expect(p).toMatchObject({ status, code, instance: '/api/v1/analyze' });
    expect(typeof p.detail).toBe('string');
    expect(JSON.stringify(p)).not.toMatch(/at .*\.ts:\d+/);
  });
  it('lists schema violations', async () => {
    const r = await app.request('/api/v1/analyze', postJson({ text: 42, format: 'pdf' }));
    expect(r.status).toBe(422);
    const p = await json(r);
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['format', 'text']);
  });
  it('refuses other media types with 415', async () => {
    const r = await app.request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(r.status).toBe(415);
  });
  it('refuses a body over the limit with 413', async () => {
    const small = makeApp({ config: { maxAnalyzeBytes: 1000 } });
    const r = await small.request('/api/v1/analyze', postJson({ text: 'x'.repeat(5000) }));
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
  });
  it('rate-limits per client with 429 and Retry-After', async () => {
    const limited = makeApp({ config: { analyzeRate: { limit: 2, windowMs: 60_000 } }, now: () => 0 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await limited.request('/api/v1/analyze', postJson({ text: 'Fine.' }));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.headers.get('retry-after')).toBe('60');
  });
});

describe('headers and errors', () => {
  const app = makeApp();
  it('sends a CSP without unsafe-inline or unsafe-eval scripts', async () => {
    const r = await app.request('/');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
  it('answers unknown API paths with a 404 problem and unknown pages with an HTML 404', async () => {
    const a = await app.request('/api/v1/nothing');
    expect(a.status).toBe(404);
    expect(a.headers.get('content-type')).toBe('application/problem+json');
    const p = await app.request('/nothing');
    expect(p.status).toBe(404);
    expect(p.headers.get('content-type')).toMatch(/text\/html/);
  });
  it('serves hashed static assets with long cache headers and 304 on revalidation', async () => {
    const home = await (await app.request('/')).text();
    const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(home)![1]!;
    const r = await app.request(css);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('immutable');
    const again = await app.request(css, { headers: { 'if-none-match': r.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await app.request('/static/app.0000000000.css')).status).toBe(404);
  });
  it('pages have no inline scripts and no external resources', async () => {
    const body = await (await app.request('/analyze?example=ballerina')).text();
    for (const m of body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/src="\/static\//);
      expect(m[2]).toBe('');
    }
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(body).not.toMatch(/\son[a-z]+="/);
  });
});

describe('analyse page', () => {
  const app = makeApp();
  it('shows the form and the one-click Ballerina example', async () => {
    const body = await (await app.request('/analyze')).text();
    expect(body).toContain('<form class="analyze-form"');
    expect(body).toContain('href="/analyze?example=ballerina"');
    expect(body).toMatch(/<label for="review-text">/);
  });
  it('analyses the Ballerina example on the same page', async () => {
    const body = await (await app.request('/analyze?example=ballerina')).text();
    expect(body).toContain('data-testid="card"');
    expect(body).toContain('Ana de Armas');
  });
  it('escapes hostile review text', async () => {
    const fd = new FormData();
    fd.set('text', 'A film. <script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>');
    const r = await app.request('/analyze', { method: 'POST', body: fd });
    expect(r.status).toBe(200);
    const body = await r.text();
    expect(body).not.toContain('<script>alert(1)');
    expect(body).not.toMatch(/<img src=x/);
    expect(body).not.toMatch(/<a href="javascript:/);
    expect(body).toContain('&lt;script&gt;alert(1)');
  });
  it('reads an uploaded file and reports empty input in the page', async () => {
    const fd = new FormData();
    fd.set('text', '');
    fd.set('file', new File(['Ballerina is a blast.'], 'r.txt', { type: 'text/plain' }));
    expect(await (await app.request('/analyze', { method: 'POST', body: fd })).text()).toContain('Ballerina is a blast.');
    const empty = new FormData();
    empty.set('text', '   ');
    const r = await app.request('/analyze', { method: 'POST', body: empty });
    expect(r.status).toBe(422);
    expect(await r.text()).toContain('data-testid="analyze-error"');
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const app = makeApp();
    const r = await app.request('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = await json(r);
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths['/api/v1/analyze'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AnalyzeRequest' });
  });
  it('every $ref resolves', async () => {
    const doc = await json(await makeApp().request('/api/v1/openapi.json'));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const id of refs) expect(doc.components.schemas[id], id).toBeDefined();
  });
});
