/**
 * @module Use case: find and read films: what a user's words name, a page of films (search or most reviewed)
 * with each one's consensus, the home page's top films.
 */
import type { FilmConsensusWithExtras } from './consensus.ts';
import type { FilmQuery, FilmRow, Page, Store } from '../store/store.ts';
import { consensusOrNull } from './consensus.ts';

export interface FilmWithConsensus {
  film: FilmRow;
  /** Null while the film has no review. */
  consensus: FilmConsensusWithExtras | null;
}

/**
 * The films a user's words name: an exact film id; else the films whose title key matches (all years, most
 * reviewed first); "Title (year)" narrows to that year; else a full-text search on titles.
 */
export async function resolveFilms(store: Store, query: string): Promise<FilmRow[]> {
  const q = query.trim();
  if (!q) return [];
  const byId = await store.getFilm(q);
  if (byId) return [byId];
  const yearMatch = /^(.*\S)\s*\((\d{4})\)$/.exec(q);
  const exact = await store.findFilmsByTitle(yearMatch ? (yearMatch[1] as string) : q);
  if (exact.length) return yearMatch ? exact.filter((f) => f.year === Number(yearMatch[2])) : exact;
  return (await store.listFilms({ search: q, limit: 20 })).items;
}

/** A film by id, with its consensus. */
export async function filmOf(store: Store, id: string): Promise<FilmWithConsensus | null> {
  const film = await store.getFilm(id);
  return film ? { film, consensus: await consensusOrNull(store, film) } : null;
}

/** A page of films (a title search, a franchise, or all, most reviewed first), each with its consensus. */
export async function listFilms(store: Store, q: FilmQuery): Promise<Page<FilmWithConsensus>> {
  // An empty search (`films --search ""`, `?q=`) is no filter, as on the site's /films page.
  const page = await store.listFilms({ ...q, search: q.search?.trim() || undefined });
  return { items: await Promise.all(page.items.map(async (film) => ({ film, consensus: await consensusOrNull(store, film) }))), total: page.total };
}

/** The films of a franchise (by name), most reviewed first: the light rows, no consensus read. */
export async function franchiseFilms(store: Store, franchise: string, limit = 20): Promise<FilmRow[]> {
  return (await store.listFilms({ franchise, limit, order: 'reviews' })).items;
}

/** Films for the home page: the most reviewed that have reviews. */
export async function topFilms(store: Store, limit: number): Promise<FilmWithConsensus[]> {
  return (await listFilms(store, { limit: limit * 3, order: 'reviews' })).items.filter((f) => f.film.reviewCount > 0).slice(0, limit);
}

/** A cheap version stamp of a film's data for caches (its review count), null when there is no such film. */
export async function filmStamp(store: Store, id: string): Promise<string | null> {
  const f = await store.getFilm(id);
  return f ? `${f.reviewCount}.${f.edits ?? 0}` : null;
}
