/**
 * Import benchmark (issue 5): builds a corpus of 1,000,000 reviews by resampling the real critics' reviews of
 * ../shared/data (rt_flatiron and the titled Rotten Tomatoes sets: same texts, labels, ratings and outlets;
 * new review ids, critics and film copies, so every row is a new content hash), then imports it with
 * `verdict import`'s pipeline into SQLite and into PostgreSQL, each in its own process: time, rows/s and peak
 * memory (all threads), then the film-consensus query latency (p50/p99, cached and recomputed) at that size.
 * With `--queue`, it also runs two queue workers against one PostgreSQL at once and checks that no batch was
 * done twice.
 *
 *   node bench/import.ts [--reviews 1000000] [--backends sqlite,postgres] [--pg postgres://postgres@127.0.0.1:5432/test]
 *                        [--queries 200] [--workers N] [--batch 1000] [--queue]
 *
 * Writes the corpus to bench/out/import/ (reused when present) and the report to bench/out/import.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/aggregate/index.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { consensusOf } from '../src/app/consensus.ts';
import { DEFAULT_BATCH_SIZE } from '../src/app/import-reviews.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NODE = `${ROOT}node_modules/.bin/node`;
const { values: args } = parseArgs({
  options: {
    reviews: { type: 'string', default: '1000000' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    pg: { type: 'string', default: process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    queries: { type: 'string', default: '200' },
    workers: { type: 'string' },
    // Rows per batch and write transaction; default: `verdict import`'s.
    batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    queue: { type: 'boolean', default: false },
    'queue-reviews': { type: 'string', default: '100000' },
    out: { type: 'string', default: `${ROOT}bench/out/import.json` },
  },
});
const N = Number(args.reviews);
const OUT_DIR = `${ROOT}bench/out/import`;
mkdirSync(OUT_DIR, { recursive: true });

// --- corpus ---------------------------------------------------------------------------------------------

interface Seed {
  film: string;
  year: number | null;
  text: string;
  publication: string | null;
  label: boolean | null;
  rating: string | null;
  date: string | null;
  top: boolean;
}


async function seeds(): Promise<Seed[]> {
  type Row = Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const out: Seed[] = [];
  for (const r of await loadJsonlGz<Row>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) {
    const text = str(r.review);
    if (text) out.push({ film: `RT film ${r.id}`, year: null, text, publication: str(r.publisher), label: r.fresh === 'fresh', rating: str(r.rating), date: str(r.date), top: r.top_critic === 1 });
  }
  for (const set of ['pixar', 'dreamworks']) {
    const movies = new Map((await loadJsonlGz<Row>(dataFile(`titled/rt_${set}_movies.jsonl.gz`))).map((m) => [m.movie_id, m]));
    for (const r of await loadJsonlGz<Row>(dataFile(`titled/rt_${set}_reviews.jsonl.gz`))) {
      const m = movies.get(r.movie_id);
      const text = str(r.quote);
      if (m && text) out.push({ film: String(m.movie_title), year: Number(m.movie_year), text, publication: str(r.publication_name), label: r.is_fresh === true, rating: str(r.original_score), date: str(r.creation_date), top: r.is_top_critic === true });
    }
  }
  for (const r of await loadJsonlGz<Row>(dataFile('titled/rt_lzw_movie_reviews.jsonl.gz'))) {
    const text = str(r.review_content);
    if (text) out.push({ film: String(r.movie_title), year: null, text, publication: str(r.publisher_name), label: r.review_type === 'fresh', rating: str(r.review_score), date: str(r.review_date), top: false });
  }
  return out;
}

/** 1 → "a", 26 → "z", 27 → "aa"… */
function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The corpus: each review is a real one, given a new critic and one of `copies` copies of its film. */
async function buildCorpus(): Promise<string> {
  const path = `${OUT_DIR}/corpus-v2-${N}.csv`;
  if (existsSync(path)) return path;
  const pool = await seeds();
  const copies = Math.max(1, Math.ceil(N / pool.length));
  const rand = seededRandom(20251124);
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  await write('movie_title,year,critic,publication,fresh,rating,date,top_critic,review\n');
  for (let i = 0; i < N; i++) {
    const s = pool[Math.floor(rand() * pool.length)]!;
    const copy = Math.floor(rand() * copies);
    // Copies are told apart by a letters-only prefix: the analyser's title key reads a number after a title as
    // a sequel number ("Toy Story 2 (copy 5)" keys as "toy story 2"), which would merge the copies.
    const film = copy === 0 ? s.film : `Release ${letters(copy)}: ${s.film}`;
    const critic = `Critic ${Math.floor(rand() * 40000)}`;
    await write(`${[film, s.year, critic, s.publication, s.label === null ? '' : s.label ? 'fresh' : 'rotten', s.rating, s.date, s.top, s.text].map(csvCell).join(',')}\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  renameSync(tmp, path);
  process.stderr.write(`corpus: ${N} reviews from ${pool.length} real ones, ${copies} film copies, in ${path}\n`);
  return path;
}

// --- runs -----------------------------------------------------------------------------------------------

interface ChildResult {
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  films: number;
  importSeconds: number;
  consensusSeconds: number;
  totalSeconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
  cpuSeconds: number;
  loadAverage: number[];
}

function child(script: string, argv: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(NODE, [`${ROOT}bench/${script}`, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult) : reject(new Error(`${script} exited with ${code}`))));
  });
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2);
};

/** Consensus latency over `q` films drawn at random: recomputed from the reviews, and from the cache. */
async function latency(store: Store, q: number): Promise<Record<string, number>> {
  const films = (await store.listFilms({ limit: 100000 })).items;
  const rand = seededRandom(7);
  const pick = Array.from({ length: Math.min(q, films.length) }, () => films[Math.floor(rand() * films.length)]!);
  const cached: number[] = [];
  const computed: number[] = [];
  const other = { ...DEFAULT_CONFIG }; // another configuration object: computed, never cached
  for (const f of pick) {
    let t = performance.now();
    await consensusOf(store, f, other);
    computed.push(performance.now() - t);
    t = performance.now();
    const film = await store.getFilm(f.id);
    await consensusOf(store, film!);
    cached.push(performance.now() - t);
  }
  return {
    films: films.length,
    reviewsPerFilmMedian: pct(films.map((f) => f.reviewCount), 50),
    cachedP50ms: pct(cached, 50),
    cachedP99ms: pct(cached, 99),
    recomputedP50ms: pct(computed, 50),
    recomputedP99ms: pct(computed, 99),
  };
}

/** Two `verdict worker` processes on one PostgreSQL queue: each batch done once, every row stored once. */
async function queueRun(): Promise<Record<string, unknown>> {
  const K = Math.min(N, Number(args['queue-reviews']));
  const part = `${OUT_DIR}/corpus-v2-${N}-head-${K}.csv`;
  if (!existsSync(part)) execFileSync('sh', ['-c', `head -n ${K + 1} '${corpus}' > '${part}'`]);
  const schema = `verdict_bench_queue_${process.pid}`;
  const setup = await openStore(args.pg, { schema });
  await setup.close();
  const sep = args.pg.includes('?') ? '&' : '?';
  const url = `${args.pg}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const cli = (argv: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const p = spawn(NODE, [`${ROOT}src/cli/main.ts`, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (c) => (out += c));
      p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`verdict ${argv[0]} exited with ${code}`))));
    });
  process.stderr.write(`\n== postgres queue: ${K} reviews, two workers\n`);
  let t = performance.now();
  await cli(['import', part, '--db', url, '--enqueue-only', '--batch', '500', '--rejects', `${OUT_DIR}/queue-rejects.tsv`]);
  const enqueueSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const outs = await Promise.all([0, 1].map((i) => cli(['worker', '--db', url, '--workers', '1', '--json', '--no-consensus', '--rejects', `${OUT_DIR}/queue-rejects-${i}.tsv`])));
  const workSeconds = (performance.now() - t) / 1000;
  const [a, b] = outs.map((o) => JSON.parse(o.trim()) as { jobs: number[]; analysed: number; inserted: number });
  const store = await openStore(args.pg, { schema });
  const counts = await store.counts();
  const left = await store.jobCounts('import');
  await (store as unknown as { dropSchema(): Promise<void> }).dropSchema();
  await store.close();
  const result = {
    reviews: K,
    enqueueSeconds: +enqueueSeconds.toFixed(1),
    workSeconds: +workSeconds.toFixed(1),
    batches: [a!.jobs.length, b!.jobs.length],
    batchesDoneTwice: a!.jobs.filter((j) => b!.jobs.includes(j)).length,
    rowsAnalysed: a!.analysed + b!.analysed,
    stored: counts.reviews,
    jobsLeft: left,
  };
  process.stderr.write(`${JSON.stringify(result)}\n`);
  return result;
}

