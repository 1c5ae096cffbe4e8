/**
 * @module SiteData over the application layer (src/app): each method calls one use case and maps its rows and
 * consensus onto the API's DTOs. Nothing here reads the store on its own.
 */
import { criticById, criticReviews, listCriticsWithPublication } from '../app/critic.ts';
import { filmOf, filmStamp, franchiseFilms, listFilms, topFilms, type FilmWithConsensus } from '../app/films.ts';
import { franchiseById, franchiseId, listFranchises } from '../app/franchise.ts';
import { auditOf, checkedCount } from '../app/corrections.ts';
import { importReviewRows, type Analyzer } from '../app/import-reviews.ts';
import { aspectsOf, filmReviews, freshOf, reviewOf } from '../app/reviews.ts';
import { listPublications, publicationById, publicationIdOf, publicationReviews } from '../app/publications.ts';
import type { FilmConsensusWithExtras } from '../app/consensus.ts';
import type { Model } from '../analyze/index.ts';
import { certifiedRuleText, meetsCertified } from '../aggregate/config.ts';
import type { CertifiedRule, FilmConsensus, QuoteRef } from '../aggregate/types.ts';
import type { Page as StorePage, ReviewView, Store } from '../store/store.ts';
import type { Consensus, CriticSummary, FilmDetail, FilmIndexInfo, FilmSummary, FranchiseDetail, FranchiseSummary, ListPage, PublicationDetail, PublicationSummary, Quote, ReviewDetail, ReviewSummary } from './api/dto.ts';
import type { SiteData } from './site-data.ts';
import { scoreOf, snippetOf } from './views.ts';

function quote(q: QuoteRef): Quote {
  return { text: q.text, reviewId: q.reviewId, critic: q.critic, publication: q.publication, publicationId: publicationIdOf(q.publication) };
}

const NO_CONSENSUS: Consensus = { fresh: 0, counted: 0, share: null, interval: null, shareSource: 'model', certified: false, certifiedRule: '', score: null, band: null, weights: 'no reviews yet', scoreBins: new Array(10).fill(0), aspects: [], topCritics: { reviews: 0, fresh: 0, counted: 0, share: null, interval: null }, line: null, quotes: [] };

/** FilmConsensus (aggregate) → Consensus (API). The one serializer: the API, the pages and the CLI's --json use it. */
export function consensusDto(c: FilmConsensusWithExtras): Consensus {
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
    topCritics: c.topCriticShare,
    line: c.line,
    quotes: c.quotes.map(quote),
  };
}

/** A stored review → the list DTO. */
export function reviewSummary(r: ReviewView): ReviewSummary {
  const card = r.card;
  const snip = card ? snippetOf(card) : { snippet: r.text.replace(/\s+/g, ' ').trim().slice(0, 280), spoiler: false };
  return {
    id: r.id,
    film: { id: r.filmId, title: r.filmTitle },
    critic: r.criticId && r.criticName ? { id: r.criticId, name: r.criticName } : null,
    publication: r.publicationName,
    publicationId: r.publicationId,
    topCritic: r.topCritic,
    fresh: freshOf(r),
    freshSource: r.overrides?.fresh !== undefined ? 'editor' : r.label !== null ? 'label' : card?.verdict ? 'model' : null,
    score: card ? scoreOf(card, r.rating) : r.rating,
    rating: r.rawRating,
    date: r.date,
    snippet: snip.snippet,
    spoiler: snip.spoiler,
    aspects: card ? aspectsOf(card) : [],
  };
}

