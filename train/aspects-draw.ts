/**
 * Draws the second hand-annotated aspect set (test/fixtures/aspects-v2/), seeded, split before annotation.
 *
 *   node train/aspects-draw.ts            # writes test/fixtures/aspects-v2/draw.jsonl and raw/<chunk>.todo.jsonl
 *
 * Sources (never data/titled/): Rotten Tomatoes critic snippets (rt_flatiron/rt_reviews, non-empty review, 700),
 * MR snippets (mr/rt_polarity, 300), SST sentences (sst_train + sst_dev, PTB tokens undone, 300) and sentences of
 * IMDB train reviews (a random review, then a random sentence of 6–60 tokens, 350). Texts already in the first
 * aspect set (test/fixtures/aspects/*.jsonl) are left out. Draws are uniform with mulberry32, seed 20261201.
 * The split is made here, before anyone reads an analyser output: the first 450 rows of a seeded shuffle are the
 * frozen `test`, the rest `train`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';

const OUT = new URL('../test/fixtures/aspects-v2/', import.meta.url).pathname;
const OLD = new URL('../test/fixtures/aspects/', import.meta.url).pathname;
const rand = seededRandom(20261201);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const seen = new Set<string>();
for (const f of readdirSync(OLD).filter((f) => f.endsWith('.jsonl'))) {
  for (const l of readFileSync(OLD + f, 'utf8').split('\n')) if (l.trim()) seen.add((JSON.parse(l) as { text: string }).text.trim().toLowerCase());
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
for (let n = 0; n < 700; ) {
  const r = pick(rt);
  if (add(`rt-${r.review_id}`, 'rt_flatiron', r.review!)) n++;
}
const mr = await loadJsonlGz<{ id: string; text: string }>(dataFile('mr/rt_polarity.jsonl.gz'));
for (let n = 0; n < 300; ) {
  const r = pick(mr);
  if (add(`mr-${r.id}`, 'mr', detok(r.text))) n++;
}
const sst = [
  ...(await loadJsonlGz<{ id: string; text: string }>(dataFile('sst/sst_train.jsonl.gz'))),
  ...(await loadJsonlGz<{ id: string; text: string }>(dataFile('sst/sst_dev.jsonl.gz'))),
];
for (let n = 0; n < 300; ) {
  const r = pick(sst);
  if (add(`sst-${r.id}`, 'sst', detok(r.text))) n++;
}
const imdb = await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_train.jsonl.gz'));
for (let n = 0; n < 350; ) {
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
const drawn = rows.map((r, i) => ({ ...r, split: i < 450 ? 'test' : 'train' }));
mkdirSync(`${OUT}raw`, { recursive: true });
writeFileSync(`${OUT}draw.jsonl`, drawn.map((r) => JSON.stringify(r)).join('\n') + '\n');
// Chunks for annotation: test in two halves, train in three parts.
const chunks: Record<string, typeof drawn> = {
  'test-a': drawn.slice(0, 225),
  'test-b': drawn.slice(225, 450),
  'train-a': drawn.slice(450, 850),
  'train-b': drawn.slice(850, 1250),
  'train-c': drawn.slice(1250),
};
for (const [name, part] of Object.entries(chunks)) writeFileSync(`${OUT}raw/${name}.todo.jsonl`, part.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(Object.entries(chunks).map(([k, v]) => `${k} ${v.length}`).join(', '));
