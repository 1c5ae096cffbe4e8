/**
 * Draws the sentences of the hand-annotated aspect set (test/fixtures/aspects/sentences.jsonl), seeded.
 *
 *   node train/aspects-sample.ts > test/fixtures/aspects/sample.jsonl
 *   node train/aspects-sample.ts 7 40 25 15 test/fixtures/aspects/sentences.jsonl > held-out sample
 *
 * Arguments (all optional): seed, RT count, IMDB count, MR count, and a JSONL file whose texts are left out
 * (the held-out set excludes the main set's sentences).
 *
 * Sources (never data/titled/): 130 Rotten Tomatoes critic snippets (rt_flatiron, non-empty review),
 * 80 sentences of IMDB test reviews (a random review, then a random sentence of 6–60 words of it),
 * 50 MR snippets. Every draw is uniform with a fixed-seed generator (mulberry32, seed 20261124), so the
 * same command gives the same sample. Annotation happened after drawing and before the detector was tuned.
 */
import { readFileSync } from 'node:fs';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';


const [seedArg, rtArg, imdbArg, mrArg, excludeArg] = process.argv.slice(2);
const rand = seededRandom(Number(seedArg ?? 20261124));
const [RT_N, IMDB_N, MR_N] = [Number(rtArg ?? 130), Number(imdbArg ?? 80), Number(mrArg ?? 50)];
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const out: { id: string; text: string }[] = [];
const seen = new Set<string>(
  excludeArg
    ? readFileSync(excludeArg, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { text: string }).text)
    : [],
);
const add = (id: string, text: string): boolean => {
  const t = text.trim();
  if (!t || seen.has(t)) return false;
  seen.add(t);
  out.push({ id, text: t });
  return true;
};

const rt = (await loadJsonlGz<{ review_id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))).filter((r) => r.review);
for (let n = 0; n < RT_N; ) {
  const r = pick(rt);
  if (add(`rt-${r.review_id}`, r.review!)) n++;
}

const imdb = await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_test.jsonl.gz'));
for (let n = 0; n < IMDB_N; ) {
  const r = pick(imdb);
  const doc = readDoc(r.text);
  const ok = doc.sentences.map((s, i) => [s, i] as const).filter(([s]) => s.tokenEnd - s.tokenStart >= 6 && s.tokenEnd - s.tokenStart <= 60);
  if (!ok.length) continue;
  const [s, i] = pick(ok);
  if (add(`imdb-${r.id}#${i}`, doc.text.slice(s.start, s.end))) n++;
}

const mr = await loadJsonlGz<{ id: string; text: string }>(dataFile('mr/rt_polarity.jsonl.gz'));
for (let n = 0; n < MR_N; ) {
  const r = pick(mr);
  if (add(`mr-${r.id}`, r.text)) n++;
}

for (const o of out) console.log(JSON.stringify(o));
