/**
 * @module Use case: editors' corrections. Each is an audited event (who, when, what, before, after, why) that the
 * store records with its effect in one transaction, and that holds the change that undoes it. A review's corrected
 * fields are kept apart from the model's card (`ReviewView.overrides`), so they win over the model and survive
 * re-analysis, re-import (same content hash: a duplicate) and model upgrades. The consensus of every film touched
 * is recomputed at once.
 */
import { ASPECT_IDS, type AspectId } from '../analyze/card.ts';
import { creditKey, isEmptyOverrides, type CreditFix, type ReviewOverrides } from '../aggregate/corrections.ts';
import type { CorrectionEffect, CorrectionRow, FilmRow, NewCorrection, ReviewView, Store } from '../store/store.ts';
import { refreshConsensus } from './consensus.ts';
import { freshOf } from './reviews.ts';

export class CorrectionError extends Error {
  readonly status: 400 | 404 | 409;
  constructor(status: 400 | 404 | 409, message: string) {
    super(message);
    this.status = status;
  }
}

/** One change to a review. `checked` confirms the review as it is. */
export type ReviewChange =
  | { field: 'fresh'; value: boolean }
  | { field: 'score'; value: number }
  | { field: 'aspects'; value: Partial<Record<AspectId, number | null>> }
  | { field: 'quote'; value: { start: number; end: number } }
  | { field: 'credits'; add?: CreditFix[] | undefined; remove?: string[] | undefined }
  | { field: 'checked' };

interface Who {
  user: string;
  reason?: string | null | undefined;
  now?: Date;
}

async function reviewOrThrow(store: Store, id: string): Promise<ReviewView> {
  const r = await store.getReview(id);
  if (!r) throw new CorrectionError(404, `no review with id "${id}"`);
  return r;
}

async function filmOrThrow(store: Store, id: string): Promise<FilmRow> {
  const f = await store.getFilm(id);
  if (!f) throw new CorrectionError(404, `no film with id "${id}"`);
  return f;
}

function event(who: Who, fields: Pick<NewCorrection, 'reviewId' | 'filmId' | 'field' | 'before' | 'after' | 'undo'>): NewCorrection {
  return { ...fields, reason: who.reason?.trim() || null, user: who.user, createdAt: (who.now ?? new Date()).toISOString(), undoes: null };
}

async function commit(store: Store, c: NewCorrection, effects: CorrectionEffect[], films: string[]): Promise<CorrectionRow> {
  const id = await store.correct(c, effects);
  await refreshConsensus(store, films);
  return (await store.getCorrection(id))!;
}

/** The value of a field as the review shows it now (the editor's, else the source's or the model's). */
function currentValue(r: ReviewView, change: ReviewChange): unknown {
  const card = r.card;
  switch (change.field) {
    case 'fresh':
      return freshOf(r);
    case 'score':
      return r.rating ?? card?.verdict?.score ?? null;
    case 'aspects':
      return Object.fromEntries(Object.keys(change.value).map((a) => [a, card?.aspects.find((x) => x.aspect === a)?.polarity ?? null]));
    case 'quote':
      return card?.quotes[0] ? { start: card.quotes[0].start, end: card.quotes[0].end, text: card.quotes[0].text } : null;
    case 'credits':
      return (card?.credits ?? []).map((c) => ({ person: c.person, role: c.role, ...(c.character ? { character: c.character } : {}) }));
    case 'checked':
      return r.overrides?.checked === true;
  }
}

function validate(r: ReviewView, change: ReviewChange): void {
  if (change.field === 'score' && !(Number.isFinite(change.value) && change.value >= 0 && change.value <= 100)) throw new CorrectionError(400, 'a score is a number from 0 to 100');
  if (change.field === 'aspects') {
    for (const [a, p] of Object.entries(change.value)) {
      if (!(ASPECT_IDS as readonly string[]).includes(a)) throw new CorrectionError(400, `unknown aspect "${a}" (${ASPECT_IDS.join(', ')})`);
      if (p !== null && !(typeof p === 'number' && p >= -1 && p <= 1)) throw new CorrectionError(400, `aspect ${a}: polarity is a number from -1 to 1, or null to remove it`);
    }
  }
  if (change.field === 'quote') {
    const len = r.card?.text.length ?? 0;
    const { start, end } = change.value;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= len)) throw new CorrectionError(400, `a quote is a span of the review's text (0 ≤ start < end ≤ ${len})`);
  }
}

