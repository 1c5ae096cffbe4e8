/**
 * @module An editor's corrections of one review, as a plain JSON object of the fields an editor set, and how
 * they win over the model: `applyOverrides` lays them over the facts the aggregator reads (the label and
 * rating it counts first) and over the card the pages show. The store keeps the model's card and these
 * overrides apart, so re-analysis replaces the card and the corrections still win. Pure.
 */
import type { AspectId, CreditRole, ReviewCard } from '../analyze/card.ts';

export interface CreditFix {
  person: string;
  role: CreditRole;
  character?: string | undefined;
}

/** The fields an editor set on a review. Absent = the model's (or the source's) value. */
export interface ReviewOverrides {
  /** Fresh (true) or rotten. Counts as a human label in the consensus. */
  fresh?: boolean;
  /** Score 0–100. Counts as an explicit rating in the consensus. */
  score?: number;
  /** Aspect polarity in [-1, 1]; null removes an aspect the model found. */
  aspects?: Partial<Record<AspectId, number | null>>;
  /** The pull quote chosen (character offsets into the card's text). */
  quote?: { start: number; end: number };
  /** Credits added (or fixed: same person and role, another character). */
  creditsAdd?: CreditFix[];
  /** Credits removed, as "person|role". */
  creditsRemove?: string[];
  /** An editor checked the review (whether or not anything needed correcting). */
  checked?: boolean;
}

export const OVERRIDE_FIELDS = ['fresh', 'score', 'aspects', 'quote', 'creditsAdd', 'creditsRemove'] as const;

export const creditKey = (c: { person: string; role: string }): string => `${c.person.trim().toLowerCase()}|${c.role}`;

/** True when the object sets nothing. */
export function isEmptyOverrides(o: ReviewOverrides | null | undefined): boolean {
  return !o || OVERRIDE_FIELDS.every((k) => o[k] === undefined);
}

/** The card as corrected (a copy; the input is not changed). */
export function correctCard(card: ReviewCard, o: ReviewOverrides): ReviewCard {
  const out: ReviewCard = { ...card };
  if (card.verdict && (o.fresh !== undefined || o.score !== undefined)) {
    const fresh = o.fresh ?? card.verdict.fresh;
    let score = o.score ?? card.verdict.score;
    // A fresh call with a rotten score (or the reverse) is moved to the line, so the card stays consistent.
    if (o.score === undefined && fresh !== card.verdict.fresh) score = fresh ? Math.max(score, 60) : Math.min(score, 59);
    out.verdict = { ...card.verdict, fresh, score, label: score >= 60 ? 'positive' : score >= 40 ? 'mixed' : 'negative', confidence: 1 };
  }
  if (o.aspects) {
    const aspects = card.aspects.map((a) => ({ ...a }));
    for (const [id, pol] of Object.entries(o.aspects) as [AspectId, number | null | undefined][]) {
      if (pol === undefined) continue;
      const i = aspects.findIndex((a) => a.aspect === id);
      if (pol === null) {
        if (i >= 0) aspects.splice(i, 1);
      } else if (i >= 0) aspects[i]!.polarity = pol;
      else aspects.push({ aspect: id, polarity: pol, mentions: 1, evidence: [] });
    }
    out.aspects = aspects;
  }
  if (o.quote) {
    const { start, end } = o.quote;
    const rest = card.quotes.filter((q) => q.start !== start || q.end !== end);
    const text = card.text.slice(start, end);
    out.quotes = text ? [{ start, end, text, score: 1 }, ...rest] : card.quotes;
  }
  if (o.creditsAdd || o.creditsRemove) {
    const drop = new Set([...(o.creditsRemove ?? []), ...(o.creditsAdd ?? []).map(creditKey)]);
    const credits = card.credits.filter((c) => !drop.has(creditKey(c)));
    for (const c of o.creditsAdd ?? []) {
      const found = card.credits.find((x) => creditKey(x) === creditKey(c));
      credits.push({ person: c.person, role: c.role, ...(c.character ? { character: c.character } : {}), evidence: found?.evidence ?? { start: 0, end: 0 } });
    }
    out.credits = credits;
  }
  return out;
}

/** Facts with the corrections applied: a corrected verdict is a label, a corrected score an explicit rating. */
export function applyOverrides<T extends { label: boolean | null; rating: number | null; card: ReviewCard | null }>(r: T, o: ReviewOverrides | null | undefined): T {
  if (isEmptyOverrides(o)) return r;
  const ov = o!;
  return {
    ...r,
    label: ov.fresh ?? r.label,
    rating: ov.score ?? r.rating,
    card: r.card ? correctCard(r.card, ov) : r.card,
  };
}
