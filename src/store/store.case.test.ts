/**
 * The Store contract: one suite, run against every implementation (`sqlite.test.ts`, `postgres.test.ts`).
 * `open()` must return a new handle on the same (migrated) database each call; `cleanup()` drops it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewCard } from '../analyze/card.ts';
import { reviewId } from './ids.ts';
import type { NewReview, Store } from './store.ts';

export interface ContractTarget {
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/**
 * A small, fixed review card (not the analyser's output, so these tests do not move when the analyser does):
 * one sentence, a verdict, and a story aspect spanning the text.
 */
export function testCard(text: string, version = 'test-1', verdict: { fresh: boolean; score: number } = { fresh: true, score: 75 }): ReviewCard {
  const all = { start: 0, end: text.length };
  return {
    version,
    format: 'text',
    text,
    sentences: [{ ...all, paragraph: 0, polarity: verdict.fresh ? 0.8 : -0.8 }],
    film: null,
    references: [],
    chronology: [],
    people: [],
    credits: [],
    verdict: { fresh: verdict.fresh, score: verdict.score, label: verdict.fresh ? 'positive' : 'negative', confidence: 0.9 },
    rating: null,
    aspects: [{ aspect: 'story', polarity: verdict.fresh ? 0.8 : -0.8, mentions: 1, evidence: [all] }],
    targets: [],
    quotes: [{ ...all, text, score: 1 }],
    spoilers: [],
  };
}
const card = testCard;

let uniq = 0;
/** A review of a film made just for one test, so tests sharing a database do not see each other's rows. */
function review(film: string, text: string, extra: Partial<NewReview> = {}): NewReview {
  return { film: { title: film, year: 2001 }, text, ...extra };
}
/** Letters only: a number in a title would key it as a numbered entry of a series ("Film 2"). */
function tagOf(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(97 + ((x - 1) % 26)) + s;
  return s;
}
function filmName(tag: string): string {
  uniq += 1;
  return `Contract ${tag} ${tagOf(uniq)} Film`;
}

