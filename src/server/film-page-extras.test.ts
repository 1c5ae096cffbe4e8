// The film page at the aggregators' level (issue 13, item 5): top critics beside all critics, sortable reviews,
// publication pages, the compare view, and cast and crew from the reviews when the film index does not know the film.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewCard } from '../analyze/card.ts';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { openStore } from '../store/open.ts';
import type { NewReview, Store } from '../store/store.ts';
import { CompareSchema, FilmDetailSchema, PublicationDetailSchema, PublicationListSchema } from './api/dto.ts';
import { createApp } from './app.ts';
import { storeSiteData } from './store-site-data.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A minimal card: a verdict and the credits the text would give. */
function card(text: string, fresh: boolean, credits: ReviewCard['credits'] = []): ReviewCard {
  const all = { start: 0, end: text.length };
  return {
    version: 'test-1', format: 'text', text, sentences: [{ ...all, paragraph: 0, polarity: fresh ? 0.8 : -0.8 }], film: null, references: [], chronology: [], people: [], credits,
    verdict: { fresh, score: fresh ? 80 : 20, label: fresh ? 'positive' : 'negative', confidence: 0.9 }, rating: null, aspects: [], targets: [], quotes: [], spoilers: [],
  };
}
const credit = (person: string, role: 'cast' | 'director', character?: string) => ({ person, role, ...(character ? { character } : {}), evidence: { start: 0, end: 1 } });

let store: Store;
let app: ReturnType<typeof createApp>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  store = await openStore(':memory:');
  const film = { title: 'Extras Film', year: 2020 };
  const rows: NewReview[] = [
    // Top critics: 2 fresh of 3. Others: 1 fresh of 2. Scores 90, 70, 30 (top) and 60, 10.
    { film, text: 'Top one.', critic: 'Tia Top', publication: 'The Ledger', topCritic: true, label: true, rating: 90, date: '2020-01-03', card: card('Top one.', true, [credit('Dana Director', 'director'), credit('Cal Actor', 'cast', 'Hero')]) },
    { film, text: 'Top two.', critic: 'Tom Top', publication: 'The Ledger', topCritic: true, label: true, rating: 70, date: '2020-01-01', card: card('Top two.', true, [credit('Dana Director', 'director'), credit('Cal Actor', 'cast', 'Hero')]) },
    { film, text: 'Top three.', critic: 'Tia Top', publication: 'Weekly <b>Bold</b>', topCritic: true, label: false, rating: 30, date: '2020-01-05', card: card('Top three.', false, [credit('Cal Actor', 'cast')]) },
    { film, text: 'Other one.', critic: 'Olga Other', publication: 'The Ledger', label: true, rating: 60, date: '2020-01-02', card: card('Other one.', true, [credit('Stray Name', 'cast')]) },
    { film, text: 'Other two.', critic: 'Oscar Other', label: false, rating: 10, date: '2020-01-04', card: card('Other two.', false) },
    { film: { title: 'Second Film', year: 2021, franchise: 'Extras Saga' }, text: 'Second.', critic: 'Tia Top', publication: 'The Ledger', topCritic: true, label: true, rating: 85, card: card('Second.', true) },
    { film: { title: 'Second Film Returns', year: 2023, franchise: 'Extras Saga' }, text: 'Third.', critic: 'Olga Other', label: false, rating: 40, card: card('Third.', false) },
  ];
  const put = await store.putReviews(rows);
  ids.film = put.films[0]!;
  ids.second = put.films[1]!;
  ids.third = put.films[2]!;
  app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL) });
  ids.ledger = (await store.listPublications({ search: 'Ledger' })).items[0]!.id;
});
afterAll(async () => store.close());

const page = async (path: string): Promise<string> => {
  const r = await app.request(path);
  expect(r.status, path).toBe(200);
  return r.text();
};
const order = (body: string): string[] => [...body.matchAll(/<li data-testid="review-item">[\s\S]*?<strong>(\d+)<\/strong>\/100/g)].map((m) => m[1]!);

