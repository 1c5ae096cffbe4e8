/**
 * @module The aggregator's views over the store: a film's consensus (cached in the store, recomputed when the
 * film's review count, its cards or the aggregator version change), a franchise's ranking and timeline, a
 * critic's profile. Also how interfaces resolve what a user typed ("Toy Story 4", an id, a critic's name).
 */
import {
  CONSENSUS_VERSION,
  criticProfile,
  DEFAULT_CONFIG,
  filmConsensus,
  franchiseView,
  rowTimelineEdges,
  type ConsensusConfig,
  type CriticProfile,
  type FilmConsensus,
  type FranchiseView,
} from '../aggregate/index.ts';
import type { CriticRow, FilmRow, FranchiseRow, ReviewQuery, ReviewView, Store } from './store.ts';

/** Every review matching `q` (pages of 5,000). */
export async function allReviews(store: Store, q: Omit<ReviewQuery, 'limit' | 'offset'>): Promise<ReviewView[]> {
  const out: ReviewView[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.listReviews({ ...q, limit: 5000, offset });
    out.push(...page.items);
    if (page.items.length < 5000) return out;
  }
}

/**
 * A film's consensus. With the default configuration it comes from the store's cache when fresh, else it is
 * computed and cached; another configuration is computed and not cached.
 */
export async function consensusOf(store: Store, film: FilmRow, config: ConsensusConfig = DEFAULT_CONFIG): Promise<FilmConsensus> {
  const cacheable = config === DEFAULT_CONFIG;
  if (cacheable) {
    const cached = await store.getConsensus(film.id);
    if (cached && cached.version === CONSENSUS_VERSION && cached.reviewCount === film.reviewCount) return cached.data as FilmConsensus;
  }
  const reviews = await allReviews(store, { filmId: film.id });
  const c = filmConsensus(film.id, reviews, config);
  if (cacheable) await store.putConsensus({ filmId: film.id, data: c, reviewCount: reviews.length, computedAt: new Date().toISOString(), version: CONSENSUS_VERSION });
  return c;
}

/** Recomputes and caches the consensus of the films an import touched (`PutResult.films`). */
export async function refreshConsensus(store: Store, filmIds: Iterable<string>): Promise<number> {
  let n = 0;
  for (const id of new Set(filmIds)) {
    const film = await store.getFilm(id);
    if (!film) continue;
    const reviews = await allReviews(store, { filmId: id });
    const c = filmConsensus(id, reviews);
    await store.putConsensus({ filmId: id, data: c, reviewCount: reviews.length, computedAt: new Date().toISOString(), version: CONSENSUS_VERSION });
    n++;
  }
  return n;
}

/**
 * The films a user's words name: an exact film id; else the films whose title key matches (all years, most
 * reviewed first); else a full-text search on titles. `key` is the analyser's title key when the caller has one.
 */
export async function resolveFilms(store: Store, query: string, key?: string): Promise<FilmRow[]> {
  const q = query.trim();
  if (!q) return [];
  const byId = await store.getFilm(q);
  if (byId) return [byId];
  const yearMatch = /^(.*\S)\s*\((\d{4})\)$/.exec(q);
  const exact = await store.findFilmsByTitle(yearMatch ? (yearMatch[1] as string) : q, key);
  if (exact.length) return yearMatch ? exact.filter((f) => f.year === Number(yearMatch[2])) : exact;
  return (await store.listFilms({ search: q, limit: 20 })).items;
}

/** A critic by id or by name. */
export async function resolveCritic(store: Store, query: string): Promise<CriticRow | null> {
  const q = query.trim();
  if (!q) return null;
  const exact = (await store.getCritic(q)) ?? (await store.findCritic(q));
  if (exact) return exact;
  // A unique partial match ("Ebert" for "Roger Ebert").
  const page = await store.listCritics({ search: q, limit: 2 });
  return page.items.length === 1 ? (page.items[0] ?? null) : null;
}

/** A critic's profile against each film's consensus. */
export async function criticProfileOf(store: Store, critic: CriticRow): Promise<{ profile: CriticProfile; reviews: ReviewView[] }> {
  const reviews = await allReviews(store, { criticId: critic.id });
  const consensus = new Map<string, FilmConsensus>();
  for (const filmId of new Set(reviews.map((r) => r.filmId))) {
    const film = await store.getFilm(filmId);
    if (film) consensus.set(filmId, await consensusOf(store, film));
  }
  return { profile: criticProfile({ id: critic.id, name: critic.name }, reviews, (id) => consensus.get(id)), reviews };
}

/** A franchise's ranking and timeline, with the stored rows. */
export async function franchiseOf(store: Store, name: string): Promise<{ franchise: FranchiseRow; view: FranchiseView; consensus: Map<string, FilmConsensus> } | null> {
  const franchise = await store.getFranchise(name);
  if (!franchise) return null;
  const consensus = new Map<string, FilmConsensus>();
  for (const f of franchise.films) if (f.reviewCount > 0) consensus.set(f.id, await consensusOf(store, f));
  const view = franchiseView(
    franchise.name,
    franchise.films.map((f) => ({ film: { id: f.id, title: f.title, year: f.year }, consensus: consensus.get(f.id) ?? null })),
    rowTimelineEdges(franchise.chronology),
  );
  return { franchise, view, consensus };
}