const backends = args.backends.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = backends.filter((b) => b !== 'sqlite' && b !== 'postgres');
if (unknown.length > 0) {
  process.stderr.write(`bench/import.ts: --backends takes sqlite and/or postgres, not ${unknown.map((b) => `"${b}"`).join(', ')}\n`);
  process.exit(2);
}
const corpus = await buildCorpus();
const report: Record<string, unknown> = { reviews: N, corpus, cores: Number(execFileSync('nproc').toString().trim()), node: process.version };
const workerArgs = [...(args.workers ? ['--workers', args.workers] : []), '--batch', args.batch];
for (const backend of backends) {
  process.stderr.write(`\n== ${backend}: importing ${N} reviews\n`);
  let db: string;
  let schema: string | undefined;
  if (backend === 'sqlite') {
    db = `${OUT_DIR}/bench-${N}.db`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) execFileSync('rm', ['-f', db + suffix]);
  } else {
    db = args.pg;
    schema = `verdict_bench_${process.pid}`;
  }
  // The schema travels in the URL: the import runs on a thread of its own, which opens the store from the URL alone.
  const childDb = schema ? `${db}${db.includes('?') ? '&' : '?'}schema=${schema}` : db;
  const result = await child('import-child.ts', ['--db', childDb, ...workerArgs, corpus]);
  process.stderr.write(`${JSON.stringify(result)}\n`);
  const store = await openStore(db, schema ? { schema } : {});
  const lat = await latency(store, Number(args.queries));
  process.stderr.write(`${JSON.stringify(lat)}\n`);
  if (schema) await (store as unknown as { dropSchema(): Promise<void> }).dropSchema();
  await store.close();
  report[backend] = { ...result, consensus: lat };
}
if (args.queue) report.queue = await queueRun();
writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
