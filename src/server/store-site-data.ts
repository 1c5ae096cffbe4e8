/**
 * @module SiteData over the Store (src/store) and the aggregator (src/aggregate): maps store rows and
 * consensus onto the API's DTOs. A film's consensus is read from the store's cache and recomputed (then
 * cached) when the film has gained reviews since.
 */
import type { ReviewCard } from '../analyze/card.ts';
import { titleKey } from '../analyze/entities/index.ts';
import { analyze, type Model } from '../analyze/index.ts';
import type { CriticProfile as AggCriticProfile, FilmConsensus, FilmRef as AggFilmRef, FranchiseView, QuoteRef, ReviewFacts, TimelineEdge } from '../aggregate/types.ts';
import { nameKey } from '../store/ids.ts';
import { consensusOf as storeConsensusOf } from '../store/views.ts';
import type { CriticRow, FilmRow, NewReview as StoreNewReview, ReviewView, Store } from '../store/store.ts';
import type { Consensus, CriticProfile, CriticSummary, FilmSummary, FranchiseDetail, FranchiseSummary, NewReview, Quote, ReviewDetail, ReviewSummary } from './api/dto.ts';
import type { ImportResult, SiteData } from './site-data.ts';
import { aspectsOf, scoreOf, snippetOf } from './views.ts';

/** The aggregator functions the site uses for franchises and critics (injected so the mapping can be tested alone). */
export interface Aggregator {
  /** Ranking and timeline; `films` may include referenced films not in the store (ids starting `ref:`, no consensus). */
  franchise(name: string, films: { film: AggFilmRef; consensus: FilmConsensus | null }[], edges: TimelineEdge[]): FranchiseView;
  critic(critic: CriticRow, reviews: ReviewFacts[], consensus: Map<string, FilmConsensus>): AggCriticProfile;
}

/** URL id of a franchise: its key with dashes. */
export const franchiseId = (name: string): string => nameKey(name).replace(/ /g, '-');

const BATCH = 1000;

function quote(q: QuoteRef): Quote {
  return { text: q.text, reviewId: q.reviewId, critic: q.critic, publication: q.publication };
}

/** FilmConsensus (aggregate) → Consensus (API). */
export function consensusDto(c: FilmConsensus): Consensus {
  return {
    fresh: c.fresh,
    counted: c.counted,
    share: c.share,
    interval: c.interval,
    shareSource: c.shareSource,
    certified: c.certified,
    certifiedRule: c.certifiedRule,
    score: c.score,
    band: c.band,
    weights: c.weights,
    scoreBins: c.scoreBins,
    aspects: c.aspects.map((a) => ({ aspect: a.aspect, share: a.share, reviews: a.reviews, quotes: a.quotes.slice(0, 2).map(quote) })),
    line: c.line,
    quotes: c.quotes.map(quote),
  };
}

/** A stored review → the list DTO. */
export function reviewSummary(r: ReviewView): ReviewSummary {
  const card = r.card;
  const snip = card ? snippetOf(card) : { snippet: r.text.replace(/\s+/g, ' ').trim().slice(0, 280), spoiler: false };
  const fresh = r.label ?? card?.verdict?.fresh ?? null;
  return {
    id: r.id,
    film: { id: r.filmId, title: r.filmTitle },
    critic: r.criticId && r.criticName ? { id: r.criticId, name: r.criticName } : null,
    publication: r.publicationName,
    topCritic: r.topCritic,
    fresh,
    freshSource: r.label !== null ? 'label' : card?.verdict ? 'model' : null,
    score: card ? scoreOf(card, r.rating) : r.rating,
    rating: r.rawRating,
    date: r.date,
    snippet: snip.snippet,
    spoiler: snip.spoiler,
    aspects: card ? aspectsOf(card) : [],
  };
}

function filmSummary(f: FilmRow, c: FilmConsensus | null): FilmSummary {
  return {
    id: f.id,
    title: f.title,
    year: f.year,
    franchise: f.franchise ? { id: franchiseId(f.franchise), name: f.franchise } : null,
    reviews: f.reviewCount,
    shareFresh: c?.share ?? null,
    score: c?.score ?? null,
    certified: c?.certified ?? false,
  };
}

