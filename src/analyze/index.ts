/**
 * @module The analyser: one review in, one review card out. Pure: no I/O, no clock, no global state.
 */
import type { InputFormat, ReviewCard } from './card.ts';
import { clausePolarities, docWords, findAspects, findTargets } from './aspects/index.ts';
import { findEntities } from './entities/index.ts';
import { EMPTY_MODEL, type Model } from './model.ts';
import { findSpoilers, selectQuotes } from './quotes/index.ts';
import { findRating } from './rating/index.ts';
import { scoreSentiment } from './sentiment/index.ts';
import { readDoc } from './text/index.ts';

export type * from './card.ts';
export { ASPECT_IDS } from './card.ts';
export { EMPTY_MODEL, parseModel, type Model } from './model.ts';
export { ErrorCode, VerdictError } from './errors.ts';

/** Bumped whenever the analyser's rules change the cards it makes; combined with the model version. */
export const ANALYZER_VERSION = '0.1.0';

export interface AnalyzeOptions {
  /** Force the input format; detected when absent. */
  format?: InputFormat;
  /** The film's title when the source gives it (a `title` field, a CSV column). */
  title?: string;
  /** The critic's rating when the source gives it apart from the text. */
  rating?: string;
}

/** Analyse one review with a loaded model. */
export function analyze(raw: string, model: Model = EMPTY_MODEL, options: AnalyzeOptions = {}): ReviewCard {
  const doc = readDoc(raw, options.format ? { format: options.format } : {});
  const rating = findRating(doc, options.rating);
  const entities = findEntities(doc, options.title, model.ner);
  const sentiment = scoreSentiment(doc, model, rating);
  // The lower-cased words, and the model's reading of each clause, are made once and shared by the later stages.
  const words = docWords(doc);
  const polarity = clausePolarities(doc, model);
  return {
    version: `${ANALYZER_VERSION}+${model.version}`,
    format: doc.format,
    text: doc.text,
    sentences: doc.sentences.map((s, i) => {
      const out: ReviewCard['sentences'][number] = { start: s.start, end: s.end, paragraph: s.paragraph };
      if (s.repeatOf >= 0) out.repeatOf = s.repeatOf;
      if (sentiment.verdict) out.polarity = Math.round(sentiment.sentences[i]! * 1000) / 1000;
      return out;
    }),
    ...entities,
    verdict: sentiment.verdict,
    rating,
    aspects: findAspects(doc, sentiment, model, entities, words, polarity),
    targets: findTargets(doc, entities, sentiment, model, words, polarity),
    quotes: selectQuotes(doc, sentiment, words),
    spoilers: findSpoilers(doc, words),
  };
}
