import { describe, expect, it } from 'vitest';
import { CONSENSUS_VERSION } from '../aggregate/index.ts';
import { testCard } from '../store/store.case.test.ts';
import { openStore } from '../store/open.ts';
import { consensusOf, refreshConsensus } from './consensus.ts';
import { criticProfileOf, PROFILE_REVIEWS, resolveCritic } from './critic.ts';
import { publicationById, publicationIdOf } from './publications.ts';
import { resolveFilms } from './films.ts';
import { franchiseOf } from './franchise.ts';

describe('read use cases', () => {
  it('caches a film consensus, recomputes it when reviews arrive, resolves films and critics', async () => {
    const store = await openStore(':memory:');
    try {
      const put = await store.putReviews([
        { film: { title: 'Toy Story 4', year: 2019, franchise: 'Toy Story' }, critic: 'Roger Ebert', text: 'A joy.', label: true, rating: 90, card: testCard('A joy.') },
        { film: { title: 'Toy Story 4', year: 2019 }, critic: 'Ann Other', text: 'A bore.', label: false, rating: 30, card: testCard('A bore.', 'test-1', { fresh: false, score: 30 }) },
        { film: { title: 'Toy Story', year: 1995, franchise: 'Toy Story' }, critic: 'Roger Ebert', text: 'Landmark.', label: true },
        // Enough unanimous reviews that Toy Story ranks first on any sensible rule (share, or its interval's lower end).
        ...['Dee', 'Eve', 'Fay', 'Gus', 'Hal'].map((critic) => ({ film: { title: 'Toy Story', year: 1995 }, critic, text: 'A classic.', label: true })),
      ]);
      const [film] = await resolveFilms(store, 'toy story 4');
      expect(film?.title).toBe('Toy Story 4');
      expect((await resolveFilms(store, 'Toy Story (1995)')).map((f) => f.year)).toEqual([1995]);
      expect((await resolveFilms(store, film?.id as string)).map((f) => f.id)).toEqual([film?.id]);
      expect((await resolveFilms(store, 'story')).length).toBe(2);
      const c1 = await consensusOf(store, film!);
      expect(c1).toMatchObject({ reviews: 2, fresh: 1, share: 0.5, shareSource: 'labels' });
      expect((await store.getConsensus(film!.id))?.version).toBe(CONSENSUS_VERSION);
      const more = await store.putReviews([{ film: { title: 'Toy Story 4', year: 2019 }, critic: 'Third', text: 'Lovely.', label: true }]);
      const after = (await store.getFilm(film!.id))!;
      expect((await consensusOf(store, after)).reviews).toBe(3);
      expect(await refreshConsensus(store, [...put.films, ...more.films, 'nope'])).toBe(2);
      expect(put.inserted).toHaveLength(8);
      expect(((await store.getConsensus(film!.id))?.data as { reviews: number }).reviews).toBe(3);

      const ebert = await resolveCritic(store, 'ebert');
      expect(ebert?.name).toBe('Roger Ebert');
      expect(await resolveCritic(store, 'o')).toBeNull();
      const { profile } = await criticProfileOf(store, ebert!);
      expect(profile.reviews).toBe(2);

      const fr = await franchiseOf(store, 'toy story');
      expect(fr?.view.ranking.map((e) => e.title)).toEqual(['Toy Story', 'Toy Story 4']);
    } finally {
      await store.close();
    }
  });

  it("reads a prolific critic's and publication's profile over their latest reviews, counting them all", async () => {
    const store = await openStore(':memory:');
    try {
      const n = PROFILE_REVIEWS + 20;
      // The oldest 20 are rotten and the rest fresh: a share over the latest PROFILE_REVIEWS is all fresh.
      await store.putReviews(
        Array.from({ length: n }, (_, i) => ({
          film: { title: `Film ${i}`, year: 2000 },
          critic: 'Busy Critic',
          publication: 'The Daily',
          text: `Review ${i}.`,
          label: i >= 20,
          date: `${1900 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        })),
      );
      const busy = (await resolveCritic(store, 'Busy Critic'))!;
      const { profile, reviews } = await criticProfileOf(store, busy);
      expect(profile).toMatchObject({ reviews: n, profileReviews: PROFILE_REVIEWS });
      expect(reviews).toHaveLength(PROFILE_REVIEWS);
      const pub = (await publicationById(store, publicationIdOf('The Daily')!))!;
      expect(pub.profileReviews).toBe(PROFILE_REVIEWS);
      expect(pub.fresh).toMatchObject({ reviews: PROFILE_REVIEWS, fresh: PROFILE_REVIEWS });
    } finally {
      await store.close();
    }
  });

  it('orders a franchise from stored chronology and from what cards state, films only referenced included', async () => {
    const store = await openStore(':memory:');
    try {
      const text = 'Set between Chapter 3 and Chapter 4.';
      const card = { ...testCard(text), chronology: [{ relation: 'after' as const, other: 'Saga 3', otherKey: 'saga 3', evidence: { start: 0, end: 10 } }, { relation: 'before' as const, other: 'Saga 4', otherKey: 'saga 4', evidence: { start: 0, end: 10 } }] };
      await store.putReviews([
        { film: { title: 'Saga 3', year: 2019, franchise: 'Saga' }, text: 'Third.', label: true },
        { film: { title: 'Saga Spin-off', year: 2025, franchise: 'Saga' }, text, label: true, card },
      ]);
      const fr = await franchiseOf(store, 'saga');
      expect(fr?.view.ranking.map((e) => e.title).sort()).toEqual(['Saga 3', 'Saga Spin-off']);
      expect(fr?.view.timeline.map((t) => [t.title, t.filmId.startsWith('ref:')])).toEqual([['Saga 3', false], ['Saga Spin-off', false], ['Saga 4', true]]);
    } finally {
      await store.close();
    }
  });
});
