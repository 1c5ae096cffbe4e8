/**
 * @module Use case: read critics: the list (or a name search), who a user's words name, a page of their reviews, and a profile (reviews, mean score, offset from
 * each film's consensus, agreement) with the publication they write for most.
 */
import { criticProfile, type CriticProfile } from '../aggregate/index.ts';
import type { CriticRow, Page, ReviewView, Store } from '../store/store.ts';
import { consensusOfFilms } from './consensus.ts';

/**
 * How many of a critic's or publication's latest reviews their profile reads: a page stays bounded however many
 * they wrote (a publication of a million-review store has tens of thousands, each on its own film).
 */
export const PROFILE_REVIEWS = 500;

/** A critic by id or by name; a unique partial match ("Ebert" for "Roger Ebert") too. */
export async function resolveCritic(store: Store, query: string): Promise<CriticRow | null> {
  const q = query.trim();
  if (!q) return null;
  const exact = (await store.getCritic(q)) ?? (await store.findCritic(q));
  if (exact) return exact;
  const page = await store.listCritics({ search: q, limit: 2 });
  return page.items.length === 1 ? (page.items[0] ?? null) : null;
}

/**
 * A critic's profile against each film's consensus over their latest `PROFILE_REVIEWS` reviews, those reviews
 * (newest first) and their main publication among them. `profile.reviews` counts all their reviews.
 */
export async function criticProfileOf(store: Store, critic: CriticRow): Promise<{ profile: CriticProfile & { profileReviews: number }; reviews: ReviewView[]; publication: string | null }> {
  const { items: reviews, total } = await store.listReviews({ criticId: critic.id, limit: PROFILE_REVIEWS, offset: 0 });
  const consensus = await consensusOfFilms(store, reviews);
  const pubs = new Map<string, number>();
  for (const r of reviews) if (r.publicationName) pubs.set(r.publicationName, (pubs.get(r.publicationName) ?? 0) + 1);
  const publication = [...pubs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const profile = criticProfile({ id: critic.id, name: critic.name }, reviews, (id) => consensus.get(id));
  return { profile: { ...profile, reviews: total, profileReviews: reviews.length }, reviews, publication };
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
