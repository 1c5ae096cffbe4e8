/**
 * @module A franchise: entries ranked by consensus, and the in-universe timeline from chronology edges
 * (reviews saying "set between Chapters 3 and 4"). Edges are votes: opposite votes cancel, and when the
 * remaining edges form a cycle the weakest edge is dropped and reported as a conflict.
 */
import type { ChronologyEdge } from '../analyze/card.ts';
import type { FilmIndex, SeriesRelation } from '../analyze/entities/film-index.ts';
import type { FilmConsensus, FilmRef, FranchiseEntry, FranchiseView, TimelineEdge } from './types.ts';

/**
 * Ranks a franchise's films (highest lower bound of the share's Wilson interval first, then share, score and
 * review count; films without a consensus last) and orders them in story time.
 */
export function franchiseView(
  name: string,
  films: readonly { film: FilmRef; consensus: FilmConsensus | null }[],
  edges: readonly TimelineEdge[] = [],
): FranchiseView {
  const ranked = [...films].sort((a, b) => {
    // The lower end of the Wilson interval first, so that one glowing review does not outrank a hundred good ones.
    const la = a.consensus?.interval?.low ?? a.consensus?.share ?? -1;
    const lb = b.consensus?.interval?.low ?? b.consensus?.share ?? -1;
    if (la !== lb) return lb - la;
    const sa = a.consensus?.share ?? -1;
    const sb = b.consensus?.share ?? -1;
    if (sa !== sb) return sb - sa;
    const ca = a.consensus?.score ?? -1;
    const cb = b.consensus?.score ?? -1;
    if (ca !== cb) return cb - ca;
    const ra = a.consensus?.reviews ?? 0;
    const rb = b.consensus?.reviews ?? 0;
    if (ra !== rb) return rb - ra;
    return byYearTitle(a.film, b.film);
  });
  const ranking: FranchiseEntry[] = ranked.map((x, i) => ({
    id: x.film.id,
    title: x.film.title,
    year: x.film.year,
    rank: i + 1,
    share: x.consensus?.share ?? null,
    score: x.consensus?.score ?? null,
    certified: x.consensus?.certified ?? false,
    reviews: x.consensus?.reviews ?? 0,
  }));
  const { order, conflicts } = timeline(films.map((x) => x.film), edges);
  return { name, ranking, timeline: order.map((f) => ({ filmId: f.id, title: f.title, year: f.year })), conflicts };
}

/** In-universe order of the films that edges place (earliest first); ties by release year, then title. */
export function timeline(
  films: readonly FilmRef[],
  edges: readonly TimelineEdge[],
): { order: FilmRef[]; conflicts: { fromFilmId: string; toFilmId: string }[] } {
  const byId = new Map(films.map((f) => [f.id, f]));
  // Net votes per unordered pair.
  const votes = new Map<string, number>();
  for (const e of edges) {
    if (e.before === e.after || !byId.has(e.before) || !byId.has(e.after)) continue;
    const [a, b, v] = e.before < e.after ? [e.before, e.after, 1] : [e.after, e.before, -1];
    const k = `${a}\u0000${b}`;
    votes.set(k, (votes.get(k) ?? 0) + v);
  }
  let arcs: { from: string; to: string; w: number }[] = [];
  for (const [k, v] of votes) {
    if (v === 0) continue;
    const [a, b] = k.split('\u0000') as [string, string];
    arcs.push(v > 0 ? { from: a, to: b, w: v } : { from: b, to: a, w: -v });
  }
  const conflicts: { fromFilmId: string; toFilmId: string }[] = [];
  const placed = new Set(arcs.flatMap((a) => [a.from, a.to]));
  const order: FilmRef[] = [];
  const done = new Set<string>();
  while (done.size < placed.size) {
    const live = arcs.filter((a) => !done.has(a.from) && !done.has(a.to));
    const indeg = new Map<string, number>();
    for (const a of live) indeg.set(a.to, (indeg.get(a.to) ?? 0) + 1);
    const ready = [...placed].filter((id) => !done.has(id) && !indeg.get(id)).map((id) => byId.get(id)!);
    if (ready.length === 0) {
      // A cycle: drop the weakest live arc (ties: the later pair by id) and try again.
      const weakest = [...live].sort((a, b) => a.w - b.w || (b.from + b.to < a.from + a.to ? -1 : 1))[0]!;
      conflicts.push({ fromFilmId: weakest.from, toFilmId: weakest.to });
      arcs = arcs.filter((a) => a !== weakest);
      continue;
    }
    ready.sort(byYearTitle);
    const next = ready[0]!;
    order.push(next);
    done.add(next.id);
  }
  return { order, conflicts };
}

/**
 * Timeline edges from one card's chronology ("this film comes after X"): `resolve` maps the other film's title
 * key to a film id (null when unknown; that edge is skipped).
 */
