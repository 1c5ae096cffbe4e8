/**
 * @module A critic's profile: number of reviews, mean score, mean offset from each film's consensus score
 * (leniency), and agreement rate with each film's majority (fresh when the share is at least 50%).
 */
import { DEFAULT_CONFIG } from './config.ts';
import { reviewCall, reviewScore } from './consensus.ts';
import type { ConsensusConfig, CriticProfile, FilmConsensus, ReviewFacts } from './types.ts';

/**
 * Profile of one critic from their reviews and the consensus of the films they reviewed (films without a
 * consensus in `consensusOf` are counted in `reviews` and `meanScore` but not compared).
 */
export function criticProfile(
  critic: { id: string; name: string },
  reviews: readonly ReviewFacts[],
  consensusOf: (filmId: string) => FilmConsensus | null | undefined,
  config: ConsensusConfig = DEFAULT_CONFIG,
): CriticProfile {
  let scored = 0;
  let scoreSum = 0;
  let offsetN = 0;
  let offsetSum = 0;
  let agreeN = 0;
  let agree = 0;
  const compared = new Set<string>();
  for (const f of reviews) {
    const s = reviewScore(f);
    const c = consensusOf(f.filmId) ?? null;
    if (s) {
      scored++;
      scoreSum += s.score;
      if (c?.score != null) {
        offsetN++;
        offsetSum += s.score - c.score;
        compared.add(f.id);
      }
    }
    const call = reviewCall(f, config);
    if (call && c?.share != null) {
      agreeN++;
      if (call.fresh === c.share >= 0.5) agree++;
      compared.add(f.id);
    }
  }
  const r = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
  return {
    criticId: critic.id,
    name: critic.name,
    reviews: reviews.length,
    meanScore: scored ? r(scoreSum / scored, 1) : null,
    meanOffset: offsetN ? r(offsetSum / offsetN, 1) : null,
    agreement: agreeN ? r(agree / agreeN, 4) : null,
    compared: compared.size,
  };
}
