/**
 * @module What the API returns and the pages render: films with their consensus, reviews, critics and
 * franchises. Declared once as zod schemas (the OpenAPI document is generated from them) with the
 * TypeScript types inferred. These are the public contract; `site-data.ts` fills them from the store.
 */
import { z } from 'zod';
import { RELATIONS } from '../../analyze/entities/film-index.ts';
import { AspectIdSchema, ReviewCardSchema } from './card-schema.ts';

const id = z.string().min(1);
const share = z.number().min(0).max(1);
const score100 = z.number().min(0).max(100);

export const FilmSummarySchema = z
  .object({
    id,
    title: z.string(),
    year: z.number().int().nullable(),
    franchise: z.object({ id, name: z.string() }).nullable(),
    reviews: z.number().int().min(0).describe('Number of reviews'),
    shareFresh: share.nullable().describe('Share of fresh reviews, 0–1 (null without reviews)'),
    score: score100.nullable().describe('Weighted average score, 0–100'),
    certified: z.boolean(),
  })
  .describe('A film in a list');

export const QuoteSchema = z.object({ text: z.string(), reviewId: id, critic: z.string().nullable(), publication: z.string().nullable(), publicationId: id.nullable().optional() });

export const ShareSchema = z
  .object({
    reviews: z.number().int().min(0).describe('Reviews considered'),
    fresh: z.number().int().min(0).describe('Fresh reviews'),
    counted: z.number().int().min(0).describe('Reviews with a fresh/rotten call'),
    share: share.nullable().describe('Share fresh, 0–1 (null when nothing is counted)'),
    interval: z.object({ low: share, high: share }).nullable().describe('Wilson 95% interval of the share'),
  })
  .describe('A share fresh over a set of reviews');

export const ConsensusSchema = z
  .object({
    fresh: z.number().int().min(0).describe('Fresh reviews'),
    counted: z.number().int().min(0).describe('Reviews with a fresh/rotten call'),
    share: share.nullable(),
    interval: z.object({ low: share, high: share }).nullable().describe('Wilson 95% interval of the share fresh'),
    shareSource: z.enum(['labels', 'model', 'mixed']).describe("Where fresh/rotten came from: the critics' own labels, the model, or both"),
    certified: z.boolean(),
    certifiedRule: z.string().describe('The thresholds the certified badge uses (configuration)'),
    score: score100.nullable(),
    band: z.enum(['acclaim', 'favourable', 'mixed', 'unfavourable', 'dislike']).nullable(),
    weights: z.string().describe('How the average score weighs reviews, in words'),
    scoreBins: z.array(z.number().int().min(0)).describe('Histogram of review scores: 10 bins of 10 points'),
    aspects: z.array(z.object({ aspect: AspectIdSchema, share, reviews: z.number().int().min(0), quotes: z.array(QuoteSchema).max(2) })),
    topCritics: ShareSchema.describe('The share fresh among top critics only, counted the same way'),
    line: z.string().nullable().describe('One-line consensus built from the reviews’ own sentences'),
    quotes: z.array(QuoteSchema).describe('Top pull quotes'),
  })
  .describe('A film’s consensus');

export const FilmIndexSchema = z
  .object({
    id: id.describe('Film index id: the Wikipedia page key'),
    url: z.string().describe('The Wikipedia article the index entry comes from'),
    directors: z.array(z.string()),
    writers: z.array(z.string()),
    cast: z.array(z.object({ name: z.string(), character: z.string().optional() })).describe('In billing order, with the character where the index states it'),
    genres: z.array(z.string()),
    series: z.object({ id, name: z.string(), order: z.number().int().nullable() }).nullable().describe('The franchise (its page id) and the film’s place in it'),
    license: z.string().describe('Attribution of the index data'),
  })
  .describe('What the film index says of the film (Wikipedia contributors, CC BY-SA 4.0)');

export const FilmDetailSchema = FilmSummarySchema.extend({
  consensus: ConsensusSchema,
  index: FilmIndexSchema.nullable().optional().describe('From the film index when the film is linked to it; null: not linked'),
  reviewCredits: z
    .array(z.object({ name: z.string(), role: z.enum(['cast', 'director', 'writer']), character: z.string().optional(), reviews: z.number().int().min(1) }))
    .optional()
    .describe('Cast and crew as the reviews name them (most-named first), given when the film is not linked to the film index'),
  checked: z.number().int().min(0).optional().describe('How many of the film’s reviews an editor checked'),
  published: z.boolean().optional().describe('False while the film page is a draft (deployments that require publishing)'),
}).describe('A film with its consensus');

