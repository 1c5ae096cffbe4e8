// What a new user's pass over the API found, each pinned: writes go through the import's row checks (a bad date is
// rejected with E_BAD_DATE, as `verdict import` rejects it), every form takes the import's column names for the
// film, an unknown review's sub-resources are 404, bodies with unknown fields are refused by name with one status
// rule (400 unreadable, 422 well-formed but invalid), and CORS preflights allow every method and header the API uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { createApiKey } from '../app/api-keys.ts';
import { readJsonl } from '../node/readers/jsonl.ts';
import { Readable } from 'node:stream';
import { openStore } from '../store/open.ts';
import { testCard } from '../store/store.case.test.ts';
import type { Store } from '../store/store.ts';
import { createApp, operations } from './app.ts';
import { storeEditorData } from './editor/editor-data.ts';
import { CORS_METHODS } from './http-conventions.ts';
import { storeSiteData } from './store-site-data.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let key = '';
let reviewId = '';
let filmId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-api-'));
  store = await openStore(join(dir, 'a.db'));
  const put = await store.putReviews([{ film: { title: 'Seeded Film', year: 2020 }, critic: 'Seed Critic', text: 'A seeded review, warm and winning.', card: testCard('A seeded review, warm and winning.') }]);
  reviewId = put.inserted[0]!;
  filmId = (await store.getReview(reviewId))!.filmId;
  key = (await createApiKey(store, 'editor key')).token;
  app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL), editor: storeEditorData(store), config: { corsOrigins: ['https://app.example'] } });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, type = 'application/json') =>
  app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('writes go through the import’s row checks', () => {
  it('rejects an impossible date with E_BAD_DATE and the import’s reason, and stores the rest', async () => {
    const bad = { text: 'ok, a fine film', film: 'Up', date: '2018-26-02' };
    const r = await post([bad, { text: 'A lovely film.', film: 'Up', date: 'Mar 27, 2023' }]);
    expect(r.status).toBe(201);
    const body: Json = await r.json();
    expect(body.results[0]).toMatchObject({ line: 1, status: 'rejected', code: 'E_BAD_DATE' });
    expect(body.rejected[0]).toMatchObject({ line: 1, code: 'E_BAD_DATE' });
    // The same reason the import gives for the same cell.
    const fromImport = [];
    for await (const item of readJsonl(Readable.from([Buffer.from(JSON.stringify(bad) + "\n")]), 'x.jsonl', { maxBytes: 1 << 20 })) fromImport.push(item);
    expect(fromImport[0]).toMatchObject({ kind: 'reject', code: 'E_BAD_DATE' });
    expect(body.results[0].reason).toBe((fromImport[0] as { reason: string }).reason);
    // Dates that are read are stored normalised, as the import stores them.
    expect((await store.getReview(body.results[1].id))?.date).toBe('2023-03-27');

    const alone = await post(bad);
    expect(alone.status).toBe(422);
    expect(((await alone.json()) as Json).code).toBe('E_BAD_DATE');
    const lines = await post(`${JSON.stringify(bad)}\n${JSON.stringify({ text: 'Whitespace text below.', film: 'Up' })}\n${JSON.stringify({ text: ' \n ', film: 'Up' })}\n`, 'application/x-ndjson');
    const lb: Json = await lines.json();
    expect(lb.results.map((x: Json) => x.code ?? x.status)).toEqual(['E_BAD_DATE', 'created', 'E_EMPTY_TEXT']);
  });

  it('takes the import’s column names for the film in every form (film, title, movie_title)', async () => {
    for (const [name, type] of [['film', 'application/json'], ['title', 'application/json'], ['movie_title', 'application/json'], ['title', 'application/x-ndjson'], ['movie_title', 'application/x-ndjson']] as const) {
      const r = await post(JSON.stringify({ text: `Named by ${name} as ${type}: a joy.`, [name]: 'Alias Film' }), type);
      expect(r.status, `${name} as ${type}`).toBe(201);
    }
    const films: Json = await (await app.request('/api/v1/films?q=alias')).json();
    expect(films.items).toHaveLength(1);
    expect(films.items[0].reviews).toBe(5);
    for (const name of ['title', 'film', 'movie_title']) {
      const a = await app.request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'A joyous, moving film.', [name]: 'Alias Film' }) });
      expect(a.status, name).toBe(200);
      expect(((await a.json()) as Json).film?.title, name).toBe('Alias Film');
    }
    // Documented in the schema.
    const doc: Json = await (await app.request('/api/v1/openapi.json')).json();
    expect(doc.components.schemas.NewReview.properties.film.description).toMatch(/title, movie_title/);
    expect(doc.components.schemas.NewReview.additionalProperties).toBe(false);
  });

  it('names an unknown field of a new review', async () => {
    const r = await post({ text: 'Fine.', film: 'Up', bogus: 1 });
    expect(r.status).toBe(422);
    expect(JSON.stringify(await r.json())).toMatch(/bogus/);
  });
});

