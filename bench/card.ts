/**
 * Whole-card throughput (issue 4): `analyze()` against wink-nlp's tokenise + sentiment on the same reviews, one core,
 * with each stage timed alone so that the hot one shows.
 *
 *   node_modules/.bin/node bench/card.ts [--n 2000] [--rounds 5]
 *
 * Takes a seeded sample of N IMDB test reviews and N rt_flatiron snippets. Times (the process's CPU time, so that a
 * loaded machine's waits do not count), in interleaved rounds (best of R per chunk of 100 reviews, same process,
 * same inputs, after a warm-up round; every tool runs on a chunk before the next chunk): readDoc alone; each stage alone on ready inputs, called the way
 * src/analyze/pipeline.ts calls it; the whole analyze() with the shipped model; polarity only through the stage switch
 * (`analyze(t, model, { stages: ['sentiment'] })`); wink-nlp (`nlp.readDoc(t).out(nlp.its.sentiment)`) and VADER
 * (`polarity_scores(t)`). Prints µs/review, reviews/s, MB/s and the ratio to wink-nlp
 * (> 1 = faster than wink-nlp), and polarity only ÷ VADER. Writes bench/out/card.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { findAspects, findTargets } from '../src/analyze/aspects/index.ts';
import { clausePolarities, clauseRanges, docWords, wordCodes } from '../src/analyze/clauses/index.ts';
import { createContext } from '../src/analyze/context.ts';
import { findEntities } from '../src/analyze/entities/index.ts';
import { analyze } from '../src/analyze/index.ts';
import { findSpoilers, selectQuotes } from '../src/analyze/quotes/index.ts';
import { findRating } from '../src/analyze/rating/index.ts';
import { shuffled } from '../src/learn/sentiment.ts';
import { scoreSentiment } from '../src/analyze/sentiment/index.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { loadImdb, loadRtFlatiron } from '../src/learn/data.ts';
import { loadModel } from '../src/node/load-model.ts';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' }, only: { type: 'string' } } });
const n = Number(args.n);
const rounds = Number(args.rounds);

// wink-nlp ships CommonJS without type declarations; this is the part of its API used here.
interface Wink { readDoc(text: string): { out(f: unknown): unknown }; its: { sentiment: unknown } }
const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp') as (model: unknown) => Wink;
const nlp = winkNLP(require('wink-eng-lite-web-model'));
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };

const model = loadModel();
const sample = (texts: string[]): string[] => Array.from(shuffled(texts.length, 7).subarray(0, Math.min(n, texts.length)), (i) => texts[i]!);
const allSets: Record<string, string[]> = {
  'IMDB test (reviews)': sample((await loadImdb('test')).map((r) => r.text)),
  'rt_flatiron (snippets)': sample((await loadRtFlatiron()).map((r) => r.text)),
};
const sets = Object.fromEntries(Object.entries(allSets).filter(([name]) => !args.only || name.toLowerCase().startsWith(args.only.toLowerCase())));
const all = Object.values(sets).flat();
const setsWithAll: Record<string, string[]> = { ...sets, ...(Object.keys(sets).length > 1 ? { 'both together': all } : {}) };

// Ready inputs for the stages timed alone (made once, outside the clock), as analyze() makes them.
const docs = all.map((t) => readDoc(t));
const ratings = docs.map((d) => findRating(d));
const lexicon = model.lexicon;
const entities = docs.map((d) => findEntities({ doc: d, lexicon, options: {}, model }));
const sentiments = docs.map((d, i) => scoreSentiment(d, model, ratings[i]!));
const words = docs.map((d) => docWords(d));
// analyze() shares one clause-polarity memo between findAspects and findTargets; timed alone, each stage gets a
// fresh one (and fresh clause cuts), so that no round reuses another's readings.
const stageCtx = (i: number) => {
  const doc = docs[i]!;
  // (The word codes as the context shares them: readers given none make their own on every call.)
  const base = { doc, model, words: words[i]!, codes: wordCodes(lexicon.aspects, doc, words[i]!), lexicon, entities: entities[i]!, sentiment: sentiments[i]!, clausePolarity: clausePolarities(doc, model), options: {} };
  const cut: (readonly (readonly [number, number])[])[] = [];
  return { ...base, clausesOf: (s: number) => (cut[s] ??= clauseRanges(base, doc.sentences[s]!.tokenStart, doc.sentences[s]!.tokenEnd)) };
};

let sink = 0;
const over = (f: (i: number) => unknown) => (from: number, to: number): void => {
  for (let i = from; i < to; i++) if (f(i)) sink++;
};
const tools: [string, (from: number, to: number) => void][] = [
  ['readDoc', over((i) => readDoc(all[i]!))],
  ['  findRating', over((i) => findRating(docs[i]!))],
  ['  createContext', over((i) => createContext(docs[i]!, model))],
  ['  findEntities', over((i) => findEntities({ doc: docs[i]!, lexicon, options: {}, model }))],
  ['  scoreSentiment', over((i) => scoreSentiment(docs[i]!, model, ratings[i]!))],
  ['  docWords (shared)', over((i) => docWords(docs[i]!))],
  ['  findAspects', over((i) => findAspects(stageCtx(i)))],
  ['  findTargets', over((i) => findTargets(stageCtx(i)))],
  ['  selectQuotes', over((i) => selectQuotes(stageCtx(i)))],
  ['  findSpoilers', over((i) => findSpoilers(stageCtx(i)))],
  ['analyze (whole card)', over((i) => analyze(all[i]!, model))],
  ['analyze (polarity only)', over((i) => analyze(all[i]!, model, { stages: ['sentiment'] }))],
  ['wink-nlp', over((i) => nlp.readDoc(all[i]!).out(nlp.its.sentiment) as number >= 0)],
  ['VADER', over((i) => vader.SentimentIntensityAnalyzer.polarity_scores(all[i]!).compound >= 0)],
];

// Offsets of each set inside `all`.
const ranges = new Map<string, [number, number]>();
{
  let at = 0;
  for (const [name, texts] of Object.entries(sets)) {
    ranges.set(name, [at, at + texts.length]);
    at += texts.length;
  }
  if (Object.keys(sets).length > 1) ranges.set('both together', [0, all.length]);
}

// The machine is shared and loaded: times are the process's CPU time (process.cpuUsage, microsecond steps; the
// per-thread clock moves in 4 ms ticks), which waiting for a core does not inflate. Each round walks the reviews in chunks of CHUNK and runs every tool on a chunk
// before the next chunk (order reversed every other round); a tool's time is the sum over chunks of its best
// time on each chunk over the rounds.
const CHUNK = 100;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const chunkBest = new Map<string, number>(); // `${set}\t${tool}\t${chunk}` → best ms
for (let round = 0; round <= rounds; round++) {
  for (const [name, [from, to]] of ranges) {
    if (name === 'both together') continue;
    for (let c = from; c < to; c += CHUNK) {
      for (const [tool, run] of round % 2 ? tools : tools.slice().reverse()) {
        const t0 = cpuMs();
        run(c, Math.min(to, c + CHUNK));
        const ms = cpuMs() - t0;
        const k = `${name}\t${tool}\t${c}`;
        if (round > 0) chunkBest.set(k, Math.min(chunkBest.get(k) ?? Infinity, ms)); // round 0 warms up
      }
    }
  }
  if (round > 0) console.error(`round ${round}/${rounds} done`);
}
const best = new Map<string, number>(); // `${set}\t${tool}` → seconds
for (const [k, ms] of chunkBest) {
  const key = k.split('\t').slice(0, 2).join('\t');
  best.set(key, (best.get(key) ?? 0) + ms / 1000);
}
// The two sets together: sum of each set's best time.
if (ranges.has('both together')) {
  for (const [tool] of tools) best.set(`both together\t${tool}`, Object.keys(sets).reduce((a, name) => a + best.get(`${name}\t${tool}`)!, 0));
}

const report: Record<string, unknown> = {};
for (const [name, texts] of Object.entries(setsWithAll)) {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
  const wink = best.get(`${name}\twink-nlp`)!;
  console.log(`\n${name}: ${texts.length} texts, ${(bytes / texts.length).toFixed(0)} bytes on average`);
  console.log(`${'what'.padEnd(24)} ${'µs/review'.padStart(10)} ${'reviews/s'.padStart(10)} ${'MB/s'.padStart(7)} ${'÷ wink'.padStart(7)}`);
  const rows = tools.map(([tool]) => {
    const s = best.get(`${name}\t${tool}`)!;
    const row = { tool: tool.trim(), usPerReview: (s / texts.length) * 1e6, reviewsPerSecond: texts.length / s, mbPerSecond: bytes / 1e6 / s, overWink: wink / s };
    console.log(`${tool.padEnd(24)} ${row.usPerReview.toFixed(1).padStart(10)} ${row.reviewsPerSecond.toFixed(0).padStart(10)} ${row.mbPerSecond.toFixed(2).padStart(7)} ${row.overWink.toFixed(2).padStart(6)}×`);
    return row;
  });
  const card = rows.find((r) => r.tool === 'analyze (whole card)')!;
  const polarity = rows.find((r) => r.tool === 'analyze (polarity only)')!;
  const polarityOverVader = polarity.reviewsPerSecond / rows.find((r) => r.tool === 'VADER')!.reviewsPerSecond;
  console.log(`whole card ÷ wink-nlp: ${card.overWink.toFixed(2)}× (target ≥ 1.0); polarity only ÷ VADER: ${polarityOverVader.toFixed(2)}× (target ≥ 3)`);
  report[name] = { texts: texts.length, bytes, rows, cardOverWink: card.overWink, polarityOverVader };
}
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/card.json', import.meta.url), `${JSON.stringify({ n, rounds, report }, null, 2)}\n`);
if (sink < 0) console.log(sink);
