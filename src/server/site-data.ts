/**
 * @module What the site and the API read and write, as one narrow interface. `store-site-data.ts` implements
 * it over the application layer (src/app); tests use `memorySiteData`.
 */
import type {
  CriticDetail,
  CriticSummary,
  FilmDetail,
  FilmSummary,
  FranchiseDetail,
  FranchiseSummary,
  PublicationDetail,
  PublicationSummary,
  ReviewInput,
  ListPage,
  ReviewDetail,
  FilmReviewQuery,
  ReviewSummary,
} from './api/dto.ts';
import type { RowsResult } from '../app/import-reviews.ts';

interface ListQuery {
  q?: string | undefined;
  /** Film lists: most reviewed first (default) or by title. */
  sort?: 'reviews' | 'title' | undefined;
  limit: number;
  offset: number;
}

export interface SiteData {
  films(q: ListQuery): Promise<ListPage<FilmSummary>>;
  /** Films ranked for the home page (most reviewed with a consensus first). */
  topFilms(limit: number): Promise<FilmSummary[]>;
  film(id: string): Promise<FilmDetail | null>;
  /** A cheap version stamp of a film's data (changes when it gains reviews), null when there is no such film. */
  filmStamp(id: string): Promise<string | null>;
  filmReviews(filmId: string, q: FilmReviewQuery): Promise<ListPage<ReviewSummary>>;
  review(id: string): Promise<ReviewDetail | null>;
  critics(q: ListQuery): Promise<ListPage<CriticSummary>>;
  critic(id: string): Promise<CriticDetail | null>;
  criticReviews(id: string, q: ListQuery): Promise<ListPage<ReviewSummary>>;
  publications(q: ListQuery): Promise<ListPage<PublicationSummary>>;
  publication(id: string): Promise<PublicationDetail | null>;
  publicationReviews(id: string, q: ListQuery): Promise<ListPage<ReviewSummary>>;
  franchises(): Promise<FranchiseSummary[]>;
  /** A franchise's films (by its name), without their consensus: for links. */
  franchiseFilms(name: string): Promise<Pick<FilmSummary, 'id' | 'title' | 'year' | 'reviews'>[]>;
  franchise(id: string): Promise<FranchiseDetail | null>;
  /** Store reviews (analysed by the caller's model); idempotent by content hash. */
  addReviews(rows: ReviewInput[]): Promise<RowsResult>;
}

/** API keys: only a hash of each key is stored. */
export interface KeyStore {
  /** The key's id when the token is a live key, else null. */
  verify(token: string): Promise<string | null>;
}

function pageOf<T>(all: T[], q: { limit: number; offset: number }): ListPage<T> {
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length, limit: q.limit, offset: q.offset };
}

function summary(f: FilmDetail): FilmSummary {
  const { consensus: _c, ...rest } = f;
  return rest;
}

function reviewSummary(r: ReviewDetail): ReviewSummary {
  const { card: _c, url: _u, ...rest } = r;
  return rest;
}

/** An in-memory SiteData over ready-made views, for tests. Writes append minimal reviews. */
export function memorySiteData(data: { films: FilmDetail[]; reviews: ReviewDetail[]; critics: CriticDetail[]; franchises: FranchiseDetail[]; publications?: PublicationDetail[] }): SiteData {
  const publications = data.publications ?? [];
  const match = (q: string | undefined, s: string): boolean => !q || s.toLowerCase().includes(q.toLowerCase());
  return {
    async films(q) {
      return pageOf(data.films.filter((f) => match(q.q, f.title)).map(summary), q);
    },
    async topFilms(limit) {
      return [...data.films].sort((a, b) => b.reviews - a.reviews).slice(0, limit).map(summary);
    },
    async film(id) {
      return data.films.find((f) => f.id === id) ?? null;
    },
    async filmStamp(id) {
      const f = data.films.find((x) => x.id === id);
      return f ? `${f.reviews}+${data.reviews.length}` : null;
    },
    async filmReviews(filmId, q) {
      const rows = data.reviews.filter(
        (r) =>
          r.film.id === filmId &&
          (q.fresh === undefined || r.fresh === (q.fresh === 'fresh')) &&
          (q.top === undefined || r.topCritic === q.top) &&
          (q.aspect === undefined || r.aspects.includes(q.aspect)),
      );
      return pageOf(rows.map(reviewSummary), q);
    },
    async review(id) {
      return data.reviews.find((r) => r.id === id) ?? null;
    },
    async critics(q) {
      return pageOf(data.critics.filter((c) => match(q.q, c.name)), q);
    },
    async critic(id) {
      return data.critics.find((c) => c.id === id) ?? null;
    },
    async criticReviews(id, q) {
      return pageOf(data.reviews.filter((r) => r.critic?.id === id).map(reviewSummary), q);
    },
    async publications(q) {
      return pageOf(publications.filter((p) => match(q.q, p.name)).map(({ id, name, reviews }) => ({ id, name, reviews })), q);
    },
    async publication(id) {
      return publications.find((p) => p.id === id) ?? null;
    },
    async publicationReviews(id, q) {
      return pageOf(data.reviews.filter((r) => r.publicationId === id).map(reviewSummary), q);
    },
    async franchises() {
      return data.franchises.map(({ ranking: _r, timeline: _t, releaseOrder: _o, ...rest }) => rest);
    },
    async franchise(id) {
      return data.franchises.find((f) => f.id === id) ?? null;
    },
    async franchiseFilms(name) {
      return data.films.filter((f) => f.franchise?.name === name).map(({ id, title, year, reviews }) => ({ id, title, year, reviews }));
    },
    async addReviews(rows) {
      const ids = rows.map((_, i) => `new-${data.reviews.length + i + 1}`);
      return { imported: rows.length, duplicates: 0, rejected: [], ids, results: ids.map((id, i) => ({ line: i + 1, status: 'created' as const, id })) };
    },
  };
}
