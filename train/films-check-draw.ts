/**
 * Seeded draw of 100 films from the Wikipedia film index, for checking by hand how the index's `extract` is parsed
 * (title, year, directors, series, previous film, order in the series): test/fixtures/films/checked.json.
 * Run: node_modules/.bin/node train/films-check-draw.ts > /tmp/films-check-draw.jsonl
 *
 * Rule (reproducible):
 * - Pool: rows of ../shared/data/films/wikipedia_films.jsonl.gz with a non-null `extract` and a non-null `href`,
 *   in file order.
 * - Series pool: those whose extract contains (case-insensitive) "sequel", "installment", "instalment", "franchise",
 *   "follow-up" or "spin-off".
 * - mulberry32 (src/learn/seeded-random.ts), seed 11 (--seed). First 30 (--series) are drawn from the series pool
 *   by a seeded Fisher–Yates shuffle; then 70 (--uniform) from the whole pool, minus those 30, by a second shuffle
 *   with the same generator. So at least 30 of the 100 are sequels or series entries (the uniform draw adds a few more).
 * - Output: one JSON line per film, { href, title, year, extract }, series draws first.
 */
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { seededRandom, seededSample } from '../src/learn/seeded-random.ts';

const { values: args } = parseArgs({
  options: { seed: { type: 'string', default: '11' }, series: { type: 'string', default: '30' }, uniform: { type: 'string', default: '70' } },
});

interface Film { title: string; year: number; href: string | null; extract: string | null }

const SERIES = /sequel|installment|instalment|franchise|follow-up|spin-off/i;

const rand = seededRandom(Number(args.seed));
const pool = (await loadJsonlGz<Film>(dataFile('films/wikipedia_films.jsonl.gz'))).filter((f) => f.extract !== null && f.href !== null);
const seriesPicked = seededSample(pool.filter((f) => SERIES.test(f.extract!)), Number(args.series), rand);
const taken = new Set(seriesPicked.map((f) => f.href));
const uniformPicked = seededSample(pool.filter((f) => !taken.has(f.href)), Number(args.uniform), rand);
for (const f of [...seriesPicked, ...uniformPicked]) console.log(JSON.stringify({ href: f.href, title: f.title, year: f.year, extract: f.extract }));
