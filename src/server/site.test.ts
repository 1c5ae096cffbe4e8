import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { FilmDetailSchema, FilmListSchema, ReviewDetailSchema, ReviewListSchema } from './api/dto.ts';
import { createApp } from './app.ts';
import { fixtureData } from './fixtures.ts';
import type { KeyStore } from './site-data.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (r: Response): Promise<Json> => r.json();
const keys: KeyStore = { verify: async (t) => (t === 'good-key' ? 'k1' : null) };
const app = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys });
const get = (p: string) => app.request(p);

describe('read API', () => {
  it('lists and searches films', async () => {
    const all = await json(await get('/api/v1/films'));
    expect(FilmListSchema.safeParse(all).success).toBe(true);
    expect(all.total).toBe(2);
    const some = await json(await get('/api/v1/films?q=toy%20story%204'));
    expect(some.items.map((f: { id: string }) => f.id)).toEqual(['toy-story-4']);
  });
  it('returns a film consensus and 404 problems for unknown ids', async () => {
    const f = await json(await get('/api/v1/films/toy-story-4'));
    expect(FilmDetailSchema.safeParse(f).success).toBe(true);
    expect(f.consensus.interval).toEqual({ low: 0.21, high: 0.94 });
    const r = await get('/api/v1/films/nope');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
  });
  it.each([
    ['', ['r1', 'r2', 'r3']],
    ['?fresh=rotten', ['r2']],
    ['?top=true', ['r1']],
    ['?fresh=fresh&limit=1&offset=1', ['r3']],
    ['?aspect=story', []],
  ])('filters and pages reviews %s', async (qs, ids) => {
    const p = await json(await get(`/api/v1/films/toy-story-4/reviews${qs}`));
    expect(ReviewListSchema.safeParse(p).success).toBe(true);
    expect(p.items.map((r: { id: string }) => r.id)).toEqual(ids);
  });
  it('rejects bad query parameters with a 400 naming the field', async () => {
    const r = await get('/api/v1/films/toy-story-4/reviews?limit=1000&aspect=smell');
    expect(r.status).toBe(400);
    const p = await json(r);
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['aspect', 'limit']);
  });
  it('returns a review with its card, critics and franchises', async () => {
    expect(ReviewDetailSchema.safeParse(await json(await get('/api/v1/reviews/r1'))).success).toBe(true);
    expect((await json(await get('/api/v1/critics/ann-critic'))).meanOffset).toBe(6.5);
    expect((await json(await get('/api/v1/critics/ann-critic/reviews'))).total).toBe(3);
    expect((await json(await get('/api/v1/franchises'))).items[0].id).toBe('toy-story');
    expect((await json(await get('/api/v1/franchises/toy-story'))).timeline.map((t: { title: string }) => t.title)).toEqual(['Toy Story', 'Toy Story 4']);
  });
});

