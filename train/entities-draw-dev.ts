/**
 * Seeded draws of the entity development sets (test/fixtures/entities-v3/, entities-v4/, entities-v5/): real reviews that name
 * people, for tuning the entity stage without touching the frozen v2 sets. Each was drawn before any annotation and
 * without looking at the analyser's output on it.
 * Run: node_modules/.bin/node train/entities-draw-dev.ts --set v3|v4|v5   (writes test/fixtures/entities-<set>/draw.json)
 *
 * Rule (reproducible):
 * - Names people (a cheap filter that knows no names): a capitalised word pair not at a sentence start,
 *   /[a-z,;] [A-Z][a-z]+ [A-Z][a-z]+/; "rich in credits" rows also match the role phrase of the v2 roles draw,
 *   /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/ (case-sensitive).
 * - Excluded: every row whose id (same source) or text is in test/fixtures/entities*\/*.json of the sets drawn
 *   before this one (this set's own files and later sets' aside, so that a rerun draws the same rows), and every text
 *   of data/titled/.
 * - Pools, each in file order and deduplicated by text: IMDB train reviews (imdb/imdb_train.jsonl.gz) of 300 to
 *   `maxChars` characters; Rotten Tomatoes snippets (rt_flatiron/rt_reviews.jsonl.gz, non-null `review`).
 * - mulberry32 (src/learn/seeded-random.ts), the set's seed, one generator, seeded Fisher–Yates shuffles in this
 *   order: IMDB with the role phrase, IMDB with names only, RT with the role phrase, RT with names only, the first
 *   `counts` of each. "Names only" pools exclude the role-phrase rows.
 *   v3: seed 9, 1,500 characters, 24 / 12 / 14 / 10. v4: seed 41, 2,000 characters, 36 / 24 / 24 / 16.
 *   v5: seed 77, 2,500 characters, 40 / 10 / 15 / 5 (credits first: cast and director recall are what lag).
 * - Output in that order, as { source, id, text } (no annotations).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';
import { freshPool, usedRows, type DrawRow } from './entities-draw-pool.ts';

// In the order they were drawn: a set excludes the rows of every set before it, none after.
const SETS = {
  v3: { seed: 9, maxChars: 1500, counts: [24, 12, 14, 10] },
  v4: { seed: 41, maxChars: 2000, counts: [36, 24, 24, 16] },
  v5: { seed: 77, maxChars: 2500, counts: [40, 10, 15, 5] },
} as const;
type SetName = keyof typeof SETS;
const { values: args } = parseArgs({ options: { set: { type: 'string' } } });
if (!args.set || !(args.set in SETS)) {
  console.error(`usage: node train/entities-draw-dev.ts --set ${Object.keys(SETS).join('|')}`);
  process.exit(2);
}
const name = args.set as SetName;
const set = SETS[name];
const later = new Set(Object.keys(SETS).slice(Object.keys(SETS).indexOf(name)).map((s) => `entities-${s}`));

const NAMES = /[a-z,;] [A-Z][a-z]+ [A-Z][a-z]+/;
const ROLE = /directed by|director|\bplays\b|\bas the\b|\([A-Z][a-z]+\)| as [A-Z][a-z]+/;
const OWN = `entities-${name}`;
const fixtures = new URL('../test/fixtures/', import.meta.url);

type Row = DrawRow;

const used = usedRows(readdirSync(fixtures).filter((d) => d.startsWith('entities') && !later.has(d)));
// The titled sets are kept for the import checks: none of their texts.
for (const name of readdirSync(dataFile('titled'))) {
  if (!name.endsWith('.jsonl.gz')) continue;
  for (const r of await loadJsonlGz<Record<string, unknown>>(dataFile(`titled/${name}`))) {
    for (const k of ['quote', 'review', 'review_content', 'short_review', 'text']) if (typeof r[k] === 'string') used.texts.add(r[k]);
  }
}
const pool = (rows: Row[]): Row[] => freshPool(rows, used);

const rand = seededRandom(set.seed);
const imdb = pool(
  (await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_train.jsonl.gz')))
    .filter((r) => r.text.length >= 300 && r.text.length <= set.maxChars && NAMES.test(r.text))
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
  ...seededSample(imdbRoles, set.counts[0], rand),
  ...seededSample(imdbNames, set.counts[1], rand),
  ...seededSample(rtRoles, set.counts[2], rand),
  ...seededSample(rtNames, set.counts[3], rand),
];
mkdirSync(new URL(`${OWN}/`, fixtures), { recursive: true });
writeFileSync(new URL(`${OWN}/draw.json`, fixtures), `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(
  `${rows.length} rows (candidates: IMDB ${imdbRoles.length} with roles, ${imdbNames.length} names only; RT ${rtRoles.length} / ${rtNames.length}) → test/fixtures/${OWN}/draw.json`,
);