export const ReviewSummarySchema = z
  .object({
    id,
    film: z.object({ id, title: z.string() }),
    critic: z.object({ id, name: z.string() }).nullable(),
    publication: z.string().nullable(),
    publicationId: id.nullable().optional().describe('The publication page id (`/publications/{id}`)'),
    topCritic: z.boolean(),
    fresh: z.boolean().nullable(),
    freshSource: z.enum(['label', 'model', 'editor']).nullable(),
    score: score100.nullable().describe('Normalised rating, else the model score'),
    rating: z.string().nullable().describe("The critic's rating as written"),
    date: z.string().nullable(),
    snippet: z.string(),
    spoiler: z.boolean().describe('The snippet contains a spoiler sentence (pages hide it behind a toggle)'),
    aspects: z.array(AspectIdSchema),
  })
  .describe('A review in a list');

export const CorrectionSchema = z
  .object({
    id: z.number().int(),
    reviewId: z.string().nullable(),
    filmId: z.string().nullable(),
    field: z.string().describe('What was corrected: fresh, score, film, merge, franchise, aspects, quote, credits, publish, checked, undo'),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    user: z.string().describe('Who: an account name, or key:<id> for an API key'),
    createdAt: z.string(),
    undoes: z.number().int().nullable(),
    undoneAt: z.string().nullable(),
    undoneBy: z.string().nullable(),
  })
  .describe('An audited correction');

export const ReviewDetailSchema = ReviewSummarySchema.extend({
  url: z.string().nullable(),
  card: ReviewCardSchema,
  corrected: z.array(z.string()).optional().describe('Fields an editor set (they win over the model)'),
  corrections: z.array(CorrectionSchema).optional().describe('The audit trail, newest first'),
}).describe('A review with its card');

export const CriticSummarySchema = z
  .object({ id, name: z.string(), publication: z.string().nullable(), publicationId: id.nullable().optional(), topCritic: z.boolean(), reviews: z.number().int().min(0) })
  .describe('A critic in a list');

export const PublicationSummarySchema = z.object({ id, name: z.string(), reviews: z.number().int().min(0) }).describe('A publication in a list');

export const PublicationDetailSchema = PublicationSummarySchema.extend({
  critics: z.array(CriticSummarySchema).describe('Its critics, most reviews in the publication first (`reviews` counts those)'),
  profileReviews: z.number().int().nonnegative().describe('How many of its latest reviews (at most 500) the share fresh, mean score, leniency and agreement read'),
  fresh: ShareSchema.describe('Share fresh of its latest reviews (`profileReviews` of them)'),
  meanScore: score100.nullable(),
  meanOffset: z.number().nullable().describe('Mean of (review score − film consensus score) over its latest reviews: above 0 is lenient'),
  agreement: share.nullable().describe('Share of its reviews agreeing with the film’s consensus'),
}).describe('A publication: critics, share fresh and leniency against the consensus');

export const CriticProfileSchema = CriticSummarySchema.extend({
  profileReviews: z.number().int().nonnegative().describe('How many of the latest reviews (at most 500) the mean score, leniency and agreement read'),
  meanScore: score100.nullable(),
  meanOffset: z.number().nullable().describe('Mean of (critic score − film consensus score): above 0 is lenient'),
  agreement: share.nullable().describe('Share of reviews agreeing with the film’s consensus (fresh vs. majority)'),
}).describe('A critic’s profile');

export const FranchiseSummarySchema = z.object({ id, name: z.string(), films: z.number().int().min(0) }).describe('A franchise in a list');

export const FranchiseDetailSchema = FranchiseSummarySchema.extend({
  ranking: z.array(FilmSummarySchema).describe('Entries ranked by consensus'),
  timeline: z.array(z.object({ title: z.string(), filmId: id.nullable() })).describe('In-universe order, where reviews state one'),
  releaseOrder: z
    .array(
      z.object({
        indexId: z.string().describe('Film index id (Wikipedia page key)'),
        title: z.string(),
        year: z.number().int(),
        order: z.number().int().nullable().describe('Place in the series the index gives; null: none given (spin-offs)'),
        relation: z.enum(RELATIONS).nullable(),
        filmId: id.nullable().describe('The stored film (its page id); null: no reviews yet'),
        reviews: z.number().int().min(0),
      }),
    )
    .describe('Every film of the series as the film index knows it, in release order (not story order); empty when no film is linked to the index'),
}).describe('A franchise: ranking, timeline and release order');

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int().min(0), limit: z.number().int(), offset: z.number().int() });
export const FilmListSchema = page(FilmSummarySchema).describe('A page of films');
export const ReviewListSchema = page(ReviewSummarySchema).describe('A page of reviews');
export const CriticListSchema = page(CriticSummarySchema).describe('A page of critics');
export const PublicationListSchema = page(PublicationSummarySchema).describe('A page of publications');
export const CompareSchema = z.object({ films: z.array(FilmDetailSchema).describe('The films asked for, in that order') }).describe('Films side by side');
export const CompareQuerySchema = z.object({
  films: z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(id).min(2).max(6))
    .describe('Two to six film ids, comma-separated'),
});
export const FranchiseListSchema = z.object({ items: z.array(FranchiseSummarySchema) }).describe('Franchises');

