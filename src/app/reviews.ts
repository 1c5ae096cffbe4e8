/**
 * @module Use case: read reviews: every review of a film or critic (paged through the store), a film's reviews
 * filtered by what the model says (fresh/rotten, aspects), one review with its card.
 */
import type { AspectId } from '../analyze/card.ts';
import { analyze, type Model, type ReviewCard } from '../analyze/index.ts';
import type { Page, ReviewQuery, ReviewView, Store } from '../store/store.ts';

const BATCH = 5000;

/** Every review matching `q` (newest first), read a page at a time; without a filter, every review in id order. */
export async function* streamReviews(store: Store, q: Omit<ReviewQuery, 'limit' | 'offset'> = {}): AsyncIterable<ReviewView> {
  if (Object.values(q).every((v) => v === undefined)) {
    yield* store.iterateReviews(BATCH);
    return;
  }
  for (let offset = 0; ; offset += BATCH) {
    const page = await store.listReviews({ ...q, limit: BATCH, offset });
    yield* page.items;
    if (page.items.length < BATCH) return;
  }
}

/** Every review matching `q`, newest first. */
export async function allReviews(store: Store, q: Omit<ReviewQuery, 'limit' | 'offset'>): Promise<ReviewView[]> {
  const out: ReviewView[] = [];
  for await (const r of streamReviews(store, q)) out.push(r);
  return out;
}

/** The review's fresh/rotten call: the source's label, else the model's. */
export const freshOf = (r: ReviewView): boolean | null => r.label ?? r.card?.verdict?.fresh ?? null;

/** Aspects the review discusses. */
export const aspectsOf = (card: ReviewCard): AspectId[] => card.aspects.map((a) => a.aspect);

interface FilmReviewFilter {
  top?: boolean | undefined;
  fresh?: 'fresh' | 'rotten' | undefined;
  aspect?: AspectId | undefined;
  /** Order: newest first (default), oldest first, highest or lowest score, top critics first (then newest); ties by id. */
  sort?: '-date' | 'date' | '-score' | 'score' | 'top' | undefined;
  limit: number;
  offset: number;
}

/** A review's score for sorting: the critic's normalised rating, else the model's score (null last). */
function sortScore(r: ReviewView): number | null {
  return r.rating ?? r.card?.verdict?.score ?? null;
}

const byId = (a: ReviewView, b: ReviewView): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byDateDesc = (a: ReviewView, b: ReviewView): number => (a.date === b.date ? 0 : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1);

/** The comparator of a sort order: a total order (ties broken by id), so pages are stable. */
function comparator(sort: NonNullable<FilmReviewFilter['sort']>): (a: ReviewView, b: ReviewView) => number {
  const score = (dir: 1 | -1) => (a: ReviewView, b: ReviewView): number => {
    const x = sortScore(a);
    const y = sortScore(b);
    if (x === y) return byDateDesc(a, b) || byId(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * dir;
  };
  switch (sort) {
    case 'date':
      return (a, b) => -byDateDesc(a, b) || byId(a, b);
    case '-score':
      return score(-1);
    case 'score':
      return score(1);
    case 'top':
      return (a, b) => Number(b.topCritic) - Number(a.topCritic) || byDateDesc(a, b) || byId(a, b);
    default:
      return (a, b) => byDateDesc(a, b) || byId(a, b);
  }
}

/** A page of a film's reviews (newest first unless `sort`); the store filters by top critic, fresh/rotten and aspects are filtered here. */
export async function filmReviews(store: Store, filmId: string, q: FilmReviewFilter): Promise<Page<ReviewView>> {
  const sort = q.sort ?? '-date';
  if (q.aspect === undefined && q.fresh === undefined && sort === '-date') return store.listReviews({ filmId, topCritic: q.top, limit: q.limit, offset: q.offset });
  const all = (await allReviews(store, { filmId, topCritic: q.top })).filter(
    (r) => (q.fresh === undefined || freshOf(r) === (q.fresh === 'fresh')) && (q.aspect === undefined || (r.card !== null && aspectsOf(r.card).includes(q.aspect))),
  );
  all.sort(comparator(sort));
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}

/** One review with its card (analysed now when it was stored without one). */
export async function reviewOf(store: Store, model: Model, id: string): Promise<(ReviewView & { card: ReviewCard }) | null> {
  const r = await store.getReview(id);
  if (!r) return null;
  return { ...r, card: r.card ?? analyze(r.text, model, { title: r.filmTitle, ...(r.rawRating ? { rating: r.rawRating } : {}) }) };
}