export function cardTimelineEdges(filmId: string, chronology: readonly ChronologyEdge[], resolve: (key: string, title: string) => string | null): TimelineEdge[] {
  const out: TimelineEdge[] = [];
  for (const c of chronology) {
    const other = resolve(c.otherKey, c.other);
    if (!other || other === filmId) continue;
    out.push(c.relation === 'after' ? { before: other, after: filmId } : { before: filmId, after: other });
  }
  return out;
}

/** Timeline edges from stored chronology rows (`from` comes `relation` `to`). */
export function rowTimelineEdges(rows: readonly { fromFilmId: string; toFilmId: string; relation: 'before' | 'after' }[]): TimelineEdge[] {
  return rows.map((r) => (r.relation === 'before' ? { before: r.fromFilmId, after: r.toFilmId } : { before: r.toFilmId, after: r.fromFilmId }));
}

function byYearTitle(a: FilmRef, b: FilmRef): number {
  const ya = a.year ?? Number.MAX_SAFE_INTEGER;
  const yb = b.year ?? Number.MAX_SAFE_INTEGER;
  if (ya !== yb) return ya - yb;
  return a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Resolves a title key from a card's chronology to one of `films`: the same key, else the one film whose key
 * starts with it as whole words ("john wick 3" → "john wick 3 parabellum"); null when none or ambiguous.
 */
export function keyResolver(films: readonly { id: string; key: string }[]): (key: string) => string | null {
  const exact = new Map(films.map((f) => [f.key, f.id]));
  return (key) => {
    if (!key) return null;
    const hit = exact.get(key);
    if (hit) return hit;
    const prefixed = films.filter((f) => f.key.startsWith(`${key} `));
    return prefixed.length === 1 ? prefixed[0]!.id : null;
  };
}

/** A film of the franchise's series as the film index knows it, with the stored film when there is one. */
export interface ReleaseEntry {
  /** The film index id (Wikipedia page key). */
  indexId: string;
  title: string;
  year: number;
  /** Place in the series the index gives, null when it gives none (spin-offs often). */
  order: number | null;
  relation: SeriesRelation | null;
  /** The stored film linked to this index film, null when the store has none. */
  filmId: string | null;
  reviews: number;
}

/**
 * Every film of the series the franchise's linked films belong to, in release order (the index's series
 * order, then year; films without an order after), the index's duplicate pages of one film folded into one.
 * Reads only the series' rows, never the whole index.
 */
export function releaseOrder(
  index: Pick<FilmIndex, 'rowOf' | 'film' | 'seriesRows'>,
  films: readonly { id: string; indexId?: string | null | undefined; reviewCount: number }[],
): ReleaseEntry[] {
  // The stored film of each index id (the most reviewed when two are linked to one).
  const stored = new Map<string, { id: string; reviewCount: number }>();
  const seriesRows: (readonly number[])[] = [];
  const seen = new Set<string>();
  for (const f of films) {
    if (!f.indexId) continue;
    const had = stored.get(f.indexId);
    if (!had || f.reviewCount > had.reviewCount) stored.set(f.indexId, f);
    const row = index.rowOf(f.indexId);
    if (row < 0) continue;
    const name = index.film(row).series?.name;
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    seriesRows.push(index.seriesRows(row));
  }
  const entries: ReleaseEntry[] = [];
  // Title keys and aliases of the kept entries, to fold the index's duplicate pages of one film.
  const names: { year: number; keys: Set<string> }[] = [];
  for (const rows of seriesRows) {
    for (const r of rows) {
      const e = index.film(r);
      const s = stored.get(e.id);
      const entry: ReleaseEntry = { indexId: e.id, title: e.title, year: e.year, order: e.series?.order ?? null, relation: e.series?.relation ?? null, filmId: s?.id ?? null, reviews: s?.reviewCount ?? 0 };
      const keys = new Set([e.key, ...e.aliases]);
      const at = names.findIndex((n) => n.year === e.year && [...keys].some((k) => n.keys.has(k)));
      if (at < 0) {
        entries.push(entry);
        names.push({ year: e.year, keys });
        continue;
      }
      // Two pages of one film ("Ballerina" and "From the World of John Wick: Ballerina", same year, one's alias the
      // other's title): one entry, in the first one's place, shown as the stored one (the most reviewed).
      const first = entries[at]!;
      const shown = entry.reviews > first.reviews ? entry : first;
      entries[at] = { ...shown, order: first.order ?? entry.order, relation: first.relation ?? entry.relation };
      for (const k of keys) names[at]!.keys.add(k);
    }
  }
  // Films linked to two series of the index: one list, by year (stable, so each series keeps its order).
  return seriesRows.length > 1 ? entries.sort((a, b) => a.year - b.year) : entries;
}