/** Applies one change to a review: returns the audit event. */
export async function correctReview(store: Store, reviewId: string, change: ReviewChange, who: Who): Promise<CorrectionRow> {
  const r = await reviewOrThrow(store, reviewId);
  validate(r, change);
  const prior: ReviewOverrides | null = r.overrides ?? null;
  const next: ReviewOverrides = { ...(prior ?? {}), checked: true };
  let after: unknown;
  switch (change.field) {
    case 'fresh':
      next.fresh = change.value;
      after = change.value;
      break;
    case 'score':
      next.score = Math.round(change.value * 10) / 10;
      after = next.score;
      break;
    case 'aspects':
      next.aspects = { ...(prior?.aspects ?? {}), ...change.value };
      after = change.value;
      break;
    case 'quote':
      next.quote = change.value;
      after = { ...change.value, text: r.card?.text.slice(change.value.start, change.value.end) ?? '' };
      break;
    case 'credits': {
      const remove = new Set([...(prior?.creditsRemove ?? []), ...(change.remove ?? [])]);
      const add = new Map((prior?.creditsAdd ?? []).map((c) => [creditKey(c), c]));
      for (const k of change.remove ?? []) add.delete(k);
      for (const c of change.add ?? []) {
        add.set(creditKey(c), c);
        remove.delete(creditKey(c));
      }
      next.creditsAdd = [...add.values()];
      next.creditsRemove = [...remove];
      after = { add: change.add ?? [], remove: change.remove ?? [] };
      break;
    }
    case 'checked':
      after = true;
      break;
  }
  const c = event(who, { reviewId, filmId: r.filmId, field: change.field, before: currentValue(r, change), after, undo: [{ kind: 'overrides', reviewId, overrides: isEmptyOverrides(prior) && !prior?.checked ? null : prior }] });
  return commit(store, c, [{ kind: 'overrides', reviewId, overrides: next }], [r.filmId]);
}

/** Moves a review to another film (the review keeps its id, so re-importing it changes nothing). */
export async function moveReview(store: Store, reviewId: string, filmId: string, who: Who): Promise<CorrectionRow> {
  const r = await reviewOrThrow(store, reviewId);
  const target = await filmOrThrow(store, filmId);
  if (target.mergedInto) throw new CorrectionError(409, `film "${target.title}" was merged into another; move the review there`);
  if (target.id === r.filmId) throw new CorrectionError(409, 'the review is already on that film');
  const prior = r.overrides ?? null;
  const c = event(who, {
    reviewId,
    filmId: r.filmId,
    field: 'film',
    before: { id: r.filmId, title: r.filmTitle },
    after: { id: target.id, title: target.title },
    undo: [
      { kind: 'move', reviewIds: [reviewId], filmId: r.filmId },
      { kind: 'overrides', reviewId, overrides: prior },
    ],
  });
  return commit(store, c, [{ kind: 'move', reviewIds: [reviewId], filmId: target.id }, { kind: 'overrides', reviewId, overrides: { ...(prior ?? {}), checked: true } }], [r.filmId, target.id]);
}

