/**
 * @module Small mappings from a review card to what lists show: a snippet that avoids spoilers and
 * pull-quote repeats, and the review's 0–100 score.
 */
import type { ReviewCard } from '../analyze/card.ts';

const MAX_SNIPPET = 280;

/** A short excerpt for lists: the top pull quote, else the opening sentences; `spoiler` when it could not avoid one. */
export function snippetOf(card: ReviewCard): { snippet: string; spoiler: boolean } {
  const overlapsSpoiler = (s: number, e: number): boolean => card.spoilers.some((sp) => sp.start < e && sp.end > s);
  const quote = card.quotes.find((q) => !overlapsSpoiler(q.start, q.end));
  if (quote) return { snippet: clip(quote.text), spoiler: false };
  let out = '';
  for (const s of card.sentences) {
    if (s.repeatOf !== undefined || overlapsSpoiler(s.start, s.end)) continue;
    const t = card.text.slice(s.start, s.end).trim();
    if (!t) continue;
    if (out && out.length + t.length + 1 > MAX_SNIPPET) break;
    out = out ? `${out} ${t}` : t;
  }
  if (out) return { snippet: clip(out), spoiler: false };
  return { snippet: clip(card.text.trim()), spoiler: card.spoilers.length > 0 };
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_SNIPPET) return t;
  const cut = t.lastIndexOf(' ', MAX_SNIPPET - 1);
  return `${t.slice(0, cut > MAX_SNIPPET / 2 ? cut : MAX_SNIPPET - 1)}…`;
}

/** The review's score 0–100: the critic's normalised rating when there is one, else the model's. */
export function scoreOf(card: ReviewCard, normalizedRating?: number | null): number | null {
  if (normalizedRating !== undefined && normalizedRating !== null && Number.isFinite(normalizedRating)) return normalizedRating;
  return card.rating?.normalized ?? card.verdict?.score ?? null;
}