describe('film page extras', () => {
  it('gives the top critics their own share, count and interval, in the API and on the page', async () => {
    const f = (await (await app.request(`/api/v1/films/${ids.film}`)).json()) as Json;
    expect(FilmDetailSchema.safeParse(f).success).toBe(true);
    expect(f.consensus).toMatchObject({ fresh: 3, counted: 5 });
    expect(f.consensus.topCritics).toMatchObject({ reviews: 3, fresh: 2, counted: 3, share: 0.6667 });
    expect(f.consensus.topCritics.interval.low).toBeLessThan(0.6667);
    expect(f.consensus.topCritics.interval.high).toBeGreaterThan(0.6667);
    const body = await page(`/films/${ids.film}`);
    const block = /<div data-testid="top-critics-share">([\s\S]*?)<\/div>/.exec(body)![1]!;
    expect(block).toContain('67%');
    expect(block).toContain('2 of 3 fresh');
    expect(block).toMatch(/95% interval \d+%–\d+%/);
  });

  it.each([
    ['', ['30', '10', '90', '60', '70']],
    ['?sort=date', ['70', '60', '90', '10', '30']],
    ['?sort=-score', ['90', '70', '60', '30', '10']],
    ['?sort=score', ['10', '30', '60', '70', '90']],
    ['?sort=top', ['30', '90', '70', '10', '60']],
  ])('sorts the reviews %s, with links that keep the filters', async (qs, scores) => {
    const body = await page(`/films/${ids.film}${qs}`);
    expect(order(body)).toEqual(scores);
    const nav = /<nav class="sorts"[\s\S]*?<\/nav>/.exec(body)![0];
    expect(nav.match(/aria-current/g)).toHaveLength(1);
    expect(nav.match(/<a href=/g)).toHaveLength(4);
  });

  it('keeps the order with a filter and across the filter form', async () => {
    const body = await page(`/films/${ids.film}?fresh=fresh&sort=score`);
    expect(order(body)).toEqual(['60', '70', '90']);
    expect(body).toContain('<input type="hidden" name="sort" value="score">');
    expect(body).toMatch(/href="\/films\/[^"]+\?fresh=fresh&amp;sort=-score#reviews"/);
  });

  it('names the cast and crew from the reviews when the film is not in the film index (a person needs two reviews)', async () => {
    const f = (await (await app.request(`/api/v1/films/${ids.film}`)).json()) as Json;
    expect(f.index).toBeNull();
    expect(f.reviewCredits).toEqual([
      { name: 'Dana Director', role: 'director', reviews: 2 },
      { name: 'Cal Actor', role: 'cast', character: 'Hero', reviews: 3 },
    ]);
    const body = await page(`/films/${ids.film}`);
    expect(body).toMatch(/data-testid="film-cast">Cal Actor <span class="muted">as Hero<\/span>/);
    expect(body).toContain('data-testid="film-credits-source"');
    expect(body).not.toContain('Stray Name');
  });
});

describe('publication pages', () => {
  it('lists publications and shows one: critics, share fresh, leniency, reviews (escaped)', async () => {
    const list = (await (await app.request('/api/v1/publications')).json()) as Json;
    expect(PublicationListSchema.safeParse(list).success).toBe(true);
    expect(list.items.map((p: Json) => [p.name, p.reviews])).toEqual([
      ['The Ledger', 4],
      ['Weekly <b>Bold</b>', 1],
    ]);
    const p = (await (await app.request(`/api/v1/publications/${ids.ledger}`)).json()) as Json;
    expect(PublicationDetailSchema.safeParse(p).success).toBe(true);
    expect(p.critics.map((c: Json) => [c.name, c.reviews])).toEqual([
      ['Tia Top', 2],
      ['Olga Other', 1],
      ['Tom Top', 1],
    ]);
    expect(p.fresh).toMatchObject({ reviews: 4, fresh: 4, counted: 4, share: 1 });
    expect(p.meanOffset).toBeGreaterThan(0); // 90, 70 and 60 on a film whose weighted score is 56; 85 on a film of 85
    const reviews = (await (await app.request(`/api/v1/publications/${ids.ledger}/reviews`)).json()) as Json;
    expect(reviews.total).toBe(4);
    expect((await app.request('/api/v1/publications/nope')).status).toBe(404);

    const listPage = await page('/publications');
    expect(listPage).toContain('Weekly &lt;b&gt;Bold&lt;/b&gt;');
    expect(listPage).not.toContain('<b>Bold</b>');
    const body = await page(`/publications/${ids.ledger}`);
    expect(body).toContain('<h1>The Ledger</h1>');
    expect(/data-testid="publication-share">([\s\S]*?)<\/dd>/.exec(body)![1]).toContain('100%');
    expect(body).toMatch(/data-testid="leniency">[\d.]+ points more generous than the consensus/);
    expect(body).toContain('>Tia Top</a>');
    expect((await app.request('/publications/nope')).status).toBe(404);
  });

  it('is linked from reviews, quotes and critics', async () => {
    const film = await page(`/films/${ids.film}`);
    expect(film).toContain(`<a href="/publications/${ids.ledger}">The Ledger</a>`);
    const review = (await store.listReviews({ publicationId: ids.ledger, limit: 1 })).items[0]!;
    expect(await page(`/reviews/${review.id}`)).toContain(`<a href="/publications/${ids.ledger}">The Ledger</a>`);
    const critics = await page('/critics');
    expect(critics).toContain(`<a href="/publications/${ids.ledger}">The Ledger</a>`);
    const tia = (await store.findCritic('Tia Top'))!;
    expect(await page(`/critics/${tia.id}`)).toContain(`<a href="/publications/${ids.ledger}">The Ledger</a>`);
  });
});

