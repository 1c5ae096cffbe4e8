/**
 * Seeded draw of the second frozen entity batch of test/fixtures/entities-v2/ (roles.json), rich in credits so that
 * actor↔character pairs and directors are not too rare to measure. Real reviews, drawn before any annotation and
 * without looking at the analyser's output on them.
 * Run: node_modules/.bin/node train/entities-draw-v2-roles.ts   (writes test/fixtures/entities-v2/roles-draw.json)
 *
 * Rule (reproducible):
 * - Role phrase (case-sensitive): /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/.
 * - Excluded: every row whose id (same source) or text already appears in test/fixtures/entities/*.json or
 *   test/fixtures/entities-v2/*.json, except this batch's own files (roles-draw.json, roles.json), so that a rerun
 *   draws the same rows.
 * - 40 full IMDB test reviews (imdb/imdb_test.jsonl.gz) of 300–3,000 characters (`text.length`) that match the role
 *   phrase;
 * - 20 Rotten Tomatoes snippets (rt_flatiron/rt_reviews.jsonl.gz, non-null `review`, any length) that match it;
 * - each pool in file order, deduplicated by text; mulberry32 (src/learn/seeded-random.ts), seed 8 (--seed), one
 *   generator: a seeded Fisher–Yates shuffle of the IMDB pool takes the first 40, then one of the RT pool the first 20.
 * - Output order: the 40 IMDB rows, then the 20 RT rows, as { source, id, text } (no annotations).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';
import { freshPool, usedRows, type DrawRow } from './entities-draw-pool.ts';

const { values: args } = parseArgs({
  options: { seed: { type: 'string', default: '8' }, imdb: { type: 'string', default: '40' }, rt: { type: 'string', default: '20' } },
});

const ROLE = /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/;
const OWN = new Set(['roles-draw.json', 'roles.json']);
const fixtures = new URL('../test/fixtures/', import.meta.url);
const used = usedRows(['entities', 'entities-v2'], (dir, name) => dir === 'entities-v2' && OWN.has(name));
const pool = (rows: DrawRow[]): DrawRow[] => freshPool(rows, used);

const rand = seededRandom(Number(args.seed));
const imdb = pool(
  (await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_test.jsonl.gz')))
    .filter((r) => r.text.length >= 300 && r.text.length <= 3000 && ROLE.test(r.text))
    .map((r) => ({ source: 'imdb_test', id: r.id, text: r.text })),
);
const rt = pool(
  (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz')))
    .filter((r) => r.review !== null && ROLE.test(r.review))
    .map((r) => ({ source: 'rt_flatiron', id: String(r.review_id), text: r.review! })),
);
const rows = [...seededSample(imdb, Number(args.imdb), rand), ...seededSample(rt, Number(args.rt), rand)];
writeFileSync(new URL('entities-v2/roles-draw.json', fixtures), `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`${rows.length} rows (${imdb.length} IMDB and ${rt.length} RT candidates) → test/fixtures/entities-v2/roles-draw.json`);
