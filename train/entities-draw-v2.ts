/**
 * Seeded draw of the second hand-annotated entity set (test/fixtures/entities-v2/): real reviews, drawn before any
 * annotation and without looking at the analyser's output on them.
 * Run: node_modules/.bin/node train/entities-draw-v2.ts   (writes test/fixtures/entities-v2/draw.json)
 *
 * Rule (reproducible):
 * - Excluded: every row whose id (same source) or text already appears in test/fixtures/entities/*.json.
 * - 35 full IMDB test reviews (imdb/imdb_test.jsonl.gz) of 300–3,000 characters (`text.length`), any content;
 * - 25 Rotten Tomatoes snippets (rt_flatiron/rt_reviews.jsonl.gz, non-null `review`) that contain a capitalised word
 *   pair, /\b[A-Z][a-z]+ [A-Z][a-z]+/ (a cheap filter that knows no names);
 * - each pool in file order, deduplicated by text; mulberry32 (src/learn/seeded-random.ts), seed 7 (--seed), one
 *   generator: a seeded Fisher–Yates shuffle of the IMDB pool takes the first 35, then one of the RT pool the first 25.
 * - Output order: the 35 IMDB rows, then the 25 RT rows, as { source, id, text } (no annotations).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';
import { freshPool, usedRows, type DrawRow } from './entities-draw-pool.ts';

const { values: args } = parseArgs({
  options: { seed: { type: 'string', default: '7' }, imdb: { type: 'string', default: '35' }, rt: { type: 'string', default: '25' } },
});

const PAIR = /\b[A-Z][a-z]+ [A-Z][a-z]+/;
const fixtures = new URL('../test/fixtures/', import.meta.url);
const used = usedRows(['entities']);
const pool = (rows: DrawRow[]): DrawRow[] => freshPool(rows, used);

const rand = seededRandom(Number(args.seed));
const imdb = pool(
  (await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_test.jsonl.gz')))
    .filter((r) => r.text.length >= 300 && r.text.length <= 3000)
    .map((r) => ({ source: 'imdb_test', id: r.id, text: r.text })),
);
const rt = pool(
  (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz')))
    .filter((r) => r.review !== null && PAIR.test(r.review))
    .map((r) => ({ source: 'rt_flatiron', id: String(r.review_id), text: r.review! })),
);
const rows = [...seededSample(imdb, Number(args.imdb), rand), ...seededSample(rt, Number(args.rt), rand)];
writeFileSync(new URL('entities-v2/draw.json', fixtures), `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`${rows.length} rows (${imdb.length} IMDB and ${rt.length} RT candidates) → test/fixtures/entities-v2/draw.json`);
