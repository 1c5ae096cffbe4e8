/**
 * Reads the shipped model from models/ (the only file access the analyser's model needs): the sentiment
 * weights and the word tables of models/lexicons/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LEXICON_FILES, type LexiconFiles } from '../analyze/lexicon.ts';
import { EMPTY_MODEL, parseModel, type Model } from '../analyze/model.ts';
import { sentimentFromParts, type SentimentHeader, type SentimentModel } from '../analyze/sentiment/model.ts';
import type { PersonTaggerModel } from '../analyze/entities/person-tagger.ts';
import { loadPersonTagger } from './load-ner.ts';
import { aspectModelFromParts, type AspectHeader, type AspectModel } from '../analyze/aspects/learned.ts';
import { FILM_INDEX_PATH, loadFilmIndex } from './load-films.ts';

export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** Path of a lexicon file under a models folder. */
export const lexiconPath = (dir: string, name: keyof LexiconFiles): string => `${dir}/lexicons/${name}.json`;

export interface LoadModelOptions {
  /** Load the trained sentiment weights (default true); false gives the word tables alone (fast, for tests). */
  sentiment?: boolean;
  /** Load the film index of models/films/ (default true). */
  films?: boolean;
  /** Load the learned aspect model when there is one (default true); its trainer reads the rest without it. */
  aspects?: boolean;
}

/** The learned aspect model of `dir` and a short hash of its weights, or null when there is none. */
function readAspects(dir: string, manifest: { files: Record<string, { sha256: string }> }): { model: AspectModel; version: string } | null {
  const header = `${dir}/aspects.v1.json`;
  if (!existsSync(header)) return null;
  const model = aspectModelFromParts(JSON.parse(readFileSync(header, 'utf8')) as AspectHeader, readFileSync(`${dir}/aspects.v1.bin`));
  return { model, version: `aspects.v1-${manifest.files['aspects.v1.bin']?.sha256.slice(0, 8) ?? 'unknown'}` };
}

/** The lexicon files of `dir` and a short hash of their bytes, or null when the folder has none. */
function readLexicon(dir: string): { files: Partial<LexiconFiles>; hash: string } | null {
  const files: Partial<Record<keyof LexiconFiles, unknown>> = {};
  const h = createHash('sha256');
  let any = false;
  for (const name of LEXICON_FILES) {
    const path = lexiconPath(dir, name);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    h.update(`${name}\0`).update(bytes);
    files[name] = JSON.parse(bytes.toString('utf8'));
    any = true;
  }
  return any ? { files: files as Partial<LexiconFiles>, hash: h.digest('hex').slice(0, 8) } : null;
}

const cache = new Map<string, Model>();

/**
 * The person tagger of `dir` and its version (the hash of its weights), or nulls when it is not there. The hash is
 * the manifest's, written with the weights (as the other parts' are); the file is read and hashed again only
 * when the manifest does not list it.
 */
function readTagger(dir: string): { ner: PersonTaggerModel | null; version: string | null } {
  const ner = loadPersonTagger(dir);
  if (!ner) return { ner: null, version: null };
  const listed = existsSync(`${dir}/MANIFEST.json`) ? readManifest(dir).files['ner.v1.bin']?.sha256 : undefined;
  const sha = listed ?? createHash('sha256').update(readFileSync(`${dir}/ner.v1.bin`)).digest('hex');
  return { ner, version: `ner.v1-${sha.slice(0, 8)}` };
}

/**
 * The weight tables of the model (sentiment, person tagger, aspects): the large typed arrays, which threads can
 * share (`shareWeights`) instead of each making its own copy. Plain data, so it passes to worker threads.
 */
export interface ModelWeights {
  sentiment: SentimentModel | null;
  tagger: { ner: PersonTaggerModel | null; version: string | null };
  aspects: { model: AspectModel; version: string } | null;
}

const readManifest = (dir: string): { files: Record<string, { sha256: string }> } => JSON.parse(readFileSync(`${dir}/MANIFEST.json`, 'utf8')) as { files: Record<string, { sha256: string }> };

