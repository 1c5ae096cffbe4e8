/**
 * @module Trimming a card to some of its fields (`--fields verdict,aspects,credits`).
 */
import type { ReviewCard } from '../../analyze/card.ts';

/** The card keeping only `fields` (top-level names of the card), in the card's own order. */
export function pickFields(card: ReviewCard, fields: readonly string[] | undefined): Partial<ReviewCard> {
  if (!fields) return card;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(card)) if (fields.includes(k)) out[k] = v;
  return out as Partial<ReviewCard>;
}
