/**
 * @module The library's `analyze` and `analyzeMany`: the analyser behind input checks that throw typed errors,
 * with the shipped model by default, and a worker-thread pool for many reviews.
 */
import { availableParallelism } from 'node:os';
import { analyze as analyzeCore, ErrorCode, VerdictError, type AnalyzeOptions as CoreOptions, type Model, type ReviewCard } from '../analyze/index.ts';
import { textProblem } from '../analyze/text/validate.ts';
import { loadModel as loadShippedModel, MODELS_DIR } from '../node/load-model.ts';
import { mapOrdered } from '../node/pool/ordered.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { DEFAULT_MAX_BYTES, formatBytes } from '../node/read-input.ts';

export interface AnalyzeOptions extends CoreOptions {
  /** Largest text accepted, in UTF-16 code units (default 2 MB worth). */
  maxLength?: number;
}

let shipped: Model | null = null;

/**
 * Load the model shipped in the package (`models/`), or the one in `dir`. Loading takes a fraction of a
 * second: load once and pass the model to every `analyze` call.
 */
export function loadModel(dir?: string): Model {
  const model = loadShippedModel(dir ?? MODELS_DIR);
  if (!model.sentiment) throw new VerdictError(ErrorCode.MODEL_INVALID, `no model in ${dir ?? MODELS_DIR} (sentiment.v1.json is missing)`);
  return model;
}

function defaultModel(): Model {
  shipped ??= loadModel();
  return shipped;
}

/** Throw a `VerdictError` (with its `code`) for text the analyser cannot read. */
export function checkText(text: unknown, maxLength = DEFAULT_MAX_BYTES): asserts text is string {
  if (typeof text !== 'string') throw new VerdictError(ErrorCode.MISSING_TEXT, `expected the review as a string, got ${text === null ? 'null' : typeof text}`);
  if (text.length > maxLength) throw new VerdictError(ErrorCode.TOO_LARGE, `text is ${formatBytes(text.length)}, over the ${formatBytes(maxLength)} limit (raise it with maxLength)`);
  if (text.trim().length === 0) throw new VerdictError(ErrorCode.EMPTY_TEXT, 'text is empty or whitespace only: nothing to analyse');
  // The checks every interface shares (NUL, lone surrogates, mostly control characters), then those for a
  // string that was decoded from binary data.
  const problem = textProblem(text, 'text');
  if (problem) throw new VerdictError(problem.code, problem.message);
  // Binary decoded as text: many control characters, or the replacement character of a bad decode.
  let control = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
    else if (c === 0xfffd) replaced++;
  }
  if (control > 8 && control > text.length / 100) throw new VerdictError(ErrorCode.BINARY_INPUT, `text looks binary (${control} control characters), not a review`);
  if (replaced > 8 && replaced > text.length / 100) throw new VerdictError(ErrorCode.INVALID_UTF8, `text holds ${replaced} U+FFFD replacement characters: it was decoded from bytes that are not UTF-8`);
}

/**
 * Analyse one review into its card. Throws a `VerdictError` with a `code` (`E_EMPTY_TEXT`, `E_BINARY_INPUT`,
 * `E_INVALID_UTF8`, `E_TOO_LARGE`, `E_MISSING_TEXT`) for input that is not a review. Without `model`, the
 * shipped model is loaded once and used.
 */
export function analyze(text: string, model?: Model | null, options: AnalyzeOptions = {}): ReviewCard {
  checkText(text, options.maxLength);
  const { maxLength: _max, ...core } = options;
  return analyzeCore(text, model ?? defaultModel(), core);
}

/** One review for `analyzeMany`: its text, or the text with the metadata the source gives. */
export type ReviewInput = string | { text: string; title?: string; rating?: string | number; format?: 'text' | 'markdown' | 'html' };

/** `analyzeMany`'s answer for one input, in input order: its card, or why it has none. */
export type AnalyzeManyResult = { index: number; card: ReviewCard } | { index: number; error: VerdictError };

export interface AnalyzeManyOptions extends Pick<CoreOptions, 'offsets'> {
  /** Worker threads (default: one per core). 0 analyses on the calling thread. */
  concurrency?: number;
  /** Reviews per batch sent to a worker (default 64). */
  batchSize?: number;
  /** Folder of the model files (default: the shipped model). */
  modelDir?: string;
  maxLength?: number;
}

/**
 * Analyse many reviews on worker threads, yielding one result per input in input order. Memory stays flat:
 * only a few batches per thread are in flight, so `reviews` may be an endless async iterable (a file's lines).
 * A bad review yields an `error` and the rest go on.
 */
export async function* analyzeMany(reviews: Iterable<ReviewInput> | AsyncIterable<ReviewInput>, options: AnalyzeManyOptions = {}): AsyncGenerator<AnalyzeManyResult> {
  const size = options.concurrency ?? availableParallelism();
  const pool = new AnalyzePool({ size, modelDir: options.modelDir });
  try {
    let index = 0;
    async function* numbered(): AsyncGenerator<{ index: number; input: ReviewInput; bad: VerdictError | null }> {
      for await (const input of reviews) {
        let bad: VerdictError | null = null;
        try {
          checkText(typeof input === 'string' ? input : input?.text, options.maxLength);
        } catch (e) {
          bad = e as VerdictError;
        }
        yield { index: index++, input, bad };
      }
    }
    const run = async (batch: { input: ReviewInput; bad: VerdictError | null }[]) => {
      const jobs = batch.filter((b) => !b.bad).map(({ input }) => {
        const o = typeof input === 'string' ? { text: input } : input;
        return { text: o.text, title: o.title, rating: o.rating === undefined ? undefined : String(o.rating), format: o.format, offsets: options.offsets };
      });
      const results = jobs.length > 0 ? await pool.analyze(jobs) : [];
      let k = 0;
      return batch.map((b) => (b.bad ? null : results[k++]!));
    };
    for await (const [item, result] of mapOrdered(numbered(), run, { batchSize: options.batchSize, inFlight: Math.max(2, size * 2) })) {
      if (item.bad || !result) yield { index: item.index, error: item.bad! };
      else if ('card' in result) yield { index: item.index, card: result.card };
      else yield { index: item.index, error: new VerdictError(result.error.code as never, result.error.message) };
    }
  } finally {
    await pool.close();
  }
}
