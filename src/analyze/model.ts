/**
 * The loaded model: plain data validated once by `parseModel`, then shared read-only by every analysis.
 * analyze/ never reads files: src/node/load-model.ts reads the bytes and hands them here.
 */
import type { PersonTaggerModel } from './entities/person-tagger.ts';
import { ErrorCode, VerdictError } from './errors.ts';

export interface Model {
  /** Version string stamped on every card; the store re-analyses cards made by another version. */
  version: string;
  /** Trained sentiment weights (filled by the sentiment stage's loader); null runs without sentiment. */
  sentiment: unknown;
  /** The learned person tagger (models/ner.v1.*); null leaves the people to the rules alone. */
  ner?: PersonTaggerModel | null;
}

/** A model with no trained parts: text, rating and entities still work. */
export const EMPTY_MODEL: Model = Object.freeze({ version: 'none', sentiment: null, ner: null });

/** Validate raw model JSON. */
export function parseModel(json: unknown): Model {
  if (typeof json !== 'object' || json === null) throw new VerdictError(ErrorCode.MODEL_INVALID, 'model: expected a JSON object');
  const o = json as Record<string, unknown>;
  if (typeof o.version !== 'string') throw new VerdictError(ErrorCode.MODEL_INVALID, 'model: missing "version"');
  return { version: o.version, sentiment: o.sentiment ?? null, ner: (o.ner as PersonTaggerModel | null | undefined) ?? null };
}
