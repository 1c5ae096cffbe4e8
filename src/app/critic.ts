/**
 * @module Use case: read critics: the list (or a name search), who a user's words name, a page of their reviews, and a profile (reviews, mean score, offset from
 * each film's consensus, agreement) with the publication they write for most.
 */
import { criticProfile, type CriticProfile, type FilmConsensus } from '../aggregate/index.ts';
import type { CriticRow, Page, ReviewView, Store } from '../store/store.ts';
import { consensusOf } from './consensus.ts';
import { allReviews } from './reviews.ts';

/** A critic by id or by name; a unique partial match ("Ebert" for "Roger Ebert") too. */
export async function resolveCritic(store: Store, query: string): Promise<CriticRow | null> {
  const q = query.trim();
  if (!q) return null;
  const exact = (await store.getCritic(q)) ?? (await store.findCritic(q));
  if (exact) return exact;
  const page = await store.listCritics({ search: q, limit: 2 });
  return page.items.length === 1 ? (page.items[0] ?? null) : null;
}

/** A critic's profile against each film's consensus, their reviews (newest first) and main publication. */
export async function criticProfileOf(store: Store, critic: CriticRow): Promise<{ profile: CriticProfile; reviews: ReviewView[]; publication: string | null }> {
  const reviews = await allReviews(store, { criticId: critic.id });
  const consensus = new Map<string, FilmConsensus>();
  for (const filmId of new Set(reviews.map((r) => r.filmId))) {
    const film = await store.getFilm(filmId);
    if (film) consensus.set(filmId, await consensusOf(store, film));
  }
  const pubs = new Map<string, number>();
  for (const r of reviews) if (r.publicationName) pubs.set(r.publicationName, (pubs.get(r.publicationName) ?? 0) + 1);
  const publication = [...pubs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { profile: criticProfile({ id: critic.id, name: critic.name }, reviews, (id) => consensus.get(id)), reviews, publication };
}

/** A page of critics, most reviews first; `search` matches part of the name. */
export function listCritics(store: Store, q: { search?: string | undefined; limit: number; offset: number }): Promise<Page<CriticRow>> {
  return store.listCritics({ ...(q.search ? { search: q.search } : {}), limit: q.limit, offset: q.offset });
}

/** A page of a critic's reviews, newest first. */
export function criticReviews(store: Store, criticId: string, q: { limit: number; offset: number }): Promise<Page<ReviewView>> {
  return store.listReviews({ criticId, limit: q.limit, offset: q.offset });
}

/** A critic by id, with their profile. */
export async function criticById(store: Store, id: string): Promise<({ critic: CriticRow } & Awaited<ReturnType<typeof criticProfileOf>>) | null> {
  const critic = await store.getCritic(id);
  return critic ? { critic, ...(await criticProfileOf(store, critic)) } : null;
}

/** The publication a critic writes for most, among their latest `sample` reviews (null when none is named). */
export async function mainPublication(store: Store, criticId: string, sample = 50): Promise<string | null> {
  const page = await store.listReviews({ criticId, limit: sample, offset: 0 });
  const pubs = new Map<string, number>();
  for (const r of page.items) if (r.publicationName) pubs.set(r.publicationName, (pubs.get(r.publicationName) ?? 0) + 1);
  return [...pubs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

/** A page of critics, each with their main publication. */
export async function listCriticsWithPublication(store: Store, q: { search?: string | undefined; limit: number; offset: number }): Promise<Page<CriticRow & { publication: string | null }>> {
  const page = await listCritics(store, q);
  const items = await Promise.all(page.items.map(async (c) => ({ ...c, publication: await mainPublication(store, c.id) })));
  return { ...page, items };
}
