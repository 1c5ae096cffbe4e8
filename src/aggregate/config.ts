/**
 * @module The aggregator's configuration: certified-badge thresholds, score weights and the share estimator.
 * Thresholds are data, not code: callers override any part with `consensusConfig({...})`.
 */
import type { Band, CertifiedRule, ConsensusConfig } from './types.ts';

/** Bumped when the rules change what a consensus holds (cached consensus rows of another version are stale). */
export const CONSENSUS_VERSION = 'consensus.v2';

/** Default after Rotten Tomatoes' "Certified Fresh": ≥ 75% fresh over ≥ 40 reviews including ≥ 5 top critics. */
export const DEFAULT_CERTIFIED: CertifiedRule = Object.freeze({ minShare: 0.75, minReviews: 40, minTopCritics: 5 });

export const DEFAULT_CONFIG: ConsensusConfig = Object.freeze({
  certified: DEFAULT_CERTIFIED,
  topCriticWeight: 1.5,
  modelScoreWeight: 1,
  z: 1.96,
  quantifier: { kind: 'count' } as const,
  quotes: 5,
  minAspectReviews: 1,
  ignoreLabels: false,
  useRatings: false,
  ratingFreshAt: 60,
});

/** The default configuration with some parts replaced. */
export function consensusConfig(over: Partial<Omit<ConsensusConfig, 'certified'>> & { certified?: Partial<CertifiedRule> } = {}): ConsensusConfig {
  return { ...DEFAULT_CONFIG, ...over, certified: { ...DEFAULT_CONFIG.certified, ...over.certified } };
}

/** Whether a consensus meets the certified rule: decided from its share and counts alone, so a stored consensus can be judged again under other thresholds. */
export function meetsCertified(rule: CertifiedRule, c: { share: number | null; counted: number; topCritics: number }): boolean {
  return c.share !== null && c.share >= rule.minShare && c.counted >= rule.minReviews && c.topCritics >= rule.minTopCritics;
}

/** The certified rule in words. */
export function certifiedRuleText(rule: CertifiedRule): string {
  return `≥ ${Math.round(rule.minShare * 100)}% fresh over ≥ ${rule.minReviews} reviews including ≥ ${rule.minTopCritics} top critics`;
}

/** Metacritic-style band of a 0–100 score (rounded to a whole point first): 81+ acclaim, 61–80 favourable, 40–60 mixed, 20–39 unfavourable, < 20 dislike. */
export function bandOf(score: number): Band {
  const s = Math.round(score);
  if (s >= 81) return 'acclaim';
  if (s >= 61) return 'favourable';
  if (s >= 40) return 'mixed';
  if (s >= 20) return 'unfavourable';
  return 'dislike';
}
