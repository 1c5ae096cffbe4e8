/**
 * @module Use case: the editors' review queue. Unchecked reviews ordered by how much checking them would
 * change: the chance the call the consensus counts is wrong (the model's calibrated doubt; a verdict that
 * disagrees with the critic's own rating; a human label counts as nearly sure), plus the chance the review sits
 * on the wrong film (the text names another, the film index links it to another year or weakly) or credits a director
 * the film index contradicts, times the weight of one review in its film (1 / reviews), times how close the film's share
 * is to the 60% fresh line (a check there can flip the page). `doubtOf` is pure, so `verdict eval editing`
 * ranks with the very same rule.
 */
import type { ReviewCard } from '../analyze/card.ts';
import { filmKey } from '../store/ids.ts';
import type { FilmRow, ReviewView, Store } from '../store/store.ts';
import { consensusOrNull } from './consensus.ts';
import { streamReviews } from './reviews.ts';

export const DOUBT_KINDS = ['verdict', 'rating', 'film', 'credit', 'label'] as const;
export type DoubtKind = (typeof DOUBT_KINDS)[number];

export interface Doubt {
  kind: DoubtKind;
  /** Chance, in [0, 1], that the check changes this part. */
  p: number;
  detail: string;
}

/** The facts the queue reads from a review. */
export interface QueueFacts {
  label: boolean | null;
  rating: number | null;
  card: ReviewCard | null;
  /** The stored film's key, to compare with the film the text names. */
  filmKey?: string | undefined;
  /** The stored film's year, to compare with the film index's. */
  filmYear?: number | null | undefined;
}

/** Reviews whose check would change the call with less than this chance stay out of the queue. */
export const MIN_CHANCE = 0.02;

/** Where the fresh line sits (Rotten Tomatoes: 60%). */
export const FRESH_LINE = 0.6;

/** Weight of a film's closeness to the fresh line: 1 on the line, falling to 0.25 at 25 points away and beyond. */
export function lineWeight(share: number | null): number {
  if (share === null) return 1;
  return 0.25 + 0.75 * Math.max(0, 1 - Math.abs(share - FRESH_LINE) / 0.25);
}

/** Why a review is in doubt, most doubtful part first; empty when nothing is doubtful. */
export function doubtsOf(r: QueueFacts): Doubt[] {
  const out: Doubt[] = [];
  const v = r.card?.verdict;
  const rating = r.rating ?? r.card?.rating?.normalized ?? null;
  if (r.label !== null) {
    // A human label already decides the call; a model that disagrees with it may point at a mislabelled row.
    if (v && v.fresh !== r.label) out.push({ kind: 'label', p: 0.05 * (2 * v.confidence - 1), detail: `the source says ${r.label ? 'fresh' : 'rotten'}, the text reads ${v.fresh ? 'fresh' : 'rotten'}` });
  } else if (v) {
    const pWrong = Math.max(0, Math.min(0.5, 1 - v.confidence));
    out.push({ kind: 'verdict', p: pWrong, detail: `the model says ${v.fresh ? 'fresh' : 'rotten'} with ${Math.round(v.confidence * 100)}% confidence` });
    if (rating !== null && rating >= FRESH_LINE * 100 !== v.fresh) {
      // The rating and the text disagree: one of them is read wrong (or the critic is lukewarm): a coin toss.
      out.push({ kind: 'rating', p: 0.45, detail: `the critic's own rating (${Math.round(rating)}/100) says ${rating >= 60 ? 'fresh' : 'rotten'}` });
    }
  }
  const f = r.card?.film;
  if (f && f.source !== 'metadata') {
    if (r.filmKey && f.key && f.key !== r.filmKey && filmKey(f.title) !== r.filmKey) out.push({ kind: 'film', p: 0.5 * f.confidence, detail: `the text names "${f.title}"` });
    else if (f.confidence < 0.6) out.push({ kind: 'film', p: 0.3 * (1 - f.confidence), detail: `the film is recognised with ${Math.round(f.confidence * 100)}% confidence` });
  }
  if (f) {
    // The film index (models/films/): a link to a film of another year, a weak link, no link at all.
    if (f.year && r.filmYear && f.year !== r.filmYear) out.push({ kind: 'film', p: 0.3 * (f.linkConfidence ?? 0.5), detail: `the film index links the review to "${f.title}" (${f.year}), not ${r.filmYear}` });
    else if (f.linkConfidence !== undefined && f.linkConfidence < 0.6) out.push({ kind: 'film', p: 0.2 * (1 - f.linkConfidence), detail: `linked to the film index with ${Math.round(f.linkConfidence * 100)}% confidence` });
    else if (f.unlinked) out.push({ kind: 'film', p: 0.03, detail: 'the film is not in the film index' });
    // A director the text credits whom the index does not list.
    if (f.directors?.length) {
      const known = new Set(f.directors.map((d) => d.toLowerCase()));
      const odd = (r.card?.credits ?? []).filter((c) => c.role === 'director' && !known.has(c.person.toLowerCase()));
      if (odd.length) out.push({ kind: 'credit', p: 0.5, detail: `the text credits ${odd.map((c) => c.person).join(', ')} as director; the film index says ${f.directors.join(', ')}` });
    }
  }
  return out.sort((a, b) => b.p - a.p);
}

