// POST /api/v1/reviews answers per row in input order (created | duplicate | rejected), 201 only when something
// was created, accepts the lines `verdict export` writes; lists sort stably; critics carry their publication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { storeSiteData } from './store-site-data.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(async () => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('writes and lists over a store', () => {
  it('answers each row in input order, with 201 only when something was created', async () => {
    const app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL), keys: { verify: async (t) => (t === 'k' ? 'id' : null) } });
    const post = (body: unknown, type = 'application/json') =>
      app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': type, authorization: 'Bearer k' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const first = { text: 'A warm, funny film.', film: 'Toy Story 4', critic: 'Ann Critic', publication: 'Daily Planet', date: '2019-06-20', rating: '4/5', fresh: true };
    const a = await post(first);
    expect(a.status).toBe(201);
    const id1 = ((await a.json()) as Json).ids[0];

    const second = { text: 'Flat and tired.', film: 'Toy Story 4', critic: 'Bob Critic', date: '2019-06-21', rating: '1/5', fresh: false };
    const b = await post([first, second, { film: 'Toy Story 4' }]);
    expect(b.status).toBe(201);
    const body = (await b.json()) as Json;
    expect(body.results.map((r: Json) => [r.line, r.status])).toEqual([[1, 'duplicate'], [2, 'created'], [3, 'rejected']]);
    expect(body.results[0].id).toBe(id1);
    expect(body.ids[0]).toBe(id1);
    expect(body.results[2].reason).toMatch(/text/);

    const c = await post([first, second]);
    expect(c.status).toBe(200);
    expect(((await c.json()) as Json).results.map((r: Json) => r.status)).toEqual(['duplicate', 'duplicate']);

    // A line as `verdict export` writes it.
    const exported = { id: 'x', review: 'A quiet triumph.', movie_title: 'Toy Story 4', year: null, critic: 'Cy Critic', publication: 'The Ledger', fresh: 'fresh', rating: 'A-', rating_normalized: 91, date: '2019-06-22', top_critic: true, url: null, franchise: null, model_fresh: null, model_score: null, model_confidence: null, model_version: null };
    const d = await post(JSON.stringify(exported), 'application/x-ndjson');
    expect(d.status).toBe(201);
    expect(((await d.json()) as Json).results[0].status).toBe('created');

    const film = ((await (await app.request('/api/v1/films?q=toy')).json()) as Json).items[0];
    const reviews = async (sort: string) => ((await (await app.request(`/api/v1/films/${film.id}/reviews?sort=${sort}`)).json()) as Json).items.map((r: Json) => r.critic?.name);
    expect(await reviews('-date')).toEqual(['Cy Critic', 'Bob Critic', 'Ann Critic']);
    expect(await reviews('date')).toEqual(['Ann Critic', 'Bob Critic', 'Cy Critic']);
    expect(await reviews('-score')).toEqual(['Cy Critic', 'Ann Critic', 'Bob Critic']);
    expect(await reviews('top')).toEqual(['Cy Critic', 'Bob Critic', 'Ann Critic']);
    expect((await app.request(`/api/v1/films/${film.id}/reviews?sort=nope`)).status).toBe(400);
    const page = (await (await app.request(`/api/v1/films/${film.id}/reviews?sort=-score&limit=1&offset=1`)).json()) as Json;
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.items[0].critic.name).toBe('Ann Critic');

    const critics = ((await (await app.request('/api/v1/critics')).json()) as Json).items;
    expect(critics.find((x: Json) => x.name === 'Ann Critic').publication).toBe('Daily Planet');
    const titles = ((await (await app.request('/api/v1/films?sort=title')).json()) as Json).items.map((f: Json) => f.title);
    expect(titles).toEqual([...titles].sort());
  });
});
