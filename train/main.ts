/**
 * `npm run train`: rebuilds the sentiment model files in models/ from ../shared/data, writes models/MANIFEST.json
 * (sha256, size, data, command, scores; the lexicons' entries kept: their own scripts are train/aspects-lexicon.ts
 * and train/entities-lexicon.ts), then the film index (`npm run train -- films` builds only that; `npm run train --
 * sentiment` only the sentiment files), the person tagger, and last the aspect model (train/aspects-model.ts),
 * which reads all of them. Seeded and deterministic: a second run writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { readManifest, writeManifest } from '../src/learn/manifest.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';
import { buildFilmIndex } from './film-index.ts';
import { CORRECTION_WEIGHT, loadCorrections } from './corrections.ts';
import { writeAspects } from './aspects-model.ts';
import { buildSentiment } from '../src/learn/sentiment-build.ts';

// `npm run train -- films`: only the film index (models/films/, a few seconds).
if (process.argv[2] === 'films') {
  await buildFilmIndex();
  process.exit(0);
}

const started = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);

// `npm run train -- --corrections FILE`: fold editors' corrections (from `verdict export --corrections`) in.
const at = process.argv.indexOf('--corrections');
const correctionsFile = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !correctionsFile) throw new Error('--corrections needs a file (from `verdict export --corrections`)');
const corrections = correctionsFile ? loadCorrections(correctionsFile) : [];
if (correctionsFile) log(`corrections: ${corrections.length / CORRECTION_WEIGHT} editor-checked reviews from ${correctionsFile}, each weighted ${CORRECTION_WEIGHT}×`);
const built = await buildSentiment(log, { corrections });
writeFileSync(`${MODELS_DIR}sentiment.v1.bin`, built.weights);
writeFileSync(`${MODELS_DIR}sentiment-clause.v1.bin`, built.clauseWeights);
writeFileSync(`${MODELS_DIR}sentiment-char.v1.bin`, built.charWeights);
writeFileSync(`${MODELS_DIR}sentiment.v1.json`, `${JSON.stringify(built.header, null, 1)}\n`);
log(`sentiment: ${JSON.stringify(built.scores)}`);

const old = readManifest(MODELS_DIR);
const manifest = {
  command: 'npm run train',
  files: {
    ...old.files,
    'sentiment.v1.bin': { sha256: '', bytes: 0, what: 'hashed uni/bi/trigram weights (int16, little-endian), NB-weighted logistic regression' },
    'sentiment-clause.v1.bin': { sha256: '', bytes: 0, what: 'clause/sentence table (int16, little-endian, same buckets), trained on short texts: SST phrases, MR, SST dev, Rotten Tomatoes snippets' },
    'sentiment-char.v1.bin': { sha256: '', bytes: 0, what: 'character 3–5-gram table (int16, little-endian, 2^21 buckets), NB-weighted logistic regression, read for unsure short texts and stacked with the word table' },
    'sentiment.v1.json': { sha256: '', bytes: 0, what: 'header: bucket count, bias, int16 scale, calibration, score curve, rating blend and rating table, character-table gate and stack, quantifiers and their held-out film errors' },
  },
  data: built.data.map((d) => `../shared/data/${d}.jsonl.gz`),
  ...(correctionsFile ? { corrections: { file: correctionsFile, reviews: corrections.length / CORRECTION_WEIGHT, weight: CORRECTION_WEIGHT } } : {}),
  dataNote: 'review table: SST whole sentences with a binary label; clause table: every non-neutral SST train phrase; never titled/',
  protocol: '90% of each set trains (Rotten Tomatoes split by film, IMDB by film page); the other 10% chooses the conclusion weight, fits calibration and gives these scores; the shipped weights are then trained on all of it',
  scores: built.scores,
};
writeManifest(MODELS_DIR, { ...manifest, ...(old.aspects ? { aspects: old.aspects } : {}) });
log('wrote models/MANIFEST.json');
// `npm run train -- sentiment`: only the sentiment files and their manifest entries (the aspect model reads the
// clause table alone, so it is unchanged unless that table changes).
if (process.argv[2] === 'sentiment') process.exit(0);
// The film index adds its own entry to the manifest.
await buildFilmIndex(log);
// The person tagger adds its own files to the manifest (train/ner.ts).
log('person tagger (train/ner.ts)');
await import('./ner.ts');
// Last, the aspect model: it reads the clause polarity of the sentiment model just written, and its training
// clauses leave out the people and titles that the entity stage (tagger and film index, just written) finds.
await writeAspects(log);
