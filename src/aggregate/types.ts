/**
 * @module The aggregator's contract: the per-review facts it consumes and the views it produces
 * (FilmConsensus, FranchiseView, CriticProfile). Everything here is plain JSON, so the store can cache a
 * FilmConsensus as is (`ConsensusRow.data`) and the server can map it onto its DTOs field by field.
 *
 * The aggregator is pure (no I/O, no clock): callers read reviews from the store and pass them in.
 * A `ReviewView` from `src/store/store.ts` satisfies `ReviewFacts` structurally.
 */
import type { AspectId, ReviewCard } from '../analyze/card.ts';

/** One review as the aggregator sees it. Missing card sections (no verdict yet, no aspects) are tolerated. */
export interface ReviewFacts {
  /** Review id (content hash). */
  id: string;
  filmId: string;
  criticId: string | null;
  criticName: string | null;
  publicationName: string | null;
  topCritic: boolean;
  /** The human fresh/rotten label when the source has one (true = fresh), else null. */
  label: boolean | null;
  /** The critic's explicit rating normalised to 0–100, when the source gave one (else the card's rating is used). */
  rating: number | null;
  /** The analyser's card, null when not analysed yet. */
  card: ReviewCard | null;
}

/** A film's identity, as the views name it. */
export interface FilmRef {
  id: string;
  title: string;
  year: number | null;
}

/** Certified-badge thresholds (configuration, not code). Default after Rotten Tomatoes: ≥ 75% over ≥ 40 reviews with ≥ 5 top critics. */
export interface CertifiedRule {
  /** Minimum share fresh, 0–1. */
  minShare: number;
  /** Minimum number of reviews with a fresh/rotten call. */
  minReviews: number;
  /** Minimum number of top critics among them. */
  minTopCritics: number;
}

/**
 * How the share fresh is estimated for reviews WITHOUT a human label (quantification of the model's calls):
 * - `count`: classify and count (`verdict.fresh`);
 * - `probability`: mean of the calibrated probability of fresh (from `verdict.fresh` and `verdict.confidence`);
 * - `adjusted`: adjusted classify-and-count, (observed − fpr) / (tpr − fpr), with tpr/fpr measured on held-out
 *   labelled films (never on the films being scored);
 * - `probability-adjusted`: the same correction applied to the mean probability, with tpr/fpr the mean
 *   probability of fresh over fresh and over rotten reviews of held-out labelled films;
 * - `em`: the maximum-likelihood share under prior shift (EM on the calibrated probabilities, Saerens et al.
 *   2002), `prior` being the fresh share the probabilities were calibrated under.
 */
export type Quantifier =
  | { kind: 'count' }
  | { kind: 'probability' }
  | { kind: 'adjusted'; tpr: number; fpr: number }
  | { kind: 'probability-adjusted'; tpr: number; fpr: number }
  | { kind: 'em'; prior: number };

export interface ConsensusConfig {
  certified: CertifiedRule;
  /** Weight of a top critic's score in the average (a regular critic weighs 1). */
  topCriticWeight: number;
  /** Weight of a review whose score is the model's (no explicit rating), relative to an explicit rating. */
  modelScoreWeight: number;
  /** z for the Wilson interval (1.96 = 95%). */
  z: number;
  quantifier: Quantifier;
  /** Number of top pull quotes returned. */
  quotes: number;
  /** Aspects mentioned by fewer reviews than this are left out of `aspects`. */
  minAspectReviews: number;
  /** When true, human labels are ignored and every fresh/rotten call comes from the model (evaluation). */
  ignoreLabels: boolean;
  /** When true (and labels are ignored or absent), an explicit rating decides fresh (≥ `ratingFreshAt`) before the model. */
  useRatings: boolean;
  /** Normalised rating at or above which a rated review counts fresh (when `useRatings`). */
  ratingFreshAt: number;
}

