/**
 * Seeded random selection of real reviews that name people, for the hand-annotated entity set
 * (test/fixtures/entities/). Run: node_modules/.bin/node train/entities-sample.ts > /tmp/entities-sample.jsonl
 *
 * Picks 40 rt_flatiron snippets and 20 IMDB test reviews (≤ 1,400 characters) that contain at least one
 * capitalised pair of words after a lower-case word (a cheap sign that a name may be there; the filter
 * knows no names). The order is a seeded shuffle (mulberry32, seed 3), so the selection is reproducible.
 * Then 12 more IMDB test reviews (≤ 1,000 characters, not already picked) that use a role phrase
 * ("directed by", " plays ", " as the ", or a capitalised word in parentheses), so that cast pairs and directors
 * are not too rare in the set.
 */
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';

// --seed 4 --rt 12 --imdb 8 --roles 4 draws the held-out check set (test/fixtures/entities/heldout.json).
const { values: args } = parseArgs({
  options: { seed: { type: 'string', default: '3' }, rt: { type: 'string', default: '40' }, imdb: { type: 'string', default: '20' }, roles: { type: 'string', default: '12' } },
});


const NAMEISH = /[a-z,] [A-Z][a-z]+ [A-Z][a-z]+/;

const rand = seededRandom(Number(args.seed));
const rt = (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))).filter(
  (r) => r.review && NAMEISH.test(r.review),
);
const imdb = (await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_test.jsonl.gz'))).filter(
  (r) => r.text.length <= 1400 && NAMEISH.test(r.text),
);
const ROLE = /directed by| plays | as the |\([A-Z][a-z]+/;
const rtPicked = seededSample(rt, Number(args.rt), rand);
const first = seededSample(imdb, Number(args.imdb), rand);
const seen = new Set(first.map((r) => r.id));
const roles = imdb.filter((r) => r.text.length <= 1000 && ROLE.test(r.text) && !seen.has(r.id));
for (const r of rtPicked) console.log(JSON.stringify({ source: 'rt_flatiron', id: String(r.review_id), text: r.review }));
for (const r of first) console.log(JSON.stringify({ source: 'imdb_test', id: r.id, text: r.text }));
for (const r of seededSample(roles, Number(args.roles), rand)) console.log(JSON.stringify({ source: 'imdb_test', id: r.id, text: r.text }));
