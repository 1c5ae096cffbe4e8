/**
 * @module Sentiment: sentence polarity and the review's verdict from the trained model.
 */
import type { ParsedRating, Verdict } from '../card.ts';
import type { Model } from '../model.ts';
import type { Doc } from '../text/index.ts';

export interface SentimentResult {
  verdict: Verdict | null;
  /** Polarity in [-1, 1] per sentence (0 when unknown). */
  sentences: Float32Array;
}

/** Score the review. (Stub until the trained model lands.) */
export function scoreSentiment(doc: Doc, _model: Model, _rating: ParsedRating | null): SentimentResult {
  return { verdict: null, sentences: new Float32Array(doc.sentences.length) };
}
