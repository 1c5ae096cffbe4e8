/**
 * @module Use case: read a franchise: its films ranked by consensus and its in-universe timeline, from the
 * chronology the store holds and what the franchise's review cards state ("set between Chapters 3 and 4").
 * A film a card names that the store lacks still takes its place in the timeline (id `ref:<key>`). With the
 * film index, also the whole series in release order, the films the store lacks included.
 */
import { cardTimelineEdges, franchiseView, keyResolver, releaseOrder, rowTimelineEdges, type FilmConsensus, type FilmRef, type FranchiseView, type ReleaseEntry, type TimelineEdge } from '../aggregate/index.ts';
import type { FilmIndex } from '../analyze/entities/film-index.ts';
import { filmKey, nameKey } from '../store/ids.ts';
import type { FilmRow, FranchiseRow, Store } from '../store/store.ts';
import { consensusOrNull } from './consensus.ts';
import { allReviews } from './reviews.ts';

interface FranchiseRead {
  franchise: FranchiseRow;
  /** Ranking of the stored films; the timeline may hold films only referenced (ids starting `ref:`). */
  view: FranchiseView;
  consensus: Map<string, FilmConsensus>;
  /** The series as the film index knows it, in release order (empty without an index or a linked film). */
  releases: ReleaseEntry[];
}

interface CardEdges {
  stamp: string;
  edges: TimelineEdge[];
  refs: FilmRef[];
}

/** Timeline edges the cards state, keyed the way the import keys films (`filmKey`). */
async function cardEdges(store: Store, films: readonly FilmRow[]): Promise<Omit<CardEdges, 'stamp'>> {
  const resolve = keyResolver(films);
  const refs = new Map<string, FilmRef>();
  const edges: TimelineEdge[] = [];
  for (const film of films) {
    for (const r of await allReviews(store, { filmId: film.id })) {
      const chronology = r.card?.chronology ?? [];
      if (chronology.length === 0) continue;
      edges.push(
        ...cardTimelineEdges(film.id, chronology, (key, title) => {
          const k = key || filmKey(title);
          const hit = resolve(k);
          if (hit) return hit;
          const id = `ref:${k}`;
          if (!refs.has(id)) refs.set(id, { id, title, year: null });
          return id;
        }),
      );
    }
  }
  return { edges, refs: [...refs.values()] };
}

/**
 * A franchise by name. `cache` keeps the edges read from cards until one of the franchise's films gains
 * reviews (the site passes one; a one-off read needs none). `index` (the model's film index) gives the release order.
 */
export async function franchiseOf(store: Store, name: string, cache?: Map<string, CardEdges>, index?: FilmIndex | null): Promise<FranchiseRead | null> {
  const franchise = await store.getFranchise(name);
  if (!franchise) return null;
  const consensus = new Map<string, FilmConsensus>();
  for (const f of franchise.films) {
    const c = await consensusOrNull(store, f);
    if (c) consensus.set(f.id, c);
  }
  const stamp = franchise.films.map((f) => `${f.id}:${f.reviewCount}`).join(',');
  let fromCards = cache?.get(franchise.key);
  if (!fromCards || fromCards.stamp !== stamp) {
    fromCards = { stamp, ...(await cardEdges(store, franchise.films)) };
    cache?.set(franchise.key, fromCards);
  }
  const stored = franchise.films.map((f) => ({ film: { id: f.id, title: f.title, year: f.year }, consensus: consensus.get(f.id) ?? null }));
  const view = franchiseView(franchise.name, [...stored, ...fromCards.refs.map((film) => ({ film, consensus: null }))], [...rowTimelineEdges(franchise.chronology), ...fromCards.edges]);
  const ids = new Set(franchise.films.map((f) => f.id));
  const releases = index ? releaseOrder(index, franchise.films) : [];
  return { franchise, view: { ...view, ranking: view.ranking.filter((e) => ids.has(e.id)).map((e, i) => ({ ...e, rank: i + 1 })) }, consensus, releases };
}

/** Every franchise with its number of films. */
export function listFranchises(store: Store): Promise<{ name: string; key: string; filmCount: number }[]> {
  return store.listFranchises();
}

/** A franchise's id in URLs: its key with dashes ("John Wick" → "john-wick"). */
export const franchiseId = (name: string): string => nameKey(name).replace(/ /g, '-');

/** A franchise by its URL id. */
export async function franchiseById(store: Store, id: string, cache?: Map<string, CardEdges>, index?: FilmIndex | null): Promise<FranchiseRead | null> {
  const entry = (await store.listFranchises()).find((f) => franchiseId(f.name) === id);
  return entry ? franchiseOf(store, entry.name, cache, index) : null;
}