/** Merges film `fromId` into `intoId`: its reviews move there, and later imports of it land there too. */
export async function mergeFilms(store: Store, fromId: string, intoId: string, who: Who): Promise<CorrectionRow> {
  if (fromId === intoId) throw new CorrectionError(409, 'a film cannot be merged into itself');
  const from = await filmOrThrow(store, fromId);
  const into = await filmOrThrow(store, intoId);
  if (from.mergedInto) throw new CorrectionError(409, `film "${from.title}" was already merged`);
  if (into.mergedInto) throw new CorrectionError(409, `film "${into.title}" was merged into another; merge into that one`);
  const ids: string[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.listReviews({ filmId: from.id, limit: 5000, offset });
    ids.push(...page.items.map((r) => r.id));
    if (page.items.length < 5000) break;
  }
  const effects: CorrectionEffect[] = [
    { kind: 'move', reviewIds: ids, filmId: into.id },
    { kind: 'merge', from: from.id, into: into.id },
  ];
  if (!into.franchise && from.franchise) effects.push({ kind: 'franchise', filmId: into.id, franchise: from.franchise, position: null });
  const undo: CorrectionEffect[] = [
    { kind: 'merge', from: from.id, into: null },
    { kind: 'move', reviewIds: ids, filmId: from.id },
  ];
  if (!into.franchise && from.franchise) undo.push({ kind: 'franchise', filmId: into.id, franchise: null, position: null });
  const c = event(who, { reviewId: null, filmId: into.id, field: 'merge', before: { id: from.id, title: from.title, year: from.year, reviews: ids.length }, after: { id: into.id, title: into.title, year: into.year }, undo });
  return commit(store, c, effects, [from.id, into.id]);
}

/**
 * Splits reviews off a film into another film, created when missing (by title and year): for a film that got the
 * reviews of two films with one title. One audited event; undo moves them back.
 */
export async function splitFilm(store: Store, filmId: string, reviewIds: string[], newFilm: { title: string; year?: number | null }, who: Who): Promise<CorrectionRow> {
  const from = await filmOrThrow(store, filmId);
  const title = newFilm.title.trim();
  if (!title) throw new CorrectionError(400, 'the new film needs a title');
  if (reviewIds.length === 0) throw new CorrectionError(400, 'name the reviews to split off');
  for (const id of reviewIds) {
    const r = await reviewOrThrow(store, id);
    if (r.filmId !== from.id) throw new CorrectionError(409, `review ${id} is not on "${from.title}"`);
  }
  const year = newFilm.year ?? null;
  const existing = (await store.findFilmsByTitle(title)).find((f) => f.year === year);
  const into = existing ?? (await store.ensureFilm({ title, year }));
  if (into.id === from.id) throw new CorrectionError(409, 'that is the same film');
  const c = event(who, {
    reviewId: reviewIds.length === 1 ? reviewIds[0]! : null,
    filmId: from.id,
    field: 'split',
    before: { id: from.id, title: from.title, year: from.year },
    after: { id: into.id, title: into.title, year: into.year, reviews: reviewIds.length },
    undo: [{ kind: 'move', reviewIds, filmId: from.id }],
  });
  return commit(store, c, [{ kind: 'move', reviewIds, filmId: into.id }], [from.id, into.id]);
}

/** Sets (or clears, with null) a film's franchise and its order in it. */
export async function setFilmFranchise(store: Store, filmId: string, franchise: string | null, position: number | null, who: Who): Promise<CorrectionRow> {
  const f = await filmOrThrow(store, filmId);
  const old = await positionOf(store, f);
  const name = franchise?.trim() || null;
  if (position !== null && !(Number.isInteger(position) && position >= 0 && position <= 1000)) throw new CorrectionError(400, 'a position is a whole number from 0 to 1000');
  const c = event(who, { reviewId: null, filmId, field: 'franchise', before: { franchise: f.franchise, position: old }, after: { franchise: name, position }, undo: [{ kind: 'franchise', filmId, franchise: f.franchise, position: old }] });
  return commit(store, c, [{ kind: 'franchise', filmId, franchise: name, position: name ? position : null }], [filmId]);
}

async function positionOf(store: Store, f: FilmRow): Promise<number | null> {
  if (!f.franchise) return null;
  return (await store.getFranchise(f.franchise))?.entries.find((e) => e.filmId === f.id)?.position ?? null;
}