describe('compare view', () => {
  it('shows two or more films side by side, in the API and on the page', async () => {
    const api = (await (await app.request(`/api/v1/compare?films=${ids.film},${ids.second}`)).json()) as Json;
    expect(CompareSchema.safeParse(api).success).toBe(true);
    expect(api.films.map((f: Json) => f.title)).toEqual(['Extras Film', 'Second Film']);
    expect((await app.request(`/api/v1/compare?films=${ids.film}`)).status).toBe(400);
    expect((await app.request(`/api/v1/compare?films=${ids.film},nope`)).status).toBe(404);
    const body = await page(`/compare?films=${ids.film},${ids.second},${ids.third}`);
    const share = /<tr data-testid="compare-share">([\s\S]*?)<\/tr>/.exec(body)![1]!;
    expect(share.match(/<td>/g)).toHaveLength(3);
    expect(share).toContain('60%');
    expect(share).toContain('100%');
    expect(/<tr data-testid="compare-top">([\s\S]*?)<\/tr>/.exec(body)![1]).toContain('67%');
    expect(body.match(/remove Extras Film<\/span><\/a>/g)).toHaveLength(1);
    expect((await app.request(`/compare?films=${ids.film},nope`)).status).toBe(404);
  });

  it('is reached from the film page: one match goes straight there, several are offered', async () => {
    const film = await page(`/films/${ids.film}`);
    expect(film).toMatch(/<form class="compare-form" method="get" action="\/compare"/);
    const one = await app.request(`/compare?films=${ids.film}&with=${encodeURIComponent('Second Film Returns')}`);
    expect(one.status).toBe(302);
    expect(one.headers.get('location')).toBe(`/compare?films=${ids.film},${ids.third}`);
    const several = await page(`/compare?films=${ids.film}&with=Second`);
    expect(/data-testid="compare-choices">([\s\S]*?)<\/ul>/.exec(several)![1]!.match(/<li>/g)).toHaveLength(2);
    expect(await page(`/compare?films=${ids.film}&with=Nothing%20Like%20It`)).toContain('No film matches');
  });

  it('is reached from a franchise page: its entries side by side', async () => {
    const saga = await page('/franchises/extras-saga');
    expect(saga).toMatch(new RegExp(`href="/compare\\?films=(${ids.second},${ids.third}|${ids.third},${ids.second})" data-testid="franchise-compare"`));
  });

  it("offers the franchise's other entries as one-click comparisons", async () => {
    const second = await page(`/films/${ids.second}`);
    const siblings = /data-testid="compare-siblings">([\s\S]*?)<\/p>/.exec(second)![1]!;
    expect(siblings).toContain(`<a href="/compare?films=${ids.second},${ids.third}">Second Film Returns</a>`);
    expect(siblings).not.toContain('>Second Film<');
    expect(await page(`/films/${ids.film}`)).not.toContain('compare-siblings');
  });
});
