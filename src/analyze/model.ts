/**
 * The loaded model: plain data validated once by `parseModel`, then shared read-only by every analysis.
 * analyze/ never reads files: src/node/load-model.ts reads the bytes and hands them here.
 */
import type { PersonTaggerModel } from './entities/person-tagger.ts';
import { ErrorCode, VerdictError } from './errors.ts';
import { parseFilmIndex, type FilmIndex } from './entities/film-index.ts';
import { compileLexicon, EMPTY_LEXICON, type Lexicon, type LexiconFiles } from './lexicon.ts';

export interface Model {
  /** Version string stamped on every card (weights and word tables); the store re-analyses cards made by another version. */
  version: string;
  /** Trained sentiment weights (filled by the sentiment stage's loader); null runs without sentiment. */
  sentiment: unknown;
  /** The word tables of every stage (models/lexicons/). */
  lexicon: Lexicon;
  /** The learned person tagger (models/ner.v1.*); null leaves the people to the rules alone. */
  ner?: PersonTaggerModel | null;
  /** The film index (models/films/); absent or null: films are read from the text alone. */
  films?: FilmIndex | null;
  /** The learned aspect model (src/analyze/aspects/learned.ts); absent or null, aspects are read by the rule cascade. */
  aspects?: unknown;
}

/** A model with no trained parts and no word tables: text and rating work, the other stages find little. */
export const EMPTY_MODEL: Model = Object.freeze({ version: 'none', sentiment: null, lexicon: EMPTY_LEXICON, ner: null });

/** Validate raw model data: a version, optional sentiment weights, optional lexicon files (compiled here). */
export function parseModel(json: unknown): Model {
  if (typeof json !== 'object' || json === null) throw new VerdictError(ErrorCode.MODEL_INVALID, 'model: expected a JSON object');
  const o = json as Record<string, unknown>;
  if (typeof o.version !== 'string') throw new VerdictError(ErrorCode.MODEL_INVALID, 'model: missing "version"');
  const lexicon = o.lexicon === undefined || o.lexicon === null ? EMPTY_LEXICON : compileLexicon(o.lexicon as Partial<LexiconFiles>);
  // The film index: already indexed, or its data.
  const films = o.films === undefined || o.films === null ? null : typeof (o.films as FilmIndex).rowsForKey === 'function' ? (o.films as FilmIndex) : parseFilmIndex(o.films);
  return { version: o.version, sentiment: o.sentiment ?? null, lexicon, films, aspects: o.aspects ?? null, ner: (o.ner as PersonTaggerModel | null | undefined) ?? null };
}