/** Publishes a film page (or takes it back to draft). */
export async function publishFilm(store: Store, filmId: string, publish: boolean, who: Who): Promise<CorrectionRow> {
  const f = await filmOrThrow(store, filmId);
  const at = publish ? (who.now ?? new Date()).toISOString() : null;
  const c = event(who, { reviewId: null, filmId, field: 'publish', before: f.publishedAt ?? null, after: at, undo: [{ kind: 'publish', filmId, at: f.publishedAt ?? null }] });
  return commit(store, c, [{ kind: 'publish', filmId, at }], [filmId]);
}

/** Undoes a correction (itself an audited event). Only the latest live correction of a review can be undone. */
export async function undoCorrection(store: Store, id: number, who: Who): Promise<CorrectionRow> {
  const c = await store.getCorrection(id);
  if (!c) throw new CorrectionError(404, `no correction with id ${id}`);
  if (c.undoneAt) throw new CorrectionError(409, `correction ${id} was already undone`);
  if (!c.undo) throw new CorrectionError(409, `correction ${id} cannot be undone`);
  if (c.reviewId) {
    const later = (await store.listCorrections({ reviewId: c.reviewId, limit: 50 })).find((x) => x.id > id && x.undoneAt === null && x.field !== 'undo');
    if (later) throw new CorrectionError(409, `undo correction ${later.id} first (it came later on the same review)`);
  }
  const films = new Set<string>();
  if (c.filmId) films.add(c.filmId);
  for (const e of c.undo) {
    if (e.kind === 'move') films.add(e.filmId);
    if (e.kind === 'merge') films.add(e.from);
  }
  const ev: NewCorrection = { ...event(who, { reviewId: c.reviewId, filmId: c.filmId, field: 'undo', before: { id: c.id, field: c.field, value: c.after }, after: { field: c.field, value: c.before }, undo: null }), undoes: c.id };
  return commit(store, ev, c.undo, [...films]);
}

/** The audit trail of a review or a film, newest first. */
export function auditOf(store: Store, q: { reviewId?: string; filmId?: string; limit?: number }): Promise<CorrectionRow[]> {
  return store.listCorrections(q);
}

/** How many of a film's reviews an editor checked. */
export function checkedCount(store: Store, filmId: string): Promise<number> {
  return store.checkedCount(filmId);
}

/** One editor-checked review as a training row (`verdict export --corrections`, read by `npm run train -- --corrections FILE`). */
export interface CorrectionTrainingRow {
  id: string;
  text: string;
  /** The editor's (or, for a confirmed review, the source's or model's) call. */
  fresh: 'fresh' | 'rotten';
  /** 1 fresh, 0 rotten. */
  y: number;
  film: string;
  critic: string | null;
  rating: string | null;
  /** Aspect opinions an editor set, polarity in [-1, 1] (null: not discussed). */
  aspects: Partial<Record<AspectId, number | null>> | null;
  /** What the model had said, when it disagreed. */
  modelFresh: 'fresh' | 'rotten' | null;
  source: 'editor';
}

/** Every review an editor corrected the verdict or aspects of, as training rows (id order). */
export async function* correctionTrainingRows(store: Store, opts: { includeConfirmed?: boolean } = {}): AsyncIterable<CorrectionTrainingRow> {
  for await (const r of store.iterateReviews(2000)) {
    const o = r.overrides;
    if (!o) continue;
    const corrected = o.fresh !== undefined || o.aspects !== undefined;
    if (!corrected && !(opts.includeConfirmed && o.checked)) continue;
    const fresh = freshOf(r);
    if (fresh === null) continue;
    const model = r.modelCard?.verdict ?? null;
    yield {
      id: r.id,
      text: r.modelCard?.text ?? r.text,
      fresh: fresh ? 'fresh' : 'rotten',
      y: fresh ? 1 : 0,
      film: r.filmTitle,
      critic: r.criticName,
      rating: r.rawRating,
      aspects: o.aspects ?? null,
      modelFresh: model && model.fresh !== fresh ? (model.fresh ? 'fresh' : 'rotten') : null,
      source: 'editor',
    };
  }
}