/** Read the weight tables of `dir` (what `loadModel` reads besides the word tables and the film index). */
export function loadWeights(dir = MODELS_DIR, options: LoadModelOptions = {}): ModelWeights {
  const tagger = readTagger(dir);
  const header = `${dir}/sentiment.v1.json`;
  if (options.sentiment === false || !existsSync(header)) return { sentiment: null, tagger, aspects: null };
  const h = JSON.parse(readFileSync(header, 'utf8')) as SentimentHeader;
  const clauseFile = `${dir}/sentiment-clause.v1.bin`;
  const clause = h.clause && existsSync(clauseFile) ? readFileSync(clauseFile) : null;
  const charFile = `${dir}/sentiment-char.v1.bin`;
  const char = h.char && existsSync(charFile) ? readFileSync(charFile) : null;
  const sentiment = sentimentFromParts(h, readFileSync(`${dir}/sentiment.v1.bin`), clause, char);
  return { sentiment, tagger, aspects: options.aspects === false ? null : readAspects(dir, readManifest(dir)) };
}

/**
 * The same weights with every large typed array moved into shared memory: sent to worker threads (structured
 * clone), the tables are shared, not copied, so N analysis threads hold one copy of them instead of N.
 */
export function shareWeights(weights: ModelWeights): ModelWeights {
  // A table named twice (the sentiment model's paired table names the two it copies) gets one shared copy.
  const copies = new Map<unknown, unknown>();
  const share = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as Uint8Array;
      if (a.byteLength < 64 * 1024 || a.buffer instanceof SharedArrayBuffer) return v;
      if (copies.has(a)) return copies.get(a);
      const Ctor = a.constructor as new (b: SharedArrayBuffer) => Uint8Array;
      const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
      copy.set(a);
      copies.set(a, copy);
      return copy;
    }
    if (v === null || typeof v !== 'object' || v instanceof Map || v instanceof Set) return v;
    if (Array.isArray(v)) return v.map(share);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, share(x)]));
  };
  return share(weights) as ModelWeights;
}

/**
 * Load the sentiment model, its calibration, the word tables and the person tagger; without models/ the analyser
 * runs with no trained parts. The version names the weights, the word tables and the tagger, so a change of any
 * re-analyses. `weights`: the weight tables already read (`loadWeights` of the same `dir`, shared by the caller).
 */
export function loadModel(dir = MODELS_DIR, options: LoadModelOptions & { weights?: ModelWeights | undefined } = {}): Model {
  const lexicon = readLexicon(dir);
  const weights = options.weights ?? loadWeights(dir, options);
  const tagger = weights.tagger;
  const header = `${dir}/sentiment.v1.json`;
  const lexVersion = lexicon ? `lexicon-${lexicon.hash}` : null;
  if (options.sentiment === false || !existsSync(header) || !weights.sentiment) {
    if (!lexicon && !tagger.ner) return EMPTY_MODEL;
    return parseModel({ version: [lexVersion, tagger.version].filter(Boolean).join('+'), sentiment: null, lexicon: lexicon?.files, ner: tagger.ner });
  }
  const manifest = readManifest(dir);
  // The model version is the weights' hash (and the word tables'): the store re-analyses cards made by another one.
  // The header's hash too: its calibration and rating table change verdicts as much as the weights do.
  const char = existsSync(`${dir}/sentiment-char.v1.bin`) && weights.sentiment.char != null;
  const parts = ['sentiment.v1.bin', 'sentiment.v1.json', ...(char ? ['sentiment-char.v1.bin'] : [])].map((f) => manifest.files[f]?.sha256 ?? 'unknown');
  const sentimentVersion = `sentiment.v1-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 8)}`;
  const aspects = options.aspects === false ? null : weights.aspects;
  const version = [sentimentVersion, ...(aspects ? [aspects.version] : []), ...(lexVersion ? [lexVersion] : [])].join('+');
  // The film index (models/films/): its hash joins the version, so a rebuilt index re-analyses.
  const films = options.films === false ? null : loadFilmIndex(dir);
  const filmsVersion = films ? `+films-${manifest.files[FILM_INDEX_PATH]?.sha256.slice(0, 8) ?? 'unknown'}` : '';
  const nerVersion = tagger.version ? `+${tagger.version}` : '';
  return parseModel({ version: `${version}${nerVersion}${filmsVersion}`, sentiment: weights.sentiment, lexicon: lexicon?.files, films, ner: tagger.ner, aspects: aspects?.model ?? null });
}

/** The shipped word tables without the sentiment weights, loaded once per process (tests, lexicon-only evals). */
export function loadLexiconModel(dir = MODELS_DIR): Model {
  let m = cache.get(dir);
  if (!m) cache.set(dir, (m = loadModel(dir, { sentiment: false })));
  return m;
}
