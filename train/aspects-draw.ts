/**
 * Draws a hand-annotated aspect set, seeded, split before annotation.
 *
 *   node train/aspects-draw.ts            # the second set: test/fixtures/aspects-v2/draw.jsonl and raw/<chunk>.todo.jsonl
 *   node train/aspects-draw.ts --set aspects-v3 --seed 20261202 --test 0 --rt 2100 --mr 800 --sst 800 --imdb 1100 --chunk 800
 *                                         # the third set: training rows only (the frozen test stays v2's)
 *
 * Sources (never data/titled/): Rotten Tomatoes critic snippets (rt_flatiron/rt_reviews, non-empty review, 700),
 * MR snippets (mr/rt_polarity, 300), SST sentences (sst_train + sst_dev, PTB tokens undone, 300) and sentences of
 * IMDB train reviews (a random review, then a random sentence of 6–60 tokens, 350). Texts already in the first
 * aspect set (test/fixtures/aspects/*.jsonl) and in earlier drawn sets (test/fixtures/aspects-vN/draw.jsonl) are left out.
 * Draws are uniform with mulberry32, seed 20261201 (v2).
 * The split is made here, before anyone reads an analyser output: the first 450 rows of a seeded shuffle are the
 * frozen `test`, the rest `train`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: 'aspects-v2' },
    seed: { type: 'string', default: '20261201' },
    test: { type: 'string', default: '450' },
    rt: { type: 'string', default: '700' },
    mr: { type: 'string', default: '300' },
    sst: { type: 'string', default: '300' },
    imdb: { type: 'string', default: '350' },
    chunk: { type: 'string' },
  },
});
const FIXTURES = new URL('../test/fixtures/', import.meta.url).pathname;
const OUT = `${FIXTURES}${args.set}/`;
const OLD = `${FIXTURES}aspects/`;
const rand = seededRandom(Number(args.seed));
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const seen = new Set<string>();
for (const f of readdirSync(OLD).filter((f) => f.endsWith('.jsonl'))) {
  for (const l of readFileSync(OLD + f, 'utf8').split('\n')) if (l.trim()) seen.add((JSON.parse(l) as { text: string }).text.trim().toLowerCase());
}
// Earlier drawn sets only (so a re-run of any set reproduces it).
const version = (d: string): number => Number(/^aspects-v(\d+)$/.exec(d)?.[1] ?? NaN);
for (const d of readdirSync(FIXTURES).filter((d) => version(d) < version(args.set))) {
  const f = `${FIXTURES}${d}/draw.jsonl`;
  if (!existsSync(f)) continue;
  for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) seen.add((JSON.parse(l) as { text: string }).text.trim().toLowerCase());
}
const rows: { id: string; source: string; text: string }[] = [];
const add = (id: string, source: string, text: string): boolean => {
  const t = text.trim().replace(/\s+/g, ' ');
  const k = t.toLowerCase();
  if (t.length < 12 || seen.has(k)) return false;
  seen.add(k);
  rows.push({ id, source, text: t });
  return true;
};

/** SST and MR are tokenised and (MR) lower-cased; undo the PTB spacing so the text reads as written. */
const detok = (s: string): string =>
  s
    .replace(/-LRB-/g, '(').replace(/-RRB-/g, ')').replace(/\\\//g, '/')
    .replace(/`` ?/g, '"').replace(/ ?''/g, '"')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/ ([.,!?;:%)])/g, '$1').replace(/\( /g, '(')
    .replace(/ \.\.\./g, '...');

const rt = (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))).filter((r) => r.review);
for (let n = 0; n < Number(args.rt); ) {
  const r = pick(rt);
  if (add(`rt-${r.review_id}`, 'rt_flatiron', r.review!)) n++;
}
const mr = await loadJsonlGz<{ id: string; text: string }>(dataFile('mr/rt_polarity.jsonl.gz'));
for (let n = 0; n < Number(args.mr); ) {
  const r = pick(mr);
  if (add(`mr-${r.id}`, 'mr', detok(r.text))) n++;
}
const sst = [
  ...(await loadJsonlGz<{ id: string; text: string }>(dataFile('sst/sst_train.jsonl.gz'))),
  ...(await loadJsonlGz<{ id: string; text: string }>(dataFile('sst/sst_dev.jsonl.gz'))),
];
for (let n = 0; n < Number(args.sst); ) {
  const r = pick(sst);
  if (add(`sst-${r.id}`, 'sst', detok(r.text))) n++;
}
const imdb = await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_train.jsonl.gz'));
for (let n = 0; n < Number(args.imdb); ) {
  const r = pick(imdb);
  const doc = readDoc(r.text);
  const ok = doc.sentences.map((s, i) => [s, i] as const).filter(([s]) => s.tokenEnd - s.tokenStart >= 6 && s.tokenEnd - s.tokenStart <= 60);
  if (!ok.length) continue;
  const [s, i] = pick(ok);
  if (add(`imdb-${r.id}#${i}`, 'imdb', doc.text.slice(s.start, s.end))) n++;
}

// Fisher–Yates with the same generator, then the split.
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rows[i], rows[j]] = [rows[j]!, rows[i]!];
}
const TEST = Number(args.test);
const drawn = rows.map((r, i) => ({ ...r, split: i < TEST ? 'test' : 'train' }));
mkdirSync(`${OUT}raw`, { recursive: true });
writeFileSync(`${OUT}draw.jsonl`, drawn.map((r) => JSON.stringify(r)).join('\n') + '\n');
// Chunks for annotation: v2's test in two halves and train in three parts; else train in --chunk rows each.
const chunks: Record<string, typeof drawn> = {};
if (!args.chunk) {
  Object.assign(chunks, { 'test-a': drawn.slice(0, 225), 'test-b': drawn.slice(225, 450), 'train-a': drawn.slice(450, 850), 'train-b': drawn.slice(850, 1250), 'train-c': drawn.slice(1250) });
} else {
  const size = Number(args.chunk);
  for (let i = TEST, c = 0; i < drawn.length; i += size, c++) chunks[`train-${String.fromCharCode(97 + c)}`] = drawn.slice(i, i + size);
}
for (const [name, part] of Object.entries(chunks)) writeFileSync(`${OUT}raw/${name}.todo.jsonl`, part.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(Object.entries(chunks).map(([k, v]) => `${k} ${v.length}`).join(', '));
