/**
 * @module Use case: a film's consensus, cached in the store and recomputed when the film's review count, its
 * cards (re-analysis drops the cache) or the aggregator version change; and the refresh after an import.
 */
import { CONSENSUS_VERSION, DEFAULT_CONFIG, filmConsensus, type ConsensusConfig, type FilmConsensus } from '../aggregate/index.ts';
import type { FilmRow, Store } from '../store/store.ts';
import { reviewCredits, shareOf, type ReviewCredit, type ShareEstimate } from './film-extras.ts';
import { allReviews } from './reviews.ts';

/** What the film page shows beside the consensus, computed from the same reviews and cached with it. */
export interface FilmExtras {
  /** The share fresh among top critics. */
  topCriticShare: ShareEstimate;
  /** The cast and crew the reviews name (the page's fallback when the film index does not know the film). */
  reviewCredits: ReviewCredit[];
}

export type FilmConsensusWithExtras = FilmConsensus & FilmExtras;

/**
 * A film's consensus. With the default configuration it comes from the store's cache when fresh, else it is
 * computed and cached; another configuration is computed and not cached.
 */
export async function consensusOf(store: Store, film: FilmRow, config: ConsensusConfig = DEFAULT_CONFIG): Promise<FilmConsensusWithExtras> {
  const cacheable = config === DEFAULT_CONFIG;
  if (cacheable) {
    const cached = await store.getConsensus(film.id);
    // A row cached before the extras existed is recomputed once.
    const data = cached?.data as Partial<FilmConsensusWithExtras> | undefined;
    if (cached && cached.version === CONSENSUS_VERSION && cached.reviewCount === film.reviewCount && data?.topCriticShare) return data as FilmConsensusWithExtras;
  }
  return computeConsensus(store, film.id, config, cacheable);
}

async function computeConsensus(store: Store, filmId: string, config: ConsensusConfig, cache: boolean): Promise<FilmConsensusWithExtras> {
  const reviews = await allReviews(store, { filmId });
  const c: FilmConsensusWithExtras = {
    ...filmConsensus(filmId, reviews, config),
    topCriticShare: shareOf(reviews.filter((r) => r.topCritic), config),
    reviewCredits: reviewCredits(reviews),
  };
  if (cache) await store.putConsensus({ filmId, data: c, reviewCount: reviews.length, computedAt: new Date().toISOString(), version: CONSENSUS_VERSION });
  return c;
}

/** The consensus of each film these reviews are of (a critic's or a publication's profile reads them). */
export async function consensusOfFilms(store: Store, reviews: readonly { filmId: string }[]): Promise<Map<string, FilmConsensus>> {
  const out = new Map<string, FilmConsensus>();
  for (const filmId of new Set(reviews.map((r) => r.filmId))) {
    const film = await store.getFilm(filmId);
    if (film) out.set(filmId, await consensusOf(store, film));
  }
  return out;
}

/** A film's consensus, null while it has no review. */
export async function consensusOrNull(store: Store, film: FilmRow): Promise<FilmConsensusWithExtras | null> {
  return film.reviewCount === 0 ? null : consensusOf(store, film);
}

/**
 * Recomputes and caches the consensus of the films an import touched (`PutResult.films`). On PostgreSQL several
 * films are computed at once over the connection pool; SQLite is synchronous, so there it goes one at a time.
 */
export async function refreshConsensus(store: Store, filmIds: Iterable<string>, concurrency = store.dialect === 'postgres' ? 4 : 1): Promise<number> {
  const ids = [...new Set(filmIds)];
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const film = await store.getFilm(ids[next++]!);
      if (!film) continue;
      await computeConsensus(store, film.id, DEFAULT_CONFIG, true);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return done;
}

/**
 * Recomputes the consensus of every film whose cached one is missing or out of date, a page of ids at a time
 * (constant memory): after an import that was killed before its refresh, its films show a consensus again.
 */
export async function refreshStaleConsensus(store: Store, page = 1000): Promise<number> {
  let done = 0;
  let after = '';
  for (;;) {
    const ids = await store.staleConsensusFilms(CONSENSUS_VERSION, page, after);
    if (ids.length === 0) return done;
    done += await refreshConsensus(store, ids);
    after = ids[ids.length - 1]!;
  }
}
