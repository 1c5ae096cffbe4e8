import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { franchiseId } from '../app/franchise.ts';
import { storeSiteData } from './store-site-data.ts';
import { HOSTILE_TEXT } from './fixtures.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(async () => store.close());

describe('storeSiteData', () => {
  it('writes through the API, then reads films, consensus (cached), reviews, critics and franchises', async () => {
    const data = storeSiteData(store, EMPTY_MODEL);
    const keys = { verify: async (t: string) => (t === 'k' ? 'id' : null) };
    const app = createApp({ model: EMPTY_MODEL, data, keys });
    const rows = [
      { text: 'A warm, funny film.', film: 'Toy Story 4', year: 2019, critic: 'Ann Critic', publication: 'Daily', topCritic: true, fresh: true, rating: '4/5' },
      { text: HOSTILE_TEXT, film: 'Toy Story 4', year: 2019, critic: 'Bob', publication: '<b>Weekly</b>', fresh: false, url: 'javascript:alert(1)' },
      { text: 'A landmark.', film: 'Toy Story', year: 1995, critic: 'Ann Critic', fresh: true },
      // HTML whose cleaned text holds literal markup: the page must show it as text.
      { text: '<p>Fun &lt;script&gt;alert(5)&lt;/script&gt; and &lt;img src=y onerror=alert(6)&gt; <b>ok</b></p>', film: 'Toy Story', year: 1995, critic: 'Eve', fresh: true },
    ];
    const w = await app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer k' }, body: rows.map((r) => JSON.stringify(r)).join('\n') });
    expect(w.status).toBe(201);
    expect(((await w.json()) as { imported: number }).imported).toBe(4);
    const again = await app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify(rows[0]) });
    expect(((await again.json()) as { duplicates: number }).duplicates).toBe(1);

    // A lone surrogate or a NUL in any field is that row's reject (PostgreSQL would refuse the whole write).
    const bad = [{ text: 'Lone \ud800.', film: 'Up' }, { text: 'Fine film.', film: 'Up', critic: 'A\u0000B' }, { text: 'A good film.', film: 'Up' }];
    const b = await app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify(bad) });
    expect(b.status).toBe(201);
    const out = (await b.json()) as { imported: number; rejected: { line: number; reason: string }[] };
    expect(out.imported).toBe(1);
    expect(out.rejected.map((r) => [r.line, /E_INVALID_UNICODE|E_BINARY_INPUT/.exec(r.reason)?.[0]])).toEqual([[1, 'E_INVALID_UNICODE'], [2, 'E_BINARY_INPUT']]);

    const films = await data.films({ q: 'toy', limit: 10, offset: 0 });
    expect(films.items.map((f) => f.title).sort()).toEqual(['Toy Story', 'Toy Story 4']);
    const ts4 = films.items.find((f) => f.title === 'Toy Story 4')!;
    const detail = await data.film(ts4.id);
    expect(detail!.consensus).toMatchObject({ fresh: 1, counted: 2, share: 0.5, shareSource: 'labels' });
    expect((await store.getConsensus(ts4.id))?.reviewCount).toBe(2); // cached by the store

    const list = await data.filmReviews(ts4.id, { limit: 10, offset: 0 });
    expect(list.total).toBe(2);
    expect((await data.filmReviews(ts4.id, { fresh: 'rotten', limit: 10, offset: 0 })).items.map((r) => r.critic?.name)).toEqual(['Bob']);
    expect((await data.filmReviews(ts4.id, { top: true, limit: 10, offset: 0 })).items.map((r) => r.critic?.name)).toEqual(['Ann Critic']);

    const hostile = list.items.find((r) => r.critic?.name === 'Bob')!;
    const page = await (await app.request(`/reviews/${hostile.id}`)).text();
    expect(page).not.toMatch(/<script>alert/);
    expect(page).not.toMatch(/<img src=x/);
    expect(page).not.toMatch(/href="javascript:/);
    expect(page).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(page).toContain('Great fun.');
    const eve = (await data.filmReviews(films.items.find((f) => f.title === 'Toy Story')!.id, { limit: 10, offset: 0 })).items.find((r) => r.critic?.name === 'Eve')!;
    const evePage = await (await app.request(`/reviews/${eve.id}`)).text();
    expect(evePage).toContain('Fun &lt;script&gt;alert(5)&lt;/script&gt;');
    expect(evePage).not.toMatch(/<script>alert/);
    expect(evePage).not.toMatch(/<img src=y/);
    const filmPage = await (await app.request(`/films/${ts4.id}`)).text();
    expect(filmPage).not.toMatch(/<b>Weekly/);
    // The rendered film page is reused until the film gains a review.
    expect((await app.request(`/films/${ts4.id}`)).headers.get('x-cache')).toBe('hit');
    const more = await app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify({ text: 'Lovely.', film: 'Toy Story 4', year: 2019, critic: 'Cy', fresh: true }) });
    expect(more.status).toBe(201);
    const fresh = await app.request(`/films/${ts4.id}`);
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(await fresh.text()).toContain('2 of 3 reviews fresh');

    const critics = await data.critics({ limit: 10, offset: 0 });
    const ann = critics.items.find((c) => c.name === 'Ann Critic')!;
    expect(ann.reviews).toBe(2);
    expect(critics.total).toBe(4);
    expect(await data.critic(ann.id)).toMatchObject({ name: 'Ann Critic', publication: 'Daily', reviews: 2 });

    await store.setFranchise(ts4.id, 'Toy Story', 4);
    const fr = await data.franchises();
    expect(fr).toEqual([{ id: franchiseId('Toy Story'), name: 'Toy Story', films: 1 }]);
    expect((await data.franchise(fr[0]!.id))!.ranking.map((f) => f.title)).toEqual(['Toy Story 4']);
  });
});