export function filmSummary({ film: f, consensus: c }: { film: FilmWithConsensus['film']; consensus: Pick<FilmConsensusWithExtras, 'share' | 'score' | 'certified'> | null }): FilmSummary {
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

/** What the film index says of a stored film (Wikipedia, CC BY-SA 4.0), null when the film is not linked. */
function filmIndexDto(f: FilmWithConsensus['film']): FilmIndexInfo | null {
  if (!f.indexId) return null;
  return {
    id: f.indexId,
    url: `https://en.wikipedia.org/wiki/${f.indexId}`,
    directors: f.directors ?? [],
    writers: f.writers ?? [],
    cast: f.cast ?? [],
    genres: f.genres ?? [],
    series: f.franchise ? { id: franchiseId(f.franchise), name: f.franchise, order: f.position ?? null } : null,
    license: 'Wikipedia contributors, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
  };
}

/** A film's stored consensus judged under the configured certified rule (read time: no consensus is recomputed). */
function certifiedUnder(rule: CertifiedRule | undefined): <T extends { consensus: FilmConsensus | null }>(f: T) => T {
  if (!rule) return (f) => f;
  return (f) => (f.consensus ? { ...f, consensus: { ...f.consensus, certified: meetsCertified(rule, f.consensus), certifiedRule: certifiedRuleText(rule) } } : f);
}

/** GET /api/v1/films/{id}, and `verdict film --json`: one shape. */
export async function filmDetail(store: Store, f: FilmWithConsensus): Promise<FilmDetail> {
  const index = filmIndexDto(f.film);
  // Not in the film index: the cast and crew the reviews name stand in for it.
  const reviewCredits = index ? undefined : (f.consensus?.reviewCredits ?? []).filter((x): x is typeof x & { role: 'cast' | 'director' | 'writer' } => x.role === 'cast' || x.role === 'director' || x.role === 'writer');
  return { ...filmSummary(f), consensus: f.consensus ? consensusDto(f.consensus) : NO_CONSENSUS, checked: await checkedCount(store, f.film.id), published: f.film.publishedAt != null, index, ...(reviewCredits ? { reviewCredits } : {}) } satisfies FilmDetail;
}

const pageOf = <T, U>(page: StorePage<T>, map: (x: T) => U, q: { limit: number; offset: number }): ListPage<U> => ({ items: page.items.map(map), total: page.total, limit: q.limit, offset: q.offset });

/** The site's data on a store. `model` analyses reviews written through the API (and stored rows without a card). */
export function storeSiteData(store: Store, model: Model, opts: { source?: string; /** Analyses the writes (default this thread). */ analyzer?: Analyzer; /** Certified thresholds (default: those the consensus was computed with). */ certified?: CertifiedRule } = {}): SiteData {
  const franchiseCache: NonNullable<Parameters<typeof franchiseById>[2]> = new Map();
  const rule = certifiedUnder(opts.certified);
  const summary = (f: { film: FilmWithConsensus['film']; consensus: FilmConsensus | null }): FilmSummary => filmSummary(rule(f));
  return {
    async films(q) {
      return pageOf(await listFilms(store, { search: q.q, limit: q.limit, offset: q.offset, order: q.sort === 'title' ? 'title' : 'reviews' }), summary, q);
    },
    async topFilms(limit) {
      return (await topFilms(store, limit)).map(summary);
    },
    filmStamp: (id) => filmStamp(store, id),
    async film(id) {
      const found = await filmOf(store, id);
      if (!found) return null;
      const f = rule(found);
      return filmDetail(store, f);
    },
    async filmReviews(filmId, q) {
      return pageOf(await filmReviews(store, filmId, q), reviewSummary, q);
    },
    async review(id) {
      const r = await reviewOf(store, model, id);
      if (!r) return null;
      const corrected = r.overrides ? Object.keys(r.overrides).filter((k) => k !== 'checked') : [];
      const corrections = (await auditOf(store, { reviewId: id, limit: 50 })).map(({ undo: _u, ...c }) => c);
      return { ...reviewSummary(r), url: r.url, card: r.card, corrected, corrections } satisfies ReviewDetail;
    },
    async critics(q) {
      return pageOf(await listCriticsWithPublication(store, { search: q.q, limit: q.limit, offset: q.offset }), (c): CriticSummary => ({ id: c.id, name: c.name, publication: c.publication, publicationId: publicationIdOf(c.publication), topCritic: c.topCritic, reviews: c.reviewCount }), q);
    },
    async critic(id) {
      const got = await criticById(store, id);
      if (!got) return null;
      const { critic: c, profile: p, publication } = got;
      return { id: c.id, name: c.name, publication, publicationId: publicationIdOf(publication), topCritic: c.topCritic, reviews: p.reviews, profileReviews: p.profileReviews, meanScore: p.meanScore, meanOffset: p.meanOffset, agreement: p.agreement };
    },
    async publications(q) {
      return pageOf(await listPublications(store, { search: q.q, limit: q.limit, offset: q.offset }), (p): PublicationSummary => ({ id: p.id, name: p.name, reviews: p.reviewCount }), q);
    },
    async publication(id) {
      const got = await publicationById(store, id);
      if (!got) return null;
      const { publication: p } = got;
      const critics = got.critics.map((c): CriticSummary => ({ id: c.id, name: c.name, publication: p.name, publicationId: p.id, topCritic: c.topCritic, reviews: c.reviewCount }));
      return { id: p.id, name: p.name, reviews: p.reviewCount, critics, profileReviews: got.profileReviews, fresh: got.fresh, meanScore: got.meanScore, meanOffset: got.meanOffset, agreement: got.agreement } satisfies PublicationDetail;
    },
    async publicationReviews(id, q) {
      return pageOf(await publicationReviews(store, id, q), reviewSummary, q);
    },
    async criticReviews(id, q) {
      return pageOf(await criticReviews(store, id, q), reviewSummary, q);
    },
    async franchises() {
      return (await listFranchises(store)).map((f) => ({ id: franchiseId(f.name), name: f.name, films: f.filmCount }) satisfies FranchiseSummary);
    },
    async franchise(id) {
      const got = await franchiseById(store, id, franchiseCache, model.films);
      if (!got) return null;
      const byId = new Map(got.franchise.films.map((film) => [film.id, { film, consensus: got.consensus.get(film.id) ?? null }]));
      const ranking = got.view.ranking.map((e) => summary(byId.get(e.id)!));
      const timeline = got.view.timeline.map((t) => ({ title: t.title, filmId: byId.has(t.filmId) ? t.filmId : null }));
      const releaseOrder = got.releases.map((r) => ({ indexId: r.indexId, title: r.title, year: r.year, order: r.order, relation: r.relation, filmId: r.filmId, reviews: r.reviews }));
      return { id, name: got.franchise.name, films: got.franchise.films.length, ranking, timeline, releaseOrder } satisfies FranchiseDetail;
    },
    async franchiseFilms(name) {
      return (await franchiseFilms(store, name)).map((f) => ({ id: f.id, title: f.title, year: f.year, reviews: f.reviewCount }));
    },
    async addReviews(rows) {
      const source = opts.source ?? 'api';
      return importReviewRows(
        store,
        model,
        rows.map((r) => ({ text: r.text, film: r.film, year: r.year, critic: r.critic, publication: r.publication, label: r.fresh, rating: r.rating, date: r.date, topCritic: r.topCritic, url: r.url })),
        { source, analyzer: opts.analyzer },
      );
    },
  };
}
