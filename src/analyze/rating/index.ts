/**
 * @module Explicit critic ratings: parse, reject with a reason, normalise to 0–100.
 */
import type { ParsedRating } from '../card.ts';
import type { Doc } from '../text/index.ts';
import { findRatingInText, parseRating } from './parse-rating.ts';

export { findRatingInText, LETTER_GRADES, parseRating, RatingReject } from './parse-rating.ts';

/** The critic's rating: from metadata when given and understood, else from the text (with its span). */
export function findRating(doc: Doc, metadata?: string): ParsedRating | null {
  if (metadata !== undefined && metadata.trim() !== '') {
    const r = parseRating(metadata);
    if (r.status === 'parsed') {
      const { status: _status, ...rating } = r;
      return rating;
    }
  }
  return findRatingInText(doc.text);
}