export type FilmSummary = z.infer<typeof FilmSummarySchema>;
export type Consensus = z.infer<typeof ConsensusSchema>;
export type FilmDetail = z.infer<typeof FilmDetailSchema>;
export type FilmIndexInfo = z.infer<typeof FilmIndexSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;
export type ReviewDetail = z.infer<typeof ReviewDetailSchema>;
export type CriticSummary = z.infer<typeof CriticSummarySchema>;
export type CriticDetail = z.infer<typeof CriticProfileSchema>;
export type FranchiseSummary = z.infer<typeof FranchiseSummarySchema>;
export type PublicationSummary = z.infer<typeof PublicationSummarySchema>;
export type PublicationDetail = z.infer<typeof PublicationDetailSchema>;
export type Share = z.infer<typeof ShareSchema>;
export type FranchiseDetail = z.infer<typeof FranchiseDetailSchema>;
export type ListPage<T> = { items: T[]; total: number; limit: number; offset: number };

/** Query of a film list. */
export const FilmQuerySchema = z.object({
  q: z.string().max(200).optional().describe('Full-text search on titles'),
  sort: z.enum(['reviews', 'title']).default('reviews').describe('Order: most reviewed first (then title, id), or by title (then year, id)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Query of a film's reviews: pagination and filters. */
export const ReviewQuerySchema = z.object({
  fresh: z.enum(['fresh', 'rotten']).optional().describe('Only fresh or only rotten reviews'),
  top: boolParam.optional().describe('Only top critics'),
  aspect: AspectIdSchema.optional().describe('Only reviews that discuss this aspect'),
  sort: z.enum(['-date', 'date', '-score', 'score', 'top']).default('-date').describe('Order: newest first (default), oldest first, highest or lowest score, top critics first; ties by id'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
type ReviewQueryParsed = z.infer<typeof ReviewQuerySchema>;
export type FilmReviewQuery = Omit<ReviewQueryParsed, 'sort'> & { sort?: ReviewQueryParsed['sort'] | undefined };

export const PageQuerySchema = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const IdParamSchema = z.object({ id: id.describe('Identifier') });

/**
 * A review to store (POST /api/v1/reviews, one object; JSON Lines: one per line). Unknown fields are refused by
 * name; the column names `verdict import` reads are accepted for each field (listed in its description).
 */
export const NewReviewSchema = z
  .strictObject({
    text: z.string().min(1).describe('The review text (also read from: review, review_content, quote, short_review, review_text, content, body)'),
    film: z.string().min(1).max(300).describe('Film title (also read from: title, movie_title, film_title, movie)'),
    year: z.number().int().min(1870).max(2100).optional().describe('Release year (also read from: movie_year, film_year, release_year)'),
    critic: z.string().max(200).optional().describe('Also read from: critic_name, author, reviewer'),
    publication: z.string().max(200).optional().describe('Also read from: publisher, publication_name, publisher_name, outlet'),
    topCritic: z.boolean().optional().describe('Also read from: top_critic, is_top_critic'),
    rating: z.string().max(100).optional().describe("The critic's rating as written, e.g. 3/5 or B+ (also read from: review_score, original_score, score, grade)"),
    fresh: z.boolean().optional().describe("The critic's or publisher's own fresh/rotten label (also read from: review_type, review_state, is_fresh, label, score_sentiment, sentiment; \"fresh\"/\"rotten\" accepted)"),
    date: z.string().max(40).optional().describe('Review date, checked as `verdict import` checks it (E_BAD_DATE) and stored as YYYY-MM-DD, YYYY-MM or YYYY (also read from: review_date, creation_date, published, published_at)'),
    url: z.string().max(2000).optional().describe('Also read from: review_url, link'),
  })
  .describe('A review to import');
export type ReviewInput = z.infer<typeof NewReviewSchema>;

/** The write body: one review or an array of them (JSON Lines bodies hold one per line). */
export const NewReviewsBodySchema = z.union([NewReviewSchema, z.array(NewReviewSchema)]).describe('One review, or an array of reviews');

export const RowResultSchema = z
  .object({
    line: z.number().int().min(1).describe('Position of the row in the body (array index + 1, or JSON Lines line number)'),
    status: z.enum(['created', 'duplicate', 'rejected']),
    id: id.optional().describe('The review id (created or duplicate rows)'),
    reason: z.string().optional().describe('Why the row was rejected'),
    code: z.string().optional(),
  })
  .describe("One row's outcome");

export const ImportResultSchema = z
  .object({
    imported: z.number().int().min(0).describe('Rows created'),
    duplicates: z.number().int().min(0).describe('Rows already stored (same content hash)'),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string(), code: z.string().optional().describe('Stable code, as `verdict import` reports it (E_BAD_DATE, E_EMPTY_TEXT, E_SCHEMA, …)') })),
    ids: z.array(id).describe('Ids of the created and duplicate rows, in input order'),
    results: z.array(RowResultSchema).describe('Every row, in input order'),
  })
  .describe('What a write did');
