/**
 * @module Use case helpers for a film page beyond the consensus: the share fresh among top critics (counted the
 * way the consensus counts, with its own Wilson interval) and, for films the film index does not know, the cast
 * and crew the reviews themselves name. Computed with the consensus and cached beside it (consensus.ts).
 */
import type { CreditRole } from '../analyze/card.ts';
import { DEFAULT_CONFIG, estimateShare, reviewCall, wilson, type ConsensusConfig, type ReviewFacts } from '../aggregate/index.ts';

/** A share fresh over some of a film's (or a publication's) reviews. */
export interface ShareEstimate {
  /** Reviews considered (with or without a call). */
  reviews: number;
  /** Fresh calls (rounded estimate). */
  fresh: number;
  /** Reviews with a fresh/rotten call. */
  counted: number;
  share: number | null;
  interval: { low: number; high: number } | null;
}

/** A person the reviews name, with the role they give and in how many reviews. */
export interface ReviewCredit {
  name: string;
  role: CreditRole;
  character?: string;
  reviews: number;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Share fresh of `reviews`, each called as the consensus calls it (label, rating, else the model). */
export function shareOf(reviews: readonly ReviewFacts[], config: ConsensusConfig = DEFAULT_CONFIG): ShareEstimate {
  const calls = reviews.flatMap((r) => reviewCall(r, config) ?? []);
  const est = estimateShare(calls, config);
  const interval = est.share === null ? null : wilson(est.share, est.counted, config.z);
  return {
    reviews: reviews.length,
    fresh: Math.round(est.fresh),
    counted: est.counted,
    share: est.share === null ? null : round4(est.share),
    interval: interval ? { low: round4(interval.low), high: round4(interval.high) } : null,
  };
}

/** Roles shown, in the page's order, with how many people of each at most. */
const ROLE_LIMIT: Partial<Record<CreditRole, number>> = { director: 3, writer: 4, cast: 12 };

/**
 * The people the reviews credit, by role, most-named first: a person needs two reviews when the film has five or
 * more (one stray mention is more often a misreading than a credit). Credits the film index added are left out.
 */
export function reviewCredits(reviews: readonly ReviewFacts[]): ReviewCredit[] {
  const byKey = new Map<string, { name: string; role: CreditRole; reviews: Set<string>; characters: Map<string, number> }>();
  for (const r of reviews) {
    for (const c of r.card?.credits ?? []) {
      if (c.source === 'index' || !(c.role in ROLE_LIMIT)) continue;
      const key = `${c.role}\u0000${c.person.toLowerCase()}`;
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { name: c.person, role: c.role, reviews: new Set(), characters: new Map() }));
      e.reviews.add(r.id);
      if (c.character) e.characters.set(c.character, (e.characters.get(c.character) ?? 0) + 1);
    }
  }
  const min = reviews.length >= 5 ? 2 : 1;
  const out: ReviewCredit[] = [];
  for (const role of Object.keys(ROLE_LIMIT) as CreditRole[]) {
    const list = [...byKey.values()]
      .filter((e) => e.role === role && e.reviews.size >= min)
      .sort((a, b) => b.reviews.size - a.reviews.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, ROLE_LIMIT[role]);
    for (const e of list) {
      const character = [...e.characters].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
      out.push({ name: e.name, role, ...(character ? { character } : {}), reviews: e.reviews.size });
    }
  }
  return out;
}