export function storeContract(name: string, target: ContractTarget): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await target.open();
    });
    afterAll(async () => {
      await store.close();
      await target.cleanup();
    });

    it('migrates once: a second migrate applies nothing and the version is the latest', async () => {
      expect(await store.migrate()).toEqual([]);
      expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
    });

    it('stores a review with every field and reads it back', async () => {
      const film = filmName('fields');
      const c = card('A warm, funny and moving film. 3/4');
      const r = await store.putReviews([
        review(film, 'A warm, funny and moving film. 3/4', {
          film: { title: film, year: 2019, franchise: 'Contract Saga' },
          critic: 'Ann Critic',
          publication: 'The Daily Planet',
          date: '2019-06-21',
          url: 'https://example.com/r/1',
          rawRating: '3/4',
          rating: 75,
          label: true,
          topCritic: true,
          card: c,
          source: 'test.csv',
        }),
      ]);
      expect(r.inserted).toHaveLength(1);
      expect(r.duplicates).toEqual([]);
      const got = await store.getReview(r.inserted[0] as string);
      expect(got).not.toBeNull();
      expect(got).toMatchObject({
        text: 'A warm, funny and moving film. 3/4',
        date: '2019-06-21',
        url: 'https://example.com/r/1',
        rawRating: '3/4',
        rating: 75,
        label: true,
        topCritic: true,
        modelVersion: 'test-1',
        source: 'test.csv',
        filmTitle: film,
        filmYear: 2019,
        criticName: 'Ann Critic',
        publicationName: 'The Daily Planet',
      });
      expect(got?.card).toEqual(c);
      expect(r.films).toEqual([got?.filmId]);
      const f = await store.getFilm(got?.filmId as string);
      expect(f).toMatchObject({ title: film, year: 2019, franchise: 'Contract Saga', reviewCount: 1 });
      expect(Number.isNaN(Date.parse(got?.createdAt as string))).toBe(false);
      const p = await store.getPublication(got?.publicationId as string);
      expect(p).toMatchObject({ name: 'The Daily Planet', reviewCount: 1 });
    });

    it('lists publications (most reviews first, name search) and the critics who wrote for one', async () => {
      const a = filmName('pub-a');
      const b = filmName('pub-b');
      const pub = `Contract Gazette ${tagOf(++uniq)}`;
      await store.putReviews([
        review(a, 'Gazette one.', { critic: 'Gaz Writer', publication: pub, topCritic: true }),
        review(b, 'Gazette two.', { critic: 'Gaz Writer', publication: pub }),
        review(b, 'Gazette three.', { critic: 'Other Gaz', publication: pub }),
        review(a, 'Elsewhere.', { critic: 'Other Gaz', publication: `${pub} Weekly` }),
      ]);
      const found = await store.listPublications({ search: pub, limit: 10 });
      expect(found.items.map((p) => [p.name, p.reviewCount])).toEqual([
        [pub, 3],
        [`${pub} Weekly`, 1],
      ]);
      expect(found.total).toBe(2);
      expect((await store.listPublications({ search: pub, limit: 1, offset: 1 })).items.map((p) => p.name)).toEqual([`${pub} Weekly`]);
      const id = found.items[0]!.id;
      expect(await store.getPublication(id)).toMatchObject({ name: pub, reviewCount: 3 });
      const critics = await store.publicationCritics(id);
      expect(critics.map((c) => [c.name, c.reviewCount, c.topCritic])).toEqual([
        ['Gaz Writer', 2, true],
        ['Other Gaz', 1, false],
      ]);
      expect(await store.publicationCritics(id, 1)).toHaveLength(1);
      expect((await store.listReviews({ publicationId: id, limit: 10 })).total).toBe(3);
    });

    it("keeps the film index's film: id, directors, writers, cast, genres, series order; lists films not linked", async () => {
      const film = filmName('indexed');
      const index = { id: `${film}_(2019_film)`, directors: ['Ann Director'], writers: ['Wes Writer'], cast: [{ name: 'Cal Actor', character: 'Hero' }, { name: 'Dee Actor' }], genres: ['drama'] };
      // First stored unlinked, then a linked review of the same film completes it; a third review changes nothing.
      await store.putReviews([review(film, 'Unlinked first.', { film: { title: film, year: 2019 } })]);
      const r = await store.putReviews([review(film, 'Linked next.', { film: { title: film, year: 2019, franchise: 'Index Saga', position: 2, index } })]);
      await store.putReviews([review(film, 'Linked again.', { film: { title: film, year: 2019, franchise: 'Other', position: 5, index: { ...index, directors: ['Someone Else'] } } })]);
      const f = await store.getFilm(r.films[0] as string);
      expect(f).toMatchObject({ title: film, year: 2019, franchise: 'Index Saga', position: 2, indexId: index.id, directors: ['Ann Director'], writers: ['Wes Writer'], genres: ['drama'], reviewCount: 3 });
      expect(f?.cast).toEqual(index.cast);
      const other = filmName('not-indexed');
      await store.putReviews([review(other, 'No index for this one.')]);
      const unlinked = (await store.listFilms({ unlinked: true, limit: 10_000 })).items.map((x) => x.title);
      expect(unlinked).toContain(other);
      expect(unlinked).not.toContain(film);
      expect((await store.listFilms({ unlinked: false, limit: 10_000 })).items.map((x) => x.title)).toContain(film);
      const plain = await store.getFilm((await store.findFilmsByTitle(other))[0]!.id);
      expect(plain).toMatchObject({ indexId: null, directors: [], cast: [], genres: [] });
    });

    it('keeps absent fields null and labels false as false', async () => {
      const film = filmName('nulls');
      const r = await store.putReviews([review(film, 'Plain text, nothing else.'), review(film, 'Rotten one.', { label: false })]);
      const a = await store.getReview(r.inserted[0] as string);
      const b = await store.getReview(r.inserted[1] as string);
      expect(a).toMatchObject({ criticId: null, publicationId: null, date: null, url: null, rawRating: null, rating: null, label: null, topCritic: false, card: null, modelVersion: null });
      expect(b?.label).toBe(false);
    });

    it('is idempotent by content hash: within a batch, across batches, across whitespace', async () => {
      const film = filmName('dups');
      const rows = [review(film, 'Same words here.', { critic: 'Bo' }), review(film, 'Same words here.', { critic: 'Bo' }), review(film, 'Other words.', { critic: 'Bo' })];
      const first = await store.putReviews(rows);
      expect(first.inserted).toHaveLength(2);
      expect(first.duplicates).toHaveLength(1);
      const again = await store.putReviews([review(film, '  Same   words\nhere. ', { critic: 'bo' })]);
      expect(again.inserted).toEqual([]);
      expect(again.duplicates).toEqual([first.inserted[0]]);
      expect(again.films).toEqual([]);
      expect(first.inserted[0]).toBe(reviewId((await store.getFilm(first.films[0] as string))?.key as string, 'Bo', 'Same words here.'));
      const films = await store.findFilmsByTitle(film);
      expect(films).toHaveLength(1);
      expect(films[0]?.reviewCount).toBe(2);
      expect((await store.findCritic('BO'))?.reviewCount).toBeGreaterThanOrEqual(2);
    });

    it('the same text by another critic or for another film is another review', async () => {
      const film = filmName('distinct');
      const r = await store.putReviews([
        review(film, 'Fine.', { critic: 'One' }),
        review(film, 'Fine.', { critic: 'Two' }),
        review(film, 'Fine.', { critic: 'One', film: { title: `${film} II`, year: 2001 } }),
      ]);
      expect(r.inserted).toHaveLength(3);
      expect(r.films).toHaveLength(2);
    });

    it('a batch with an invalid row stores nothing (one transaction)', async () => {
      const film = filmName('atomic');
      await expect(store.putReviews([review(film, 'Good row.'), review(film, '   ')])).rejects.toThrow();
      await expect(store.putReviews([review(film, 'Good row.'), { film: { title: ' ' }, text: 'x' }])).rejects.toThrow();
      expect(await store.findFilmsByTitle(film)).toEqual([]);
      expect((await store.listReviews({ search: 'Good row' })).items.filter((x) => x.filmTitle === film)).toEqual([]);
    });

    it('stores text with NUL characters and non-Latin scripts', async () => {
      const film = filmName('unicode');
      const r = await store.putReviews([review(film, 'Bad\u0000byte. 素晴らしい映画。 Ça va — «très» bien.')]);
      const got = await store.getReview(r.inserted[0] as string);
      expect(got?.text).toBe('Badbyte. 素晴らしい映画。 Ça va — «très» bien.');
    });

    it('matches films by key and year; the caller may give the key', async () => {
      const film = filmName('years');
      await store.putReviews([
        review(film, 'The original.', { film: { title: film, year: 1990 } }),
        review(film, 'The remake.', { film: { title: film.toUpperCase(), year: 2020 } }),
        review(film, 'Remake again.', { film: { title: `  ${film}!`, year: 2020 } }),
        review(film, 'Keyed.', { film: { title: 'Whatever Title', key: `custom-${uniq}`, year: null } }),
      ]);
      const found = await store.findFilmsByTitle(film);
      expect(found.map((f) => [f.year, f.reviewCount])).toEqual([
        [2020, 2],
        [1990, 1],
      ]);
      expect((await store.findFilmsByTitle('nothing', `custom-${uniq}`)).map((f) => f.title)).toEqual(['Whatever Title']);
      expect(await store.findFilmsByTitle('   ')).toEqual([]);
      // Without a key, titles match by the analyser's title key: a numbered entry is franchise + number.
      const saga = `Contract Saga ${tagOf(++uniq)}`;
      await store.putReviews([review(saga, 'Chapter three.', { film: { title: `${saga}: Chapter 3 -- Parabellum`, year: 2019 } })]);
      expect((await store.findFilmsByTitle(`${saga} 3`)).map((f) => f.title)).toEqual([`${saga}: Chapter 3 -- Parabellum`]);
    });

    it('searches film titles (full text, prefix on the last word) and review texts (stemmed)', async () => {
      const film = `Zyxwv Quokka ${tagOf(++uniq)}`;
      await store.putReviews([
        review(film, 'The stories of the zorblax are told with real gusto.'),
        review(filmName('other'), 'Nothing to see.'),
      ]);
      const byPrefix = await store.listFilms({ search: 'zyxwv quok' });
      expect(byPrefix.items.map((f) => f.title)).toEqual([film]);
      expect(byPrefix.total).toBe(1);
      expect((await store.listFilms({ search: 'quokka zyxwv' })).total).toBe(1);
      expect((await store.listFilms({ search: 'zyxwv nomatchword' })).total).toBe(0);
      const hits = await store.listReviews({ search: 'zorblax story' });
      expect(hits.items.map((r) => r.filmTitle)).toEqual([film]);
      for (const q of ['"', 'zorblax" OR "x', '***', "'); DROP TABLE reviews; --", 'NEAR(', 'a:b & !c']) {
        await expect(store.listReviews({ search: q })).resolves.toBeDefined();
        await expect(store.listFilms({ search: q })).resolves.toBeDefined();
      }
      expect((await store.listFilms({ search: '!!!' })).items).toEqual([]);
    });

    it('lists and pages films and reviews with totals', async () => {
      const film = filmName('paging');
      const rows = Array.from({ length: 7 }, (_, i) => review(film, `Review number ${i}.`, { date: `2020-01-0${i + 1}`, topCritic: i % 2 === 0, label: i < 5 }));
      const r = await store.putReviews(rows);
      const filmId = r.films[0] as string;
      const p1 = await store.listReviews({ filmId, limit: 3 });
      const p3 = await store.listReviews({ filmId, limit: 3, offset: 6 });
      expect(p1.total).toBe(7);
      expect(p1.items.map((x) => x.date)).toEqual(['2020-01-07', '2020-01-06', '2020-01-05']);
      expect(p3.items.map((x) => x.date)).toEqual(['2020-01-01']);
      expect((await store.listReviews({ filmId, topCritic: true })).total).toBe(4);
      expect((await store.listReviews({ filmId, label: false })).total).toBe(2);
      const all = await store.listFilms({ limit: 10_000 });
      expect(all.items.some((f) => f.id === filmId && f.reviewCount === 7)).toBe(true);
      expect(all.total).toBe(all.items.length);
      const counts = all.items.map((f) => f.reviewCount);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      const byTitle = await store.listFilms({ order: 'title', limit: 10_000 });
      const titles = byTitle.items.map((f) => f.title);
      expect(titles).toHaveLength(all.total);
    });

    it('finds critics by name, marks top critics, lists their reviews', async () => {
      const film = filmName('critic');
      const critic = `Dana Q. Critic ${uniq}`;
      await store.putReviews([review(film, 'First take.', { critic, topCritic: false }), review(`${film} 2`, 'Second take.', { critic, topCritic: true })]);
      const c = await store.findCritic(`  dana q critic ${uniq} `);
      expect(c).toMatchObject({ name: critic, topCritic: true, reviewCount: 2 });
      expect(await store.getCritic(c?.id as string)).toEqual(c);
      expect((await store.listReviews({ criticId: c?.id })).total).toBe(2);
      expect((await store.listCritics({ search: `dana q critic ${uniq}` })).items.map((x) => x.name)).toEqual([critic]);
      expect(await store.findCritic('no such critic anywhere')).toBeNull();
    });

    it('franchises: entries in order, chronology edges, listing', async () => {
      const fr = `Contract Franchise ${tagOf(++uniq)}`;
      const a = await store.ensureFilm({ title: `${fr} Part Two`, year: 2005, franchise: fr });
      const b = await store.ensureFilm({ title: `${fr} Part One`, year: 2001 });
      const c = await store.ensureFilm({ title: `${fr} Prequel`, year: 2010, franchise: fr });
      await store.setFranchise(b.id, fr, 1);
      await store.setFranchise(a.id, fr, 2);
      expect((await store.ensureFilm({ title: `${fr} Part Two`, year: 2005, franchise: 'Another Name' })).franchise).toBe(fr);
      await store.addChronology([
        { fromFilmId: c.id, toFilmId: b.id, relation: 'before', reviewId: null },
        { fromFilmId: c.id, toFilmId: b.id, relation: 'before', reviewId: null },
        { fromFilmId: a.id, toFilmId: b.id, relation: 'after', reviewId: 'r1' },
      ]);
      const got = await store.getFranchise(fr.toUpperCase());
      expect(got?.name).toBe(fr);
      expect(got?.films.map((f) => f.id)).toEqual([b.id, a.id, c.id]);
      expect(got?.entries.map((e) => e.position)).toEqual([1, 2, null]);
      expect(got?.chronology).toHaveLength(2);
      expect(got?.chronology).toContainEqual({ fromFilmId: a.id, toFilmId: b.id, relation: 'after', reviewId: 'r1' });
      expect((await store.listFranchises()).find((x) => x.name === fr)?.filmCount).toBe(3);
      expect((await store.listFilms({ franchise: fr })).total).toBe(3);
      expect(await store.getFranchise('no such franchise at all')).toBeNull();
    });

    it('re-analysis: stale ids by model version, card updates', async () => {
      const film = filmName('stale');
      const r = await store.putReviews([
        review(film, 'Old card.', { card: card('Old card.', 'v-old') }),
        review(film, 'No card.'),
        review(film, 'New card.', { card: card('New card.', 'v-new') }),
      ]);
      const mine = new Set(r.inserted);
      const stale: string[] = [];
      let after = '';
      for (;;) {
        const ids = await store.staleReviewIds('v-new', 2, after);
        if (ids.length === 0) break;
        expect([...ids].sort()).toEqual(ids);
        stale.push(...ids);
        after = ids[ids.length - 1] as string;
      }
      expect(stale.filter((id) => mine.has(id)).sort()).toEqual([r.inserted[0], r.inserted[1]].sort());
      const n = await store.updateCards([
        { id: r.inserted[0] as string, card: card('Old card.', 'v-new') },
        { id: r.inserted[1] as string, card: card('No card.', 'v-new') },
        { id: 'missing-id', card: card('x', 'v-new') },
      ]);
      expect(n).toBe(2);
      expect((await store.staleReviewIds('v-new', 100_000)).filter((id) => mine.has(id))).toEqual([]);
      expect((await store.getReview(r.inserted[1] as string))?.modelVersion).toBe('v-new');
      await store.putConsensus({ filmId: r.films[0] as string, data: {}, reviewCount: 3, computedAt: '2026-01-01T00:00:00.000Z' });
      await store.updateCards([{ id: r.inserted[2] as string, card: card('New card.', 'v-newer') }]);
      expect(await store.getConsensus(r.films[0] as string)).toBeNull();
    });

    it('moves re-analysed reviews onto the index film their cards link, but not off a linked film or an editor\'s choice', async () => {
      const old = filmName('unlinked');
      const r = await store.putReviews([review(old, 'Read before the index.'), review(old, 'Moved here by an editor.')]);
      const [moved, kept] = r.inserted as [string, string];
      const from = (await store.getReview(moved))!.filmId;
      const linked = filmName('indexed');
      const film = { title: linked, year: 2001, franchise: 'Contract Series', position: 2, index: { id: 'Contract_Film_(2001)', directors: ['Dee Rector'], writers: [], cast: [{ name: 'Cass Member' }], genres: ['Drama'] } };
      const base = { reason: 'read it', user: 'ed', createdAt: '2020-01-01T00:00:00.000Z', undoes: null };
      await store.correct({ ...base, reviewId: kept, filmId: from, field: 'film', before: null, after: null, undo: null }, [{ kind: 'move', reviewIds: [kept], filmId: from }]);
      await store.putConsensus({ filmId: from, data: {}, reviewCount: 2, computedAt: '2026-01-01T00:00:00.000Z' });
      expect(await store.updateCards([{ id: moved, card: card('Read before the index.', 'v-index'), film }, { id: kept, card: card('Moved here by an editor.', 'v-index'), film }])).toBe(2);
      const to = (await store.getReview(moved))!.filmId;
      expect(to).not.toBe(from);
      expect(await store.getFilm(to)).toMatchObject({ title: linked, indexId: 'Contract_Film_(2001)', franchise: 'Contract Series', reviewCount: 1 });
      expect((await store.getReview(kept))!.filmId).toBe(from);
      expect((await store.getFilm(from))?.reviewCount).toBe(1);
      expect(await store.getConsensus(from)).toBeNull();
      // Once on an index film, a later card's other index film does not move it again.
      await store.updateCards([{ id: moved, card: card('Read before the index.', 'v-index2'), film: { ...film, title: filmName('other'), index: { ...film.index, id: 'Other_Film' } } }]);
      expect((await store.getReview(moved))!.filmId).toBe(to);
    });

    it('caches consensus JSON per film and overwrites it', async () => {
      const f = await store.ensureFilm({ title: filmName('consensus'), year: 2000 });
      expect(await store.getConsensus(f.id)).toBeNull();
      await store.putConsensus({ filmId: f.id, data: { share: 0.5, list: [1, 2] }, reviewCount: 2, computedAt: '2026-01-01T00:00:00.000Z' });
      await store.putConsensus({ filmId: f.id, data: [{ share: 0.75 }], reviewCount: 4, computedAt: '2026-01-02T00:00:00.000Z' });
      expect(await store.getConsensus(f.id)).toEqual({ filmId: f.id, data: [{ share: 0.75 }], reviewCount: 4, computedAt: '2026-01-02T00:00:00.000Z', version: null });
      await store.putConsensus({ filmId: f.id, data: { a: 1 }, reviewCount: 4, computedAt: '2026-01-03T00:00:00.000Z', version: 'consensus.test' });
      expect((await store.getConsensus(f.id))?.version).toBe('consensus.test');
    });

    it('iterates every review once, in id order, across batches', async () => {
      const before = (await store.counts()).reviews;
      const seen: string[] = [];
      for await (const r of store.iterateReviews(3)) seen.push(r.id);
      expect(seen).toHaveLength(before);
      expect(new Set(seen).size).toBe(before);
      expect([...seen].sort()).toEqual(seen);
    });

    it('two handles writing the same rows at once store each exactly once', async () => {
      const other = await target.open();
      try {
        const film = filmName('race');
        const rows = Array.from({ length: 60 }, (_, i) => review(film, `Racing review ${i}.`, { critic: `Racer ${i % 7}` }));
        const [a, b] = await Promise.all([store.putReviews(rows), other.putReviews([...rows].reverse())]);
        expect(a.inserted.length + b.inserted.length).toBe(60);
        expect(new Set([...a.inserted, ...b.inserted]).size).toBe(60);
        expect((await store.findFilmsByTitle(film))[0]?.reviewCount).toBe(60);
        expect((await other.listReviews({ filmId: a.films[0] ?? b.films[0] })).total).toBe(60);
      } finally {
        await other.close();
      }
    });

    it('API keys: stored, read by id, listed oldest first, revoked once; the id is unique', async () => {
      const id = `k${process.pid.toString(16)}${uniq++}`.slice(0, 12);
      const at = '2020-01-01T00:00:00.000Z';
      await store.putApiKey({ id, name: 'contract', hash: `hash-${id}`, createdAt: at, revokedAt: null });
      expect(await store.getApiKey(id)).toEqual({ id, name: 'contract', hash: `hash-${id}`, createdAt: at, revokedAt: null, role: 'editor' });
      expect(await store.getApiKey(`${id}-none`)).toBeNull();
      expect((await store.listApiKeys()).find((k) => k.id === id)?.name).toBe('contract');
      await expect(store.putApiKey({ id, name: 'again', hash: `other-${id}`, createdAt: at, revokedAt: null })).rejects.toThrow();
      expect(await store.revokeApiKey(id, '2020-01-02T00:00:00.000Z')).toBe(true);
      expect(await store.revokeApiKey(id, '2020-01-03T00:00:00.000Z')).toBe(false);
      expect((await store.getApiKey(id))?.revokedAt).toBe('2020-01-02T00:00:00.000Z');
    });

    it('accounts: stored with a lower-case unique username, found, listed, updated; sessions expire and end', async () => {
      const name = `User${process.pid}x${uniq++}`;
      const id = `u-${name}`;
      const at = '2020-01-01T00:00:00.000Z';
      const user = { id, username: name, role: 'editor' as const, passwordHash: 'scrypt$x', createdAt: at, disabledAt: null, failedLogins: 0, lockedUntil: null };
      await store.putUser(user);
      expect(await store.getUser(id)).toEqual({ ...user, username: name.toLowerCase() });
      expect((await store.findUser(name.toUpperCase()))?.id).toBe(id);
      expect(await store.findUser(`${name}-none`)).toBeNull();
      await expect(store.putUser({ ...user, id: `${id}-2` })).rejects.toThrow();
      expect((await store.listUsers()).some((u) => u.id === id)).toBe(true);
      expect(await store.updateUser(id, { role: 'admin', failedLogins: 3, lockedUntil: '2020-01-01T00:15:00.000Z', disabledAt: at })).toBe(true);
      expect(await store.getUser(id)).toMatchObject({ role: 'admin', failedLogins: 3, lockedUntil: '2020-01-01T00:15:00.000Z', disabledAt: at });
      expect(await store.updateUser(`${id}-none`, { role: 'reader' })).toBe(false);
      await store.putSession({ id: `s1-${id}`, userId: id, csrf: 'c1', createdAt: at, expiresAt: '2020-01-01T12:00:00.000Z' });
      await store.putSession({ id: `s2-${id}`, userId: id, csrf: 'c2', createdAt: at, expiresAt: '2030-01-01T12:00:00.000Z' });
      expect((await store.getSession(`s1-${id}`))?.csrf).toBe('c1');
      expect(await store.deleteExpiredSessions('2021-01-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
      expect(await store.getSession(`s1-${id}`)).toBeNull();
      expect(await store.deleteUserSessions(id)).toBe(1);
      expect(await store.getSession(`s2-${id}`)).toBeNull();
    });

    it('API keys carry a role', async () => {
      const id = `r${process.pid.toString(16)}${uniq++}`.slice(0, 12);
      await store.putApiKey({ id, name: 'reader key', hash: `hash-${id}`, createdAt: '2020-01-01T00:00:00.000Z', revokedAt: null, role: 'reader' });
      expect((await store.getApiKey(id))?.role).toBe('reader');
    });

    it('corrections: overrides win over the card and survive card updates; audit rows; moves, merges, franchise, publish', async () => {
      const a = filmName('fix');
      const b = filmName('fix');
      const text = 'A dull and tired sequel.';
      const put = await store.putReviews([review(a, text, { critic: 'Fix Critic', card: card(text, 'v1', { fresh: true, score: 70 }) }), review(b, 'Another one.', { card: card('Another one.') })]);
      const [id, other] = put.inserted as [string, string];
      const filmA = (await store.getReview(id))!.filmId;
      const filmB = (await store.getReview(other))!.filmId;
      await store.putConsensus({ filmId: filmA, data: { x: 1 }, reviewCount: 1, computedAt: '2020-01-01T00:00:00.000Z' });
      const base = { reason: 'read it', user: 'ed', createdAt: '2020-01-01T00:00:00.000Z', undoes: null };
      const c1 = await store.correct(
        { ...base, reviewId: id, filmId: filmA, field: 'fresh', before: true, after: false, undo: [{ kind: 'overrides', reviewId: id, overrides: null }] },
        [{ kind: 'overrides', reviewId: id, overrides: { fresh: false, score: 30, checked: true } }],
      );
      expect(await store.getConsensus(filmA)).toBeNull();
      let r = (await store.getReview(id))!;
      expect(r.label).toBe(false);
      expect(r.rating).toBe(30);
      expect(r.card?.verdict?.fresh).toBe(false);
      expect(r.modelCard?.verdict?.fresh).toBe(true);
      expect(r.overrides).toEqual({ fresh: false, score: 30, checked: true });
      expect((await store.getFilm(filmA))?.edits).toBe(1);
      expect(await store.checkedCount(filmA)).toBe(1);
      // Re-analysis replaces the model's card; the correction still wins.
      await store.updateCards([{ id, card: card(text, 'v2', { fresh: true, score: 90 }) }]);
      r = (await store.getReview(id))!;
      expect(r.card?.version).toBe('v2');
      expect(r.card?.verdict?.fresh).toBe(false);
      // Listings apply the overrides too.
      expect((await store.listReviews({ filmId: filmA })).items[0]?.label).toBe(false);
      const row = await store.getCorrection(c1);
      expect(row).toMatchObject({ id: c1, reviewId: id, field: 'fresh', before: true, after: false, reason: 'read it', user: 'ed', undoneAt: null });
      expect(row?.undo).toEqual([{ kind: 'overrides', reviewId: id, overrides: null }]);
      // Undo: the inverse effect, and the first event marked undone.
      await store.correct({ ...base, reviewId: id, filmId: filmA, field: 'undo', before: null, after: null, undo: null, undoes: c1 }, row!.undo!);
      expect((await store.getReview(id))?.overrides ?? null).toBeNull();
      expect((await store.getCorrection(c1))?.undoneBy).toBe('ed');
      expect((await store.listCorrections({ reviewId: id })).map((c) => c.field)).toEqual(['undo', 'fresh']);
      // Move a review; merge a film; later imports of the merged film land on the film it was merged into.
      await store.correct({ ...base, reviewId: id, filmId: filmA, field: 'film', before: null, after: null, undo: null }, [{ kind: 'move', reviewIds: [id], filmId: filmB }]);
      expect((await store.getReview(id))?.filmId).toBe(filmB);
      expect((await store.getFilm(filmA))?.reviewCount).toBe(0);
      expect((await store.getFilm(filmB))?.reviewCount).toBe(2);
      await store.correct({ ...base, reviewId: null, filmId: filmB, field: 'merge', before: null, after: null, undo: null }, [{ kind: 'merge', from: filmA, into: filmB }]);
      expect((await store.getFilm(filmA))?.mergedInto).toBe(filmB);
      expect((await store.findFilmsByTitle(a)).map((f) => f.id)).toEqual([filmB]);
      expect((await store.listFilms({ search: a })).items).toEqual([]);
      const again = await store.putReviews([review(a, 'A third review of the merged film.')]);
      expect(again.films).toEqual([filmB]);
      expect((await store.getFilm(filmB))?.reviewCount).toBe(3);
      expect((await store.putReviews([review(a, text, { critic: 'Fix Critic' })])).duplicates).toEqual([id]);
      await store.correct({ ...base, reviewId: null, filmId: filmB, field: 'franchise', before: null, after: null, undo: null }, [
        { kind: 'franchise', filmId: filmB, franchise: 'Contract Fix Saga', position: 2 },
        { kind: 'publish', filmId: filmB, at: '2020-01-02T00:00:00.000Z' },
      ]);
      expect((await store.getFranchise('Contract Fix Saga'))?.entries).toEqual([{ franchise: 'Contract Fix Saga', filmId: filmB, position: 2 }]);
      expect((await store.getFilm(filmB))?.publishedAt).toBe('2020-01-02T00:00:00.000Z');
      expect((await store.listCorrections({ filmId: filmB })).length).toBeGreaterThanOrEqual(3);
    });

    it('job queue: two workers never claim the same job; complete and release', async () => {
      const kind = `contract-${uniq++}`;
      const other = await target.open();
      try {
        const ids = await store.enqueueJobs(kind, Array.from({ length: 20 }, (_, i) => ({ n: i })));
        expect(ids).toHaveLength(20);
        const [a, b] = await Promise.all([store.claimJobs(kind, 'w1', 12), other.claimJobs(kind, 'w2', 12)]);
        const claimed = [...a, ...b].map((j) => j.id);
        expect(claimed).toHaveLength(20);
        expect(new Set(claimed).size).toBe(20);
        expect(a.every((j) => j.lockedBy === 'w1' && j.attempts === 1 && j.kind === kind)).toBe(true);
        expect(a.map((j) => (j.payload as { n: number }).n).every((n) => n >= 0 && n < 20)).toBe(true);
        expect(await store.claimJobs(kind, 'w3', 5)).toEqual([]);
        expect(await store.jobCounts(kind)).toEqual({ pending: 0, claimed: 20 });
        await store.completeJobs(a.map((j) => j.id));
        const back = b[0];
        if (back) await other.releaseJob(back.id, 'boom');
        expect(await store.jobCounts(kind)).toEqual({ pending: back ? 1 : 0, claimed: b.length - (back ? 1 : 0) });
        if (back) {
          const again = await store.claimJobs(kind, 'w4', 5);
          expect(again.map((j) => [j.id, j.attempts, j.lockedBy])).toEqual([[back.id, 2, 'w4']]);
        }
        const claimedNow = (await store.jobCounts(kind)).claimed;
        expect(await store.requeueStaleJobs(kind, 60_000)).toBe(0);
        await new Promise((r) => setTimeout(r, 5));
        expect(await store.requeueStaleJobs(kind, 0)).toBe(claimedNow);
        expect(await store.jobCounts(kind)).toEqual({ pending: claimedNow, claimed: 0 });
      } finally {
        await other.close();
      }
    });

    it('property: any batch sequence stores each distinct (film, critic, text) exactly once', async () => {
      const film = filmName('prop');
      const texts = ['Great.', 'Awful.', 'Mixed bag.', 'A triumph!'];
      const critics = ['Ann', 'Ben', null];
      const arbRow = fc.record({ t: fc.constantFrom(...texts), c: fc.constantFrom(...critics), f: fc.integer({ min: 0, max: 1 }) });
      let round = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(arbRow, { maxLength: 6 }), { maxLength: 4 }), async (batches) => {
          round += 1;
          const title = (f: number) => `${film} r${round} v${f}`;
          const distinct = new Set<string>();
          let inserted = 0;
          for (const batch of batches) {
            const res = await store.putReviews(batch.map((x) => review(title(x.f), x.t, { critic: x.c })));
            inserted += res.inserted.length;
            expect(res.inserted.length + res.duplicates.length).toBe(batch.length);
            for (const x of batch) distinct.add(`${x.f}|${x.c}|${x.t}`);
          }
          expect(inserted).toBe(distinct.size);
          let stored = 0;
          for (const f of [0, 1]) stored += (await store.findFilmsByTitle(title(f)))[0]?.reviewCount ?? 0;
          expect(stored).toBe(distinct.size);
        }),
        { numRuns: 15 },
      );
    });
  });
}
