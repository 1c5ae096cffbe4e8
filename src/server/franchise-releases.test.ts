/**
 * Franchises come from the film index: with two John Wick films reviewed in a SQLite store, the franchise
 * view, page, API and CLI list every John Wick film the index knows, in release order, with links only for
 * the stored films; the in-universe timeline stays what the reviews say.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { franchiseOf } from '../app/franchise.ts';
import { importReviewRows } from '../app/import-reviews.ts';
import { loadLexiconModel, MODELS_DIR } from '../node/load-model.ts';
import { loadFilmIndex } from '../node/load-films.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { FilmIndex } from '../analyze/entities/film-index.ts';
import type { Model } from '../analyze/model.ts';
import { FranchiseDetailSchema } from './api/dto.ts';
import { createApp } from './app.ts';
import { storeSiteData } from './store-site-data.ts';
import { FILMS, FRANCHISES, fixtureData } from './fixtures.ts';
import { memorySiteData } from './site-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-franchise-'));
let store: Store;
let index: FilmIndex;
let model: Model;

beforeAll(async () => {
  index = loadFilmIndex(MODELS_DIR)!;
  model = { ...loadLexiconModel(), films: index };
  store = await openStore(join(dir, 'wick.db'));
  const r = await importReviewRows(store, model, [
    { film: 'John Wick: Chapter 3 – Parabellum', year: 2019, critic: 'Ann', text: 'Relentless and gorgeous action.', label: true },
    { film: 'John Wick: Chapter 3 – Parabellum', year: 2019, critic: 'Bob', text: 'More of the same, but louder.', label: false },
    { film: 'John Wick: Chapter 4', year: 2023, critic: 'Ann', text: 'An operatic, exhausting triumph.', label: true },
  ]);
  expect(r.imported).toBe(3);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The index's own John Wick series, in its order, less its second page of Ballerina (folded into the first). */
function wickSeries(): { id: string; title: string; year: number }[] {
  const all = index.seriesRows(index.rowOf('John_Wick:_Chapter_4')).map((r) => index.film(r));
  expect(all.map((f) => f.id)).toContain('Ballerina_(2025_film)');
  return all.filter((f) => f.id !== 'Ballerina_(2025_film)');
}

describe('franchise release order from the film index', () => {
  it('lists every film of the series in release order, linking only the stored ones', async () => {
    const got = (await franchiseOf(store, 'John Wick', undefined, index))!;
    const films = (await store.listFilms()).items;
    const stored = new Map(films.map((f) => [f.indexId, f]));
    expect(stored.size).toBe(2);
    const series = wickSeries();
    expect(series.length).toBeGreaterThanOrEqual(5);
    expect(got.releases.map((r) => r.indexId)).toEqual(series.map((f) => f.id));
    expect(got.releases.slice(0, 4).map((r) => r.year)).toEqual([2014, 2017, 2019, 2023]);
    expect(got.releases.filter((r) => r.filmId).map((r) => [r.indexId, r.reviews])).toEqual([
      ['John_Wick:_Chapter_3_%E2%80%93_Parabellum', 2],
      ['John_Wick:_Chapter_4', 1],
    ]);
    for (const r of got.releases) expect(r.filmId).toBe(stored.get(r.indexId)?.id ?? null);
    // The ranking keeps only the reviewed films.
    expect(got.view.ranking.map((e) => e.title).sort()).toEqual(['John Wick: Chapter 3 – Parabellum', 'John Wick: Chapter 4']);
    // Without the index there is no release order (and nothing else changes).
    const bare = (await franchiseOf(store, 'John Wick'))!;
    expect(bare.releases).toEqual([]);
    expect(bare.view).toEqual(got.view);
  });

  it('answers the field in the API, matching its schema and documented in OpenAPI', async () => {
    const app = createApp({ model, data: storeSiteData(store, model) });
    const res = await app.request('/api/v1/franchises/john-wick');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { releaseOrder: { indexId: string; filmId: string | null; title: string }[]; ranking: unknown[]; timeline: unknown[] };
    expect(FranchiseDetailSchema.strict().safeParse(body).success).toBe(true);
    expect(body.releaseOrder.map((r) => r.indexId)).toEqual(wickSeries().map((f) => f.id));
    expect(body.releaseOrder.filter((r) => r.filmId).length).toBe(2);
    expect(body.ranking).toHaveLength(2);
    const doc = JSON.stringify(await (await app.request('/api/v1/openapi.json')).json());
    expect(doc).toContain('"releaseOrder"');

    const page = await (await app.request('/franchises/john-wick')).text();
    const list = /<ol class="releases" data-testid="franchise-releases">([\s\S]*?)<\/ol>/.exec(page)?.[1] ?? '';
    const items = list.split('<li>').slice(1);
    expect(items).toHaveLength(wickSeries().length);
    expect(items[0]).toMatch(/^John Wick <span class="muted">\(2014\)<\/span> · film 1 · <span class="muted">no reviews yet<\/span>/);
    const chapter4 = body.releaseOrder.find((r) => r.indexId === 'John_Wick:_Chapter_4')!;
    expect(items[3]).toContain(`<a href="/films/${encodeURIComponent(chapter4.filmId!)}">John Wick: Chapter 4</a>`);
    expect(items.filter((li) => li.includes('<a href=')).length).toBe(2);
  });

  it('renders index titles escaped, and a franchise without linked films says so', async () => {
    const app = createApp({ model, data: fixtureData() });
    const page = await (await app.request('/franchises/toy-story')).text();
    expect(page).toContain('&lt;i&gt;Lightyear&lt;/i&gt; <span class="muted">(2022)</span> · spin-off');
    expect(page).not.toContain('<i>Lightyear</i>');
    expect(page).toContain('<a href="/films/toy-story">Toy Story</a> <span class="muted">(1995)</span> · film 1 · 1 review<');
    const list = (await (await app.request('/api/v1/franchises')).json()) as { items: object[] };
    expect(Object.keys(list.items[0]!)).toEqual(['id', 'name', 'films']);

    const unlinked = memorySiteData({ films: FILMS, reviews: [], critics: [], franchises: [{ ...FRANCHISES[0]!, releaseOrder: [] }] });
    const bare = await (await createApp({ model, data: unlinked }).request('/franchises/toy-story')).text();
    expect(bare).not.toContain('data-testid="franchise-releases"');
    expect(bare).toContain('No film of this franchise is linked to the film index yet.');
  });
});

describe('verdict franchise NAME', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['src/cli/main.ts', 'franchise', 'John Wick', ...args], { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', VERDICT_DB: join(dir, 'wick.db') } });

  it('prints the release order in text and in --json (the API shape)', () => {
    const text = cli();
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Release order \(film index; not story order\)\n\s+1\. John Wick \(2014\)\s+· film 1\s+· no reviews yet\n\s+2\. John Wick: Chapter 2 \(2017\)/);
    expect(text.stdout).toMatch(/4\. John Wick: Chapter 4 \(2023\)\s+· film 4\s+· 1 review {2}/);
    const json = cli('--json');
    expect(json.status, json.stderr).toBe(0);
    const body = FranchiseDetailSchema.strict().parse(JSON.parse(json.stdout));
    expect(body.releaseOrder.map((r) => r.indexId)).toEqual(wickSeries().map((f) => f.id));
    expect(body.releaseOrder.filter((r) => r.filmId).map((r) => r.reviews)).toEqual([2, 1]);
  });
});