export type Band = 'acclaim' | 'favourable' | 'mixed' | 'unfavourable' | 'dislike';

/** Where fresh/rotten calls came from: the critics' own labels, the model (possibly with ratings), or both. */
export type ShareSource = 'labels' | 'model' | 'mixed';

/** A sentence quoted from a review, with its offsets into that review's card text. */
export interface QuoteRef {
  reviewId: string;
  text: string;
  start: number;
  end: number;
  critic: string | null;
  publication: string | null;
}

export interface AspectConsensus {
  aspect: AspectId;
  /** Share of the reviews mentioning it whose polarity on it is positive, 0–1. */
  share: number;
  /** Number of reviews mentioning it. */
  reviews: number;
  /** Mean polarity in [-1, 1]. */
  polarity: number;
  /** Up to two representative sentences (on the majority side). */
  quotes: QuoteRef[];
}

/** A film's consensus. Field names follow the server's `Consensus` DTO where they overlap. */
export interface FilmConsensus {
  filmId: string;
  /** All reviews considered. */
  reviews: number;
  /** Fresh calls (from labels and the model; with `probability`/`adjusted` quantification, the rounded estimate). */
  fresh: number;
  /** Reviews with a fresh/rotten call. */
  counted: number;
  /** Share fresh 0–1, null when nothing is counted. */
  share: number | null;
  /** Wilson 95% interval of the share. */
  interval: { low: number; high: number } | null;
  shareSource: ShareSource;
  /** How many calls came from labels, from explicit ratings, and from the model. */
  calls: { labels: number; ratings: number; model: number };
  /** Top critics among the counted reviews. */
  topCritics: number;
  certified: boolean;
  /** The rule in words, e.g. "≥ 75% fresh over ≥ 40 reviews including ≥ 5 top critics". */
  certifiedRule: string;
  /** Weighted average score 0–100 (rounded to one decimal), null when no review has a score. */
  score: number | null;
  band: Band | null;
  /** How the average weighs reviews, in words. */
  weights: string;
  /** The numeric weights used and how many scores of each kind. */
  weighting: { topCritic: number; regular: number; modelScore: number; explicitScores: number; modelScores: number };
  /** Histogram of review scores: 10 bins of 10 points (100 falls in the last). */
  scoreBins: number[];
  aspects: AspectConsensus[];
  /** One-line extractive consensus (the reviews' own sentences), null when none qualifies. */
  line: string | null;
  /** The sentences the line is made of. */
  lineSources: QuoteRef[];
  /** Top pull quotes, one per review at most. */
  quotes: QuoteRef[];
}

/** A franchise entry in the ranking. */
export interface FranchiseEntry extends FilmRef {
  rank: number;
  share: number | null;
  score: number | null;
  certified: boolean;
  reviews: number;
}

/** A franchise: entries ranked by consensus and the in-universe order where reviews state one. */
export interface FranchiseView {
  name: string;
  /** Best first: by share fresh, then score, then review count. Films without a consensus last. */
  ranking: FranchiseEntry[];
  /** In-universe order (earliest first) from chronology edges; films the edges do not place are left out. */
  timeline: { filmId: string; title: string; year: number | null }[];
  /** Edges that contradict the others (dropped to break a cycle). */
  conflicts: { fromFilmId: string; toFilmId: string }[];
}

/** An in-universe order edge: `before` comes before `after` in the story. */
export interface TimelineEdge {
  before: string;
  after: string;
}

export interface CriticProfile {
  criticId: string;
  name: string;
  reviews: number;
  /** Mean of the critic's review scores 0–100 (explicit rating, else the model's score). */
  meanScore: number | null;
  /** Mean of (critic's score − the film's consensus score): above 0 is lenient. */
  meanOffset: number | null;
  /** Share of the critic's calls that agree with the film's majority (share ≥ 0.5 = fresh). */
  agreement: number | null;
  /** Reviews that entered the offset and the agreement. */
  compared: number;
}
