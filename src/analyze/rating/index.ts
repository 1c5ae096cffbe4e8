/**
 * @module Explicit critic ratings: parse, reject with a reason, normalise to 0–100.
 */
import type { ParsedRating } from '../card.ts';
import type { Doc } from '../text/index.ts';

/** The critic's rating: from metadata when given, else from the text. (Stub until the parser lands.) */
export function findRating(_doc: Doc, _metadata?: string): ParsedRating | null {
  return null;
}