/** The chance the check changes the film's count (the largest verdict doubt) plus the chance it moves the review. */
export function changeChance(doubts: Doubt[]): number {
  let call = 0;
  let film = 0;
  let credit = 0;
  for (const d of doubts) {
    if (d.kind === 'film') film = Math.max(film, d.p);
    else if (d.kind === 'credit') credit = Math.max(credit, d.p);
    else call = Math.max(call, d.p);
  }
  // A wrong credit does not move the share; it weighs a tenth of a call.
  return Math.min(1, call + film + 0.1 * credit);
}

/** How much checking the review would change its film's page: change chance × one review's weight × closeness to the line. */
export function priorityOf(doubts: Doubt[], filmReviews: number, filmShare: number | null): number {
  return (changeChance(doubts) / Math.max(1, filmReviews)) * lineWeight(filmShare);
}

export interface QueueItem {
  review: ReviewView;
  priority: number;
  doubts: Doubt[];
  filmShare: number | null;
}

export interface QueueQuery {
  filmId?: string | undefined;
  criticId?: string | undefined;
  kind?: DoubtKind | undefined;
  limit: number;
  offset: number;
}

/**
 * The unchecked reviews in doubt, highest priority first (ties by id). Reads the reviews of the films
 * asked for (or every review), so on a large database filter by film or critic.
 */
export async function reviewQueue(store: Store, q: QueueQuery): Promise<{ items: QueueItem[]; total: number }> {
  const films = new Map<string, { film: FilmRow; share: number | null } | null>();
  const filmInfo = async (id: string) => {
    if (!films.has(id)) {
      const film = await store.getFilm(id);
      films.set(id, film ? { film, share: (await consensusOrNull(store, film))?.share ?? null } : null);
    }
    return films.get(id)!;
  };
  const all: QueueItem[] = [];
  for await (const r of streamReviews(store, { filmId: q.filmId, criticId: q.criticId })) {
    if (r.overrides?.checked) continue;
    const info = await filmInfo(r.filmId);
    if (!info) continue;
    const doubts = doubtsOf({ label: r.label, rating: r.rating, card: r.card, filmKey: info.film.key, filmYear: info.film.year });
    // Nearly sure calls are not worth an editor's time (the eval ranks every review; the queue lists the doubtful ones).
    if (changeChance(doubts) < MIN_CHANCE) continue;
    if (q.kind && !doubts.some((d) => d.kind === q.kind)) continue;
    all.push({ review: r, doubts, priority: priorityOf(doubts, info.film.reviewCount, info.share), filmShare: info.share });
  }
  all.sort((a, b) => b.priority - a.priority || (a.review.id < b.review.id ? -1 : 1));
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}
