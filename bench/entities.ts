/**
 * Entity-stage benchmark (issue 3): how much of the card's time the entity stage takes.
 *
 *   node_modules/.bin/node bench/entities.ts [--n 2000] [--rounds 3]
 *
 * Over the first N IMDB test reviews, times (after a warm-up round, best of R interleaved rounds, same process,
 * same inputs): readDoc alone; findEntities on the ready Docs (the entity stage alone); the whole card (analyze
 * with the shipped model); and the peer, wink-nlp tokenise + sentiment. Prints the entity stage's share of the card's time
 *   (target ≤ 1/3) and the card's time against the peer (target ≤ 1×).
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { analyze } from '../src/analyze/index.ts';
import { findEntities } from '../src/analyze/entities/index.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { dataFile, readJsonlGz } from '../src/node/data.ts';
import { loadModel } from '../src/node/load-model.ts';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } } });
const n = Number(args.n);
const rounds = Number(args.rounds);

const texts: string[] = [];
for await (const row of readJsonlGz<{ text: string }>(dataFile('imdb/imdb_test.jsonl.gz'))) {
  texts.push(row.text);
  if (texts.length >= n) break;
}
const model = loadModel();

// wink-nlp ships CommonJS without type declarations; this is the part of its API used here.
interface WinkDoc { tokens(): { out(): string[] }; out(f: unknown): unknown }
interface Wink { readDoc(text: string): WinkDoc; its: { sentiment: unknown } }
const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
const nlp = winkNLP(require('wink-eng-lite-web-model'));

const docs = texts.map((t) => readDoc(t));
const variants: [string, () => unknown][] = [
  ['readDoc', () => texts.map((t) => readDoc(t)).length],
  ['findEntities (on ready Docs)', () => docs.map((d) => findEntities({ doc: d, lexicon: model.lexicon, options: {} })).length],
  ['analyze (whole card)', () => texts.map((t) => analyze(t, model)).length],
  [
    'wink-nlp tokenise + sentiment (peer)',
    () =>
      texts.map((t) => {
        const d = nlp.readDoc(t);
        return d.out(nlp.its.sentiment);
      }).length,
  ],
];
// Rounds interleave the variants, so that a busy machine slows them alike; each keeps its best round.
const best = new Map<string, number>();
for (const [, fn] of variants) fn(); // warm-up, not timed
for (let r = 0; r < rounds; r++) {
  for (const [label, fn] of variants) {
    const t0 = performance.now();
    fn();
    best.set(label, Math.min(best.get(label) ?? Infinity, performance.now() - t0));
  }
}
const chars = texts.reduce((s, t) => s + t.length, 0);
console.log(`${texts.length} IMDB test reviews, ${(chars / 1e6).toFixed(2)} M characters, best of ${rounds} interleaved rounds`);
for (const [label, ms] of best) console.log(`${label.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms  (${((1000 * ms) / texts.length).toFixed(1)} µs/review)`);
const entities = best.get('findEntities (on ready Docs)')!;
const card = best.get('analyze (whole card)')!;
const peer = best.get('wink-nlp tokenise + sentiment (peer)')!;
console.log(`entity stage: ${((100 * entities) / card).toFixed(1)}% of the card's time (target ≤ 33.3%)`);
console.log(`card / peer: ${(card / peer).toFixed(2)}× (target ≤ 1×)`);
