/**
 * @module Quotes: ranked pull-quote candidates, and spoiler sentences.
 */
import type { PullQuote, Spoiler } from '../card.ts';
import type { SentimentResult } from '../sentiment/index.ts';
import type { Doc } from '../text/index.ts';

/** Pull-quote candidates, best first. (Stub.) */
export function selectQuotes(_doc: Doc, _sentiment: SentimentResult): PullQuote[] {
  return [];
}

/** Sentences that give the plot away. (Stub.) */
export function findSpoilers(_doc: Doc): Spoiler[] {
  return [];
}
