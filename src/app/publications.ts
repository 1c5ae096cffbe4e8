/**
 * @module Use case: read publications: the list (or a name search), one publication's critics, a page of its
 * reviews, and its profile: share fresh of its reviews and its leniency against each film's consensus (the
 * critic profile's measure), over its latest PROFILE_REVIEWS reviews.
 */
import { criticProfile } from '../aggregate/index.ts';
import { nameKey, publicationId } from '../store/ids.ts';
import type { CriticRow, Page, PublicationRow, ReviewView, Store } from '../store/store.ts';
import { consensusOfFilms } from './consensus.ts';
import { PROFILE_REVIEWS } from './critic.ts';
import { shareOf, type ShareEstimate } from './film-extras.ts';

/** The id of the publication page for a publication name as reviews give it (null when none). */
export function publicationIdOf(name: string | null): string | null {
  const key = name ? nameKey(name) : '';
  return key ? publicationId(key) : null;
}

/** A page of publications, most reviews first; `search` matches part of the name. */
export function listPublications(store: Store, q: { search?: string | undefined; limit: number; offset: number }): Promise<Page<PublicationRow>> {
  return store.listPublications({ ...(q.search ? { search: q.search } : {}), limit: q.limit, offset: q.offset });
}

/** A page of a publication's reviews, newest first. */
export function publicationReviews(store: Store, id: string, q: { limit: number; offset: number }): Promise<Page<ReviewView>> {
  return store.listReviews({ publicationId: id, limit: q.limit, offset: q.offset });
}

export interface PublicationProfile {
  publication: PublicationRow;
  critics: CriticRow[];
  /** How many of its latest reviews the share, score, leniency and agreement read (at most PROFILE_REVIEWS). */
  profileReviews: number;
  fresh: ShareEstimate;
  meanScore: number | null;
  meanOffset: number | null;
  agreement: number | null;
}

/**
 * A publication by id with its critics (up to `criticLimit`), and its share fresh and leniency over its latest
 * `PROFILE_REVIEWS` reviews; null when unknown.
 */
export async function publicationById(store: Store, id: string, criticLimit = 100): Promise<PublicationProfile | null> {
  const publication = await store.getPublication(id);
  if (!publication) return null;
  const { items: reviews } = await store.listReviews({ publicationId: id, limit: PROFILE_REVIEWS, offset: 0 });
  const consensus = await consensusOfFilms(store, reviews);
  const p = criticProfile({ id, name: publication.name }, reviews, (f) => consensus.get(f));
  return { publication, critics: await store.publicationCritics(id, criticLimit), profileReviews: reviews.length, fresh: shareOf(reviews), meanScore: p.meanScore, meanOffset: p.meanOffset, agreement: p.agreement };
}
