/**
 * Seeded draw of the second entity development set, v4 (test/fixtures/entities-v4/): real reviews that name people,
 * so that the entity stage has more than v3's 60 rows to tune on. Drawn before any annotation and without looking at
 * the analyser's output on them. Same rules as v3 (train/entities-draw-v3.ts) but for the seed, the length cap and
 * the counts; v3's rows are excluded like every other fixture's.
 * Run: node_modules/.bin/node train/entities-draw-v4.ts   (writes test/fixtures/entities-v4/draw.json)
 *
 * Rule (reproducible):
 * - Names people (a cheap filter that knows no names): a capitalised word pair not at a sentence start,
 *   /[a-z,;] [A-Z][a-z]+ [A-Z][a-z]+/; "rich in credits" rows also match the role phrase of the v2 roles draw,
 *   /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/ (case-sensitive).
 * - Excluded: every row whose id (same source) or text is in test/fixtures/entities*\/*.json (this set's own files
 *   aside, so that a rerun draws the same rows), and every text of data/titled/.
 * - Pools, each in file order and deduplicated by text: IMDB train reviews (imdb/imdb_train.jsonl.gz) of 300–2,000
 *   characters; Rotten Tomatoes snippets (rt_flatiron/rt_reviews.jsonl.gz, non-null `review`).
 * - mulberry32 (src/learn/seeded-random.ts), seed 41 (--seed), one generator, seeded Fisher–Yates shuffles in this
 *   order: IMDB with the role phrase (first 36), IMDB with names only (first 24), RT with the role phrase (first 24),
 *   RT with names only (first 16). "Names only" pools exclude the role-phrase rows.
 * - Output in that order, as { source, id, text } (no annotations).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';
import { freshPool, usedRows, type DrawRow } from './entities-draw-pool.ts';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '41' },
    'imdb-roles': { type: 'string', default: '36' },
    'imdb-names': { type: 'string', default: '24' },
    'rt-roles': { type: 'string', default: '24' },
    'rt-names': { type: 'string', default: '16' },
  },
});

const NAMES = /[a-z,;] [A-Z][a-z]+ [A-Z][a-z]+/;
const ROLE = /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/;
const OWN = 'entities-v4';
const fixtures = new URL('../test/fixtures/', import.meta.url);

type Row = DrawRow;

const used = usedRows(readdirSync(fixtures).filter((d) => d.startsWith('entities') && d !== OWN));
// The titled sets are kept for the import checks: none of their texts.
for (const name of readdirSync(dataFile('titled'))) {
  if (!name.endsWith('.jsonl.gz')) continue;
  for (const r of await loadJsonlGz<Record<string, unknown>>(dataFile(`titled/${name}`))) {
    for (const k of ['quote', 'review', 'review_content', 'short_review', 'text']) if (typeof r[k] === 'string') used.texts.add(r[k]);
  }
}
const pool = (rows: Row[]): Row[] => freshPool(rows, used);

const rand = seededRandom(Number(args.seed));
const imdb = pool(
  (await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_train.jsonl.gz')))
    .filter((r) => r.text.length >= 300 && r.text.length <= 2000 && NAMES.test(r.text))
    .map((r) => ({ source: 'imdb_train', id: r.id, text: r.text })),
);
const rt = pool(
  (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz')))
    .filter((r) => r.review !== null && NAMES.test(r.review))
    .map((r) => ({ source: 'rt_flatiron', id: String(r.review_id), text: r.review! })),
);
const split = (rows: Row[]): [Row[], Row[]] => [rows.filter((r) => ROLE.test(r.text)), rows.filter((r) => !ROLE.test(r.text))];
const [imdbRoles, imdbNames] = split(imdb);
const [rtRoles, rtNames] = split(rt);
const rows = [
  ...seededSample(imdbRoles, Number(args['imdb-roles']), rand),
  ...seededSample(imdbNames, Number(args['imdb-names']), rand),
  ...seededSample(rtRoles, Number(args['rt-roles']), rand),
  ...seededSample(rtNames, Number(args['rt-names']), rand),
];
mkdirSync(new URL(`${OWN}/`, fixtures), { recursive: true });
writeFileSync(new URL(`${OWN}/draw.json`, fixtures), `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(
  `${rows.length} rows (candidates: IMDB ${imdbRoles.length} with roles, ${imdbNames.length} names only; RT ${rtRoles.length} / ${rtNames.length}) → test/fixtures/${OWN}/draw.json`,
);
