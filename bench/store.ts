/**
 * Store benchmark: the write path an import uses (`putReviews` in batches) and the film-consensus read path,
 * SQLite (node:sqlite) against PostgreSQL in the same run, on the same rows. The rows resample the bundled
 * demo corpus (real critics' texts and real cards from the analyser), each copy with a new critic, so every
 * row is a new content hash; films are spread over `--films` titles.
 *
 *   node bench/store.ts [--rows 200000] [--films 2000] [--batch 1000] [--pg postgres://postgres@127.0.0.1:5432/test]
 *
 * Prints a JSON report (rows/s per back end, peak RSS, consensus latency p50/p99 cold and cached, title
 * search latency) and writes it to bench/out/store.json. Peak RSS is the process's, so it is only meaningful
 * for the first back end of a run (or with --only sqlite|postgres).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, type ReviewCard } from '../src/analyze/index.ts';
import { filmConsensus } from '../src/aggregate/index.ts';
import { loadModel } from '../src/node/load-model.ts';
import { readJsonlGz } from '../src/node/data.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { NewReview, Store } from '../src/store/store.ts';
import { consensusOf } from '../src/app/consensus.ts';
import { allReviews } from '../src/app/reviews.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    films: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '1000' },
    pg: { type: 'string', default: process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/out/store.json' },
  },
});
const ROWS = Number(args.rows);
const FILMS = Number(args.films);
const BATCH = Number(args.batch);

interface Seed {
  text: string;
  film: string;
  year: number | null;
  publication: string | null;
  label: boolean | null;
  rating: string | null;
  topCritic: boolean;
  card: ReviewCard;
}

const model = loadModel();
const seeds: Seed[] = [];
for await (const r of readJsonlGz<Record<string, unknown>>(new URL('../data/demo/reviews.jsonl.gz', import.meta.url).pathname)) {
  const text = typeof r.review === 'string' ? r.review : '';
  if (!text.trim()) continue;
  seeds.push({
    text,
    film: String(r.movie_title ?? 'Untitled'),
    year: typeof r.year === 'number' ? r.year : null,
    publication: typeof r.publication === 'string' ? r.publication : null,
    label: r.fresh === 'fresh' ? true : r.fresh === 'rotten' ? false : null,
    rating: typeof r.rating === 'string' ? r.rating : null,
    topCritic: r.top_critic === true,
    card: analyze(text, model, typeof r.rating === 'string' ? { rating: r.rating } : {}),
  });
}

function tagOf(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(97 + ((x - 1) % 26)) + s;
  return s;
}

function row(i: number): NewReview {
  const s = seeds[i % seeds.length] as Seed;
  const f = i % FILMS;
  const named = seeds[f % seeds.length] as Seed;
  return {
    // Letters, not digits: a number would make the analyser's title key read the copy as a numbered sequel.
    film: { title: `Copy ${tagOf(f + 1)} of ${named.film}`, year: named.year },
    critic: `Critic ${Math.floor(i / seeds.length)}-${i % 997}`,
    publication: s.publication,
    text: s.text,
    label: s.label,
    rawRating: s.rating,
    rating: s.card.rating?.normalized ?? null,
    topCritic: s.topCritic,
    card: s.card,
    source: 'bench',
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN).toFixed(2));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function bench(name: string, store: Store): Promise<Record<string, unknown>> {
  await store.migrate();
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const filmIds = new Set<string>();
  for (let i = 0; i < ROWS; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ROWS - i) }, (_, k) => row(i + k));
    const r = await store.putReviews(batch);
    for (const f of r.films) filmIds.add(f);
    if (r.inserted.length !== batch.length) throw new Error(`${name}: batch at ${i} stored ${r.inserted.length} of ${batch.length}`);
  }
  const writeS = (performance.now() - t0) / 1000;
  const again = performance.now();
  const dup = await store.putReviews(Array.from({ length: BATCH }, (_, k) => row(k)));
  const dupMs = performance.now() - again;
  if (dup.inserted.length) throw new Error('re-import stored rows');

  const ids = [...filmIds];
  const sample = Array.from({ length: Math.min(200, ids.length) }, (_, k) => ids[(k * 7919) % ids.length] as string);
  const cold: number[] = [];
  const read: number[] = [];
  const cached: number[] = [];
  for (const id of sample) {
    let t = performance.now();
    const reviews = await allReviews(store, { filmId: id });
    read.push(performance.now() - t);
    filmConsensus(id, reviews);
    cold.push(performance.now() - t);
    const film = await store.getFilm(id);
    if (!film) throw new Error('film vanished');
    await consensusOf(store, film);
    t = performance.now();
    await consensusOf(store, (await store.getFilm(id)) ?? film);
    cached.push(performance.now() - t);
  }
  const search: number[] = [];
  for (const q of ['toy', 'story 4', 'dragon', 'wick chapter', 'shrek', 'inside out']) {
    const t = performance.now();
    await store.listFilms({ search: q, limit: 20 });
    search.push(performance.now() - t);
  }
  const counts = await store.counts();
  return {
    backend: name,
    rows: ROWS,
    films: counts.films,
    writeSeconds: Number(writeS.toFixed(1)),
    rowsPerSecond: Math.round(ROWS / writeS),
    duplicateBatchMs: Number(dupMs.toFixed(1)),
    peakRssMB: Math.round(peakRss / 1048576),
    reviewsPerFilm: Math.round(ROWS / counts.films),
    filmReadMs: { p50: pct(read, 50), p99: pct(read, 99) },
    consensusColdMs: { p50: pct(cold, 50), p99: pct(cold, 99) },
    consensusCachedMs: { p50: pct(cached, 50), p99: pct(cached, 99) },
    titleSearchMs: { p50: pct(search, 50), max: pct(search, 100) },
  };
}

const results: Record<string, unknown>[] = [];
mkdirSync('bench/out', { recursive: true });
if (args.only !== 'postgres') {
  const file = 'bench/out/store-bench.db';
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const s = new SqliteStore(file);
  results.push(await bench('sqlite (node:sqlite, WAL)', s));
  await s.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
if (args.only !== 'sqlite') {
  const schema = `verdict_bench_${process.pid}`;
  const p = new PostgresStore(args.pg as string, { schema });
  try {
    results.push(await bench('postgres (pg)', p));
  } finally {
    await p.dropSchema();
    await p.close();
  }
}
clearInterval(sampler);
const report = { seeds: seeds.length, batch: BATCH, results };
writeFileSync(args.out as string, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
