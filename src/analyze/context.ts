/**
 * The document context: one typed object per review, built once by the pipeline and handed to each stage.
 * Stages read what earlier stages added (pipeline.ts declares who needs and adds what) and add their own part.
 * The shared views (lower-cased words, the clause-polarity memo) are made on first use, so a stage list that
 * does not need them (polarity only) never pays for them.
 */
import type { AspectOpinion, ParsedRating, PullQuote, Spoiler, TargetOpinion } from './card.ts';
import { clausePolarities, clauseRanges, docWords, wordCodes, type ClausePolarity } from './clauses/index.ts';
import type { Entities } from './entities/index.ts';
import type { Lexicon } from './lexicon.ts';
import type { Model } from './model.ts';
import type { SentimentResult } from './sentiment/index.ts';
import type { Doc } from './text/index.ts';

/** Metadata the caller gives beside the text. */
export interface ContextOptions {
  /** The film's title when the source gives it (a `title` field, a CSV column). */
  title?: string;
  /** The critic's rating when the source gives it apart from the text. */
  rating?: string;
}

export interface DocContext {
  readonly doc: Doc;
  readonly model: Model;
  /** The model's word tables. */
  readonly lexicon: Lexicon;
  readonly options: ContextOptions;
  /** Lower-cased token strings (curly apostrophes read as straight ones), made on first use. */
  readonly words: readonly string[];
  /** The WORD flags of each token (clauses/index.ts `wordCodes`), made on first use: the clause cuts, opinion hits,
   * aspects and targets read them from one lookup per token. */
  readonly codes: Uint16Array;
  /** The model's polarity of a clause, each clause read once (shared by aspects and targets). */
  readonly clausePolarity: ClausePolarity;
  /** The clauses of sentence `i` as token ranges, each sentence cut once (shared by aspects and targets). */
  clausesOf(i: number): readonly (readonly [number, number])[];
  // What the stages add (pipeline.ts).
  rating?: ParsedRating | null;
  entities?: Entities;
  sentiment?: SentimentResult;
  aspects?: AspectOpinion[];
  targets?: TargetOpinion[];
  quotes?: PullQuote[];
  spoilers?: Spoiler[];
}

/** One review's context: a class, so that every context has one shape and the lazy views live on the prototype. */
class Context implements DocContext {
  readonly doc: Doc;
  readonly model: Model;
  readonly options: ContextOptions;
  readonly lexicon: Lexicon;
  rating?: ParsedRating | null = undefined;
  entities?: Entities = undefined;
  sentiment?: SentimentResult = undefined;
  aspects?: AspectOpinion[] = undefined;
  targets?: TargetOpinion[] = undefined;
  quotes?: PullQuote[] = undefined;
  spoilers?: Spoiler[] = undefined;
  #words: string[] | undefined = undefined;
  #codes: Uint16Array | undefined = undefined;
  #polarity: ClausePolarity | undefined = undefined;
  #clauses: (readonly (readonly [number, number])[] | undefined)[] = [];

  constructor(doc: Doc, model: Model, options: ContextOptions) {
    this.doc = doc;
    this.model = model;
    this.options = options;
    this.lexicon = model.lexicon;
  }

  get words(): readonly string[] {
    return (this.#words ??= docWords(this.doc));
  }

  get codes(): Uint16Array {
    return (this.#codes ??= wordCodes(this.lexicon.aspects, this.doc, this.words));
  }

  get clausePolarity(): ClausePolarity {
    // (Made on first use: after the sentiment stage when it runs, whose sentence readings it then reuses.)
    return (this.#polarity ??= clausePolarities(this.doc, this.model, this.sentiment?.readings));
  }

  clausesOf(i: number): readonly (readonly [number, number])[] {
    const s = this.doc.sentences[i]!;
    return (this.#clauses[i] ??= clauseRanges(this, s.tokenStart, s.tokenEnd));
  }
}

/** A fresh context for one review. */
export function createContext(doc: Doc, model: Model, options: ContextOptions = {}): DocContext {
  return new Context(doc, model, options);
}
