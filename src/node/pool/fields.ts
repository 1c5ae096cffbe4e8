/**
 * @module Trimming a card to some of its fields (`--fields verdict,aspects,credits`), and running only the stages
 * those fields need: a card of verdicts alone costs the rating and sentiment stages, not the whole analysis.
 */
import type { ReviewCard } from '../../analyze/card.ts';
import type { StageName } from '../../analyze/index.ts';

/** The card's top-level fields, in the card's order. */
export const CARD_FIELDS = ['version', 'format', 'text', 'sentences', 'film', 'references', 'chronology', 'people', 'credits', 'verdict', 'rating', 'aspects', 'targets', 'quotes', 'spoilers'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The stage that fills each field (the pipeline adds what that stage needs); none for the text layer's own. */
const FIELD_STAGE: Record<CardField, StageName | null> = {
  version: null,
  format: null,
  text: null,
  // Each sentence carries its polarity.
  sentences: 'sentiment',
  film: 'entities',
  references: 'entities',
  chronology: 'entities',
  people: 'entities',
  credits: 'entities',
  verdict: 'sentiment',
  rating: 'rating',
  aspects: 'aspects',
  targets: 'targets',
  quotes: 'quotes',
  spoilers: 'spoilers',
};

/** The stages a card of only `fields` needs (every stage when `fields` is absent). */
export function stagesForFields(fields: readonly string[] | undefined): StageName[] | undefined {
  if (!fields) return undefined;
  const stages = new Set<StageName>();
  for (const f of fields) {
    const stage = FIELD_STAGE[f as CardField];
    if (stage) stages.add(stage);
  }
  return [...stages];
}

/** The card keeping only `fields` (top-level names of the card), in the card's own order. */
export function pickFields(card: ReviewCard, fields: readonly string[] | undefined): Partial<ReviewCard> {
  if (!fields) return card;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(card)) if (fields.includes(k)) out[k] = v;
  return out as Partial<ReviewCard>;
}