describe('write API', () => {
  const body = { text: 'A fine film.', film: 'Toy Story 4' };
  const post = (init: RequestInit) => app.request('/api/v1/reviews', { method: 'POST', ...init });
  it('refuses writes without a key or with a wrong key', async () => {
    const none = await post({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    const wrong = await post({ headers: { 'content-type': 'application/json', authorization: 'Bearer bad' }, body: JSON.stringify(body) });
    expect(wrong.status).toBe(401);
  });
  it('stores a review with a key', async () => {
    const r = await post({ headers: { 'content-type': 'application/json', authorization: 'Bearer good-key' }, body: JSON.stringify(body) });
    expect(r.status).toBe(201);
    expect((await json(r)).imported).toBe(1);
  });
  it('imports JSON Lines, reporting each bad line', async () => {
    const lines = [JSON.stringify(body), '{oops', JSON.stringify({ film: 'X' }), '', JSON.stringify({ ...body, text: 'Another.' })].join('\n');
    const r = await post({ headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer good-key' }, body: lines });
    expect(r.status).toBe(201);
    const out = await json(r);
    expect(out.imported).toBe(2);
    expect(out.rejected.map((x: { line: number }) => x.line)).toEqual([2, 3]);
    expect(out.rejected[1].reason).toMatch(/text/);
  });
  it('answers 422 when no row is usable', async () => {
    const r = await post({ headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer good-key' }, body: '{"film":"x"}\n' });
    expect(r.status).toBe(422);
  });
  it('limits the body size of writes', async () => {
    const small = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys, config: { maxWriteBytes: 100 } });
    const r = await small.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer good-key' }, body: JSON.stringify({ ...body, text: 'x'.repeat(500) }) });
    expect(r.status).toBe(413);
  });
});

describe('pages', () => {
  it('home shows the search box, top films and franchises', async () => {
    const h = await (await get('/')).text();
    expect(h).toContain('data-instant="home-search-results"');
    expect(h).toContain('href="/films/toy-story-4"');
    expect(h).toContain('href="/franchises/toy-story"');
    expect(h).toMatch(/<main id="main">/);
    expect(h).toMatch(/<nav aria-label="Main">/);
  });
  it('search results work without script', async () => {
    const h = await (await get('/films?q=Toy+Story+4')).text();
    expect(h).toContain('Films matching “Toy Story 4”');
    expect(h).toContain('href="/films/toy-story-4"');
    expect(h).not.toContain('href="/films/toy-story"');
  });
  it('film page shows share, interval, score band, charts, consensus, quotes and filters', async () => {
    const r = await get('/films/toy-story-4');
    expect(r.status).toBe(200);
    const h = await r.text();
    expect(h).toContain('67%');
    expect(h).toContain('95% interval 21%–94% (Wilson)');
    expect(h).toContain('Generally favourable');
    expect(h).toContain('top critics count 2×');
    expect(h).toContain('data-chart="histogram"');
    expect(h).toContain('data-chart="aspects"');
    expect(h).toContain('A fun ride with superb action.');
    expect(h).toMatch(/<label for="f-fresh">/);
    // r3's snippet holds a spoiler: hidden behind the page's toggle.
    expect(h).toContain('<input type="checkbox" class="spoiler-toggle" id="film-spoilers">');
    expect(h).toContain('<span class="spoiler-body">A delight.</span>');
    expect((await (await get('/films/toy-story-4?fresh=rotten&top=&aspect=')).text()).match(/data-testid="review-item"/g)).toHaveLength(1);
  });
  it('pages through reviews', async () => {
    const small = createApp({ model: EMPTY_MODEL, data: fixtureData(), config: { pageSize: 2 } });
    const h = await (await small.request('/films/toy-story-4')).text();
    expect(h.match(/data-testid="review-item"/g)).toHaveLength(2);
    expect(h).toContain('href="/films/toy-story-4?offset=2"');
  });
  it.each(['/reviews/r1', '/films/toy-story-4', '/critics', '/critics/evil', '/critics/ann-critic'])('escapes user content on %s', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    const h = await r.text();
    expect(h).not.toMatch(/<script>alert/);
    expect(h).not.toMatch(/<img src=x/i);
    expect(h).not.toMatch(/<b>Weekly/);
    expect(h).not.toMatch(/href="javascript:/i);
    expect(h).not.toMatch(/<[^>]*\son[a-z]+=/i); // event-handler attributes only inside real tags; escaped text is harmless
  });
  it('review page highlights evidence and neutralises a javascript: link', async () => {
    const h = await (await get('/reviews/r1')).text();
    expect(h).toContain('<mark class="ev ev-pos"');
    expect(h).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(h).toContain('<a href="#" rel="nofollow noopener noreferrer">original</a>');
  });
  it('critic page states leniency; franchise page ranks and orders', async () => {
    const ann = await (await get('/critics/ann-critic')).text();
    expect(ann).toContain('6.5 points more generous than the consensus');
    // Ann's profile read 2 of her 3 reviews (a prolific critic's reads the latest 500), and the page says so.
    expect(ann).toContain('(the figures below read the latest 2)');
    expect(await (await get('/critics/evil')).text()).not.toContain('data-testid="profile-sample"');
    const f = await (await get('/franchises/toy-story')).text();
    expect(f).toContain('data-testid="franchise-ranking"');
    expect(f).toMatch(/franchise-timeline[\s\S]*Toy Story<\/a><\/li><li><a href="\/films\/toy-story-4">Toy Story 4/);
  });
  it('answers unknown films with an HTML 404', async () => {
    const r = await get('/films/nope');
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('Film not found');
  });
});

describe('page weight budget', () => {
  it('film page HTML + CSS + JS stays under 100 KB', async () => {
    const h = await (await get('/films/toy-story-4')).text();
    const assets = [...h.matchAll(/(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    let bytes = Buffer.byteLength(h);
    for (const a of assets) bytes += (await (await get(a)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(100 * 1024);
  });
});

describe('OpenAPI with the whole API', () => {
  it('validates and documents every route, with security on writes', async () => {
    const doc = await json(await get('/api/v1/openapi.json'));
    const res = await new Validator().validate(doc);
    expect(res.errors ?? []).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/films', '/api/v1/films/{id}', '/api/v1/films/{id}/reviews', '/api/v1/reviews/{id}', '/api/v1/critics/{id}', '/api/v1/franchises/{id}', '/api/v1/reviews']));
    expect(doc.paths['/api/v1/reviews'].post.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/api/v1/films/{id}/reviews'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'fresh', 'top', 'aspect', 'sort', 'limit', 'offset']);
  });
});
