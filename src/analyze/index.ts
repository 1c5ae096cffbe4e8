/**
 * @module The analyser: one review in, one review card out. Pure: no I/O, no clock, no global state.
 */
import type { InputFormat, ReviewCard } from './card.ts';
import { createContext } from './context.ts';
import { EMPTY_MODEL, type Model } from './model.ts';
import { planStages, runStages, type StageName } from './pipeline.ts';
import { withOffsets, type OffsetUnit } from './offsets.ts';
import { readDoc, type Doc } from './text/index.ts';

export type * from './card.ts';
export { ASPECT_IDS } from './card.ts';
export { EMPTY_MODEL, parseModel, type Model } from './model.ts';
export { ErrorCode, VerdictError } from './errors.ts';
export { withOffsets, type OffsetUnit } from './offsets.ts';
export { STAGE_NAMES, type StageName } from './pipeline.ts';
export { assertValidText, textProblem, type TextProblem } from './text/validate.ts';

/** Bumped whenever the analyser's rules change the cards it makes; combined with the model version. */
export const ANALYZER_VERSION = '0.1.0';

export interface AnalyzeOptions {
  /** Force the input format; detected when absent. */
  format?: InputFormat;
  /** The film's title when the source gives it (a `title` field, a CSV column). */
  title?: string;
  /** The critic's rating when the source gives it apart from the text. */
  rating?: string;
  /** Run only these stages (and what they need, pipeline.ts); every stage when absent. `['sentiment']`: polarity only. */
  stages?: readonly StageName[];
  /** Unit of every offset in the card: UTF-16 code units (JavaScript string indices, the default) or code points (Python, Rust). */
  offsets?: OffsetUnit;
}

/** The card's sentences, each with its polarity when the review has a verdict (`polarity`, else null). */
function cardSentences(doc: Doc, polarity: Float32Array | null): ReviewCard['sentences'] {
  const out: ReviewCard['sentences'] = [];
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!;
    const card: ReviewCard['sentences'][number] = { start: s.start, end: s.end, paragraph: s.paragraph };
    if (s.repeatOf >= 0) card.repeatOf = s.repeatOf;
    if (polarity) card.polarity = Math.round(polarity[i]! * 1000) / 1000;
    out.push(card);
  }
  return out;
}

/** Analyse one review with a loaded model. */
export function analyze(raw: string, model: Model = EMPTY_MODEL, options: AnalyzeOptions = {}): ReviewCard {
  const stages = planStages(options.stages);
  const doc = readDoc(raw, options.format ? { format: options.format } : {});
  const ctx = createContext(doc, model, { title: options.title, rating: options.rating });
  runStages(ctx, stages);
  const { entities, sentiment } = ctx;
  const verdict = sentiment?.verdict ?? null;
  const card: ReviewCard = {
    version: `${ANALYZER_VERSION}+${model.version}`,
    format: doc.format,
    text: doc.text,
    sentences: cardSentences(doc, verdict ? sentiment!.sentences : null),
    film: entities?.film ?? null,
    references: entities?.references ?? [],
    chronology: entities?.chronology ?? [],
    people: entities?.people ?? [],
    credits: entities?.credits ?? [],
    verdict,
    rating: ctx.rating ?? null,
    aspects: ctx.aspects ?? [],
    targets: ctx.targets ?? [],
    quotes: ctx.quotes ?? [],
    spoilers: ctx.spoilers ?? [],
  };
  return options.offsets === 'codepoints' ? withOffsets(card, 'codepoints') : card;
}
