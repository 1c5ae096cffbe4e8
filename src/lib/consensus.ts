/**
 * @module The library's `consensus`: a film's consensus from its review cards, without a store.
 */
import { DEFAULT_CONFIG, filmConsensus, type ConsensusConfig, type FilmConsensus } from '../aggregate/index.ts';
import type { ReviewCard } from '../analyze/index.ts';

/** One review for `consensus`: its card, or the card with what the source says beside it. */
export type ConsensusInput =
  | ReviewCard
  | {
      card: ReviewCard | null;
      /** The critic's own fresh/rotten label, when the source has one. */
      fresh?: boolean | null;
      /** The critic's rating normalised to 0–100, when given apart from the text. */
      rating?: number | null;
      topCritic?: boolean;
      critic?: string | null;
      publication?: string | null;
      id?: string;
    };

/**
 * The consensus of one film from its reviews' cards: share fresh with its Wilson interval, the weighted score,
 * per-aspect agreement, a consensus line and quotes. `config` overrides thresholds (e.g. the certified rule).
 */
export function consensus(reviews: Iterable<ConsensusInput>, options: { filmId?: string; config?: Partial<ConsensusConfig> } = {}): FilmConsensus {
  const filmId = options.filmId ?? 'film';
  const facts = [...reviews].map((r, i) => {
    const o = 'card' in r ? r : { card: r };
    return {
      id: o.id ?? `r${String(i).padStart(8, '0')}`,
      filmId,
      criticId: o.critic ?? null,
      criticName: o.critic ?? null,
      publicationName: o.publication ?? null,
      topCritic: o.topCritic ?? false,
      label: o.fresh ?? null,
      rating: o.rating ?? null,
      card: o.card,
    };
  });
  return filmConsensus(filmId, facts, { ...DEFAULT_CONFIG, ...options.config });
}