describe('unknown ids', () => {
  it('answers 404 problem+json on every sub-resource of an unknown id', async () => {
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const asks: [string, RequestInit][] = [
      ['/api/v1/reviews/nope', {}],
      ['/api/v1/reviews/nope/corrections', {}],
      ['/api/v1/films/nope', {}],
      ['/api/v1/films/nope/reviews', {}],
      ['/api/v1/critics/nope', {}],
      ['/api/v1/critics/nope/reviews', {}],
      ['/api/v1/franchises/nope', {}],
      ['/api/v1/reviews/nope', { method: 'PATCH', headers: auth, body: '{"checked":true}' }],
      ['/api/v1/films/nope/merge', { method: 'POST', headers: auth, body: JSON.stringify({ into: filmId }) }],
      ['/api/v1/films/nope/split', { method: 'POST', headers: auth, body: JSON.stringify({ reviewIds: [reviewId], title: 'X' }) }],
      ['/api/v1/films/nope/franchise', { method: 'PUT', headers: auth, body: '{"franchise":null}' }],
      ['/api/v1/films/nope/publish', { method: 'POST', headers: auth, body: '{"published":true}' }],
      ['/api/v1/corrections/999999/undo', { method: 'POST', headers: auth, body: '{}' }],
    ];
    for (const [path, init] of asks) {
      const r = await app.request(path, init);
      expect(r.status, `${init.method ?? 'GET'} ${path}`).toBe(404);
      expect(r.headers.get('content-type'), path).toBe('application/problem+json');
    }
    expect((await app.request(`/api/v1/reviews/${reviewId}/corrections`)).status).toBe(200);
  });
});

describe('body errors: 400 unreadable, 422 well-formed but invalid, unknown fields named', () => {
  const auth = () => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  it('PATCH names an unknown field, with 422', async () => {
    const r = await app.request(`/api/v1/reviews/${reviewId}`, { method: 'PATCH', headers: auth(), body: '{"bogus":1}' });
    expect(r.status).toBe(422);
    const p: Json = await r.json();
    expect(p.detail).toMatch(/bogus/);
    expect(JSON.stringify(p.errors)).toMatch(/bogus/);
    const wrongType = await app.request(`/api/v1/reviews/${reviewId}`, { method: 'PATCH', headers: auth(), body: '{"fresh":"yes"}' });
    expect(wrongType.status).toBe(422);
    const unreadable = await app.request(`/api/v1/reviews/${reviewId}`, { method: 'PATCH', headers: auth(), body: '{"fresh":' });
    expect(unreadable.status).toBe(400);
    expect(((await unreadable.json()) as Json).code).toBe('E_BAD_JSON');
  });
  it('the same rule on the other routes with bodies', async () => {
    const cases: [string, string, string, number][] = [
      ['POST', '/api/v1/reviews', '{"text":', 400],
      ['POST', '/api/v1/reviews', '{"text":1,"film":"Up"}', 422],
      ['POST', '/api/v1/analyze', '{"text":', 400],
      ['POST', '/api/v1/analyze', '{"text":1}', 422],
      ['POST', `/api/v1/films/${filmId}/merge`, '{"into":', 400],
      ['POST', `/api/v1/films/${filmId}/merge`, '{"into":"x","bogus":1}', 422],
      ['PUT', `/api/v1/films/${filmId}/franchise`, '{"franchise":3}', 422],
      ['POST', `/api/v1/films/${filmId}/publish`, '{"published":"yes"}', 422],
    ];
    for (const [method, path, body, status] of cases) {
      const r = await app.request(path, { method, headers: auth(), body });
      expect(r.status, `${method} ${path} ${body}`).toBe(status);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('CORS', () => {
  it('a preflight allows every method the API documents and the headers clients send', async () => {
    const documented = new Set(operations().map((o) => o.method.toUpperCase()));
    for (const m of documented) expect(CORS_METHODS as readonly string[]).toContain(m);
    const pre = await app.request(`/api/v1/reviews/${reviewId}`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'x-csrf-token, content-type' } });
    expect(pre.status).toBe(204);
    const methods = pre.headers.get('access-control-allow-methods') ?? '';
    for (const m of ['GET', 'POST', 'PUT', 'PATCH']) expect(methods).toContain(m);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-csrf-token');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match');
  });
});