/** Build the site's data on a store. `model` analyses reviews written through the API (and stored rows without a card). */
export function storeSiteData(store: Store, model: Model, agg: Aggregator, opts: { source?: string } = {}): SiteData {
  async function allReviews(q: { filmId?: string; criticId?: string }): Promise<ReviewView[]> {
    const out: ReviewView[] = [];
    for (let offset = 0; ; offset += BATCH) {
      const page = await store.listReviews({ ...q, limit: BATCH, offset });
      out.push(...page.items);
      if (page.items.length < BATCH) return out;
    }
  }

  /** The film's consensus, from the store's cache when fresh (the store's own rule, store/views.ts), else computed and cached. */
  async function consensusOf(film: FilmRow): Promise<FilmConsensus | null> {
    if (film.reviewCount === 0) return null;
    return storeConsensusOf(store, film);
  }

  /** Timeline edges the franchise's review cards state, with the referenced films the store lacks. */
  async function franchiseCardEdges(films: FilmRow[]): Promise<{ edges: TimelineEdge[]; refs: Map<string, AggFilmRef> }> {
    // Match a card's reference by the store's key or the analyser's title key ("John Wick: Chapter 3 -
    // Parabellum" is stored as "john wick chapter 3 parabellum"; the analyser calls it "john wick 3").
    const byKey = new Map<string, string>();
    for (const f of films) {
      byKey.set(titleKey(f.title), f.id);
      byKey.set(f.key, f.id);
    }
    const edges: TimelineEdge[] = [];
    const refs = new Map<string, AggFilmRef>();
    for (const film of films) {
      for (const r of await allReviews({ filmId: film.id })) {
        for (const c of r.card?.chronology ?? []) {
          const key = c.otherKey || nameKey(c.other);
          let other = byKey.get(key) ?? byKey.get(nameKey(c.other));
          if (!other) {
            other = `ref:${key}`;
            refs.set(other, { id: other, title: c.other, year: null });
          }
          if (other === film.id) continue;
          edges.push(c.relation === 'after' ? { before: other, after: film.id } : { before: film.id, after: other });
        }
      }
    }
    return { edges, refs };
  }
  const cardEdges = new Map<string, { stamp: string; edges: TimelineEdge[]; refs: Map<string, AggFilmRef> }>();

  const cardOf = (r: ReviewView): ReviewCard => r.card ?? analyze(r.text, model, { title: r.filmTitle, ...(r.rawRating ? { rating: r.rawRating } : {}) });

  return {
    async films(q) {
      const page = await store.listFilms({ search: q.q, limit: q.limit, offset: q.offset });
      const items = await Promise.all(page.items.map(async (f) => filmSummary(f, await consensusOf(f))));
      return { items, total: page.total, limit: q.limit, offset: q.offset };
    },
    async topFilms(limit) {
      const page = await store.listFilms({ limit: limit * 3, order: 'reviews' });
      const items = await Promise.all(page.items.map(async (f) => filmSummary(f, await consensusOf(f))));
      // Most reviewed first, then the better-received among equals; films without a consensus last.
      return items.filter((f) => f.reviews > 0).slice(0, limit);
    },
    async filmStamp(id) {
      const f = await store.getFilm(id);
      return f ? String(f.reviewCount) : null;
    },
    async film(id) {
      const f = await store.getFilm(id);
      if (!f) return null;
      const c = await consensusOf(f);
      const consensus: Consensus = c
        ? consensusDto(c)
        : { fresh: 0, counted: 0, share: null, interval: null, shareSource: 'model', certified: false, certifiedRule: '', score: null, band: null, weights: 'no reviews yet', scoreBins: new Array(10).fill(0), aspects: [], line: null, quotes: [] };
      return { ...filmSummary(f, c), consensus };
    },
    async filmReviews(filmId, q) {
      // The store filters by film, top critic and human label; fresh/rotten from the model and aspects are
      // filtered here over the film's reviews.
      if (q.aspect === undefined && q.fresh === undefined) {
        const page = await store.listReviews({ filmId, topCritic: q.top, limit: q.limit, offset: q.offset });
        return { items: page.items.map(reviewSummary), total: page.total, limit: q.limit, offset: q.offset };
      }
      const all = (await allReviews({ filmId })).map(reviewSummary).filter(
        (r) => (q.top === undefined || r.topCritic === q.top) && (q.fresh === undefined || r.fresh === (q.fresh === 'fresh')) && (q.aspect === undefined || r.aspects.includes(q.aspect)),
      );
      return { items: all.slice(q.offset, q.offset + q.limit), total: all.length, limit: q.limit, offset: q.offset };
    },
    async review(id) {
      const r = await store.getReview(id);
      if (!r) return null;
      const card = cardOf(r);
      return { ...reviewSummary({ ...r, card }), url: r.url, card } satisfies ReviewDetail;
    },
    async critics(q) {
      const page = await store.listCritics({ ...(q.q ? { search: q.q } : {}), limit: q.limit, offset: q.offset });
      const items: CriticSummary[] = page.items.map((c) => ({ id: c.id, name: c.name, publication: null, topCritic: c.topCritic, reviews: c.reviewCount }));
      return { items, total: page.total, limit: q.limit, offset: q.offset };
    },
    async critic(id) {
      const c = await store.getCritic(id);
      if (!c) return null;
      const reviews = await allReviews({ criticId: id });
      const consensus = new Map<string, FilmConsensus>();
      for (const filmId of new Set(reviews.map((r) => r.filmId))) {
        const f = await store.getFilm(filmId);
        const fc = f ? await consensusOf(f) : null;
        if (fc) consensus.set(filmId, fc);
      }
      const p = agg.critic(c, reviews, consensus);
      const pubs = new Map<string, number>();
      for (const r of reviews) if (r.publicationName) pubs.set(r.publicationName, (pubs.get(r.publicationName) ?? 0) + 1);
      const publication = [...pubs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      return { id: c.id, name: c.name, publication, topCritic: c.topCritic, reviews: p.reviews, meanScore: p.meanScore, meanOffset: p.meanOffset, agreement: p.agreement } satisfies CriticProfile;
    },
    async criticReviews(id, q) {
      const page = await store.listReviews({ criticId: id, limit: q.limit, offset: q.offset });
      return { items: page.items.map(reviewSummary), total: page.total, limit: q.limit, offset: q.offset };
    },
    async franchises() {
      return (await store.listFranchises()).map((f) => ({ id: franchiseId(f.name), name: f.name, films: f.filmCount }) satisfies FranchiseSummary);
    },
    async franchise(id) {
      const entry = (await store.listFranchises()).find((f) => franchiseId(f.name) === id);
      if (!entry) return null;
      const fr = await store.getFranchise(entry.name);
      if (!fr) return null;
      const films = await Promise.all(fr.films.map(async (film) => ({ film, consensus: await consensusOf(film) })));
      // Timeline edges: stored chronology rows, plus what the franchise's review cards say (cached until one of
      // its films gains reviews); a referenced film not in the store still takes its place (without a link).
      const edges: TimelineEdge[] = fr.chronology.map((r) => (r.relation === 'before' ? { before: r.fromFilmId, after: r.toFilmId } : { before: r.toFilmId, after: r.fromFilmId }));
      const stamp = fr.films.map((f) => `${f.id}:${f.reviewCount}`).join(',');
      let fromCards = cardEdges.get(id);
      if (!fromCards || fromCards.stamp !== stamp) {
        fromCards = { stamp, ...(await franchiseCardEdges(fr.films)) };
        cardEdges.set(id, fromCards);
      }
      edges.push(...fromCards.edges);
      const refs = fromCards.refs;
      const view = agg.franchise(fr.name, [...films.map((x) => ({ film: { id: x.film.id, title: x.film.title, year: x.film.year }, consensus: x.consensus })), ...[...refs.values()].map((film) => ({ film, consensus: null }))], edges);
      const byId = new Map(films.map((x) => [x.film.id, x]));
      const ranking = view.ranking.filter((e) => byId.has(e.id)).map((e) => filmSummary(byId.get(e.id)!.film, byId.get(e.id)!.consensus));
      const timeline = view.timeline.map((t) => ({ title: t.title, filmId: byId.has(t.filmId) ? t.filmId : null }));
      return { id, name: fr.name, films: fr.films.length, ranking, timeline } satisfies FranchiseDetail;
    },
    async addReviews(rows: NewReview[]): Promise<ImportResult> {
      const news: StoreNewReview[] = rows.map((r) => {
        const card = analyze(r.text, model, { title: r.film, ...(r.rating ? { rating: r.rating } : {}) });
        return {
          film: { title: r.film, year: r.year ?? null, ...(card.film?.key && card.film.source === 'metadata' ? { key: card.film.key } : {}), ...(card.film?.franchise ? { franchise: card.film.franchise.name } : {}) },
          critic: r.critic ?? null,
          publication: r.publication ?? null,
          date: r.date ?? null,
          url: r.url ?? null,
          text: r.text,
          rawRating: r.rating ?? null,
          rating: card.rating?.normalized ?? null,
          label: r.fresh ?? null,
          topCritic: r.topCritic ?? false,
          card,
          source: opts.source ?? 'api',
        };
      });
      const res = await store.putReviews(news);
      const inserted = new Set(res.inserted);
      // putReviews returns ids in input order across inserted and duplicates; rebuild the per-row order.
      const ids = [...res.inserted, ...res.duplicates];
      return { imported: inserted.size, duplicates: res.duplicates.length, rejected: [], ids };
    },
  };
}
