/**
 * The two-worker queue benchmark (issue 14): the project's jobs table (`FOR UPDATE SKIP LOCKED`, a renewed lease)
 * against pg-boss, doing the same batches of the same rows. Both run the import's own worker loop (`workQueue` of
 * src/app/import-queue.ts): only the queue under it changes, through the five calls it makes (enqueue, claim,
 * renew, complete, counts). For each queue:
 *   1. throughput: the rows queued in batches, two worker processes (one core each), rows/s over the span from the
 *      first claim to the last completion, and the workers' CPU seconds over that span;
 *   2. claim latency: the time of each claim that returned a batch (p50, p99), and of empty polls;
 *   3. exactly-once after SIGKILL: the same again, one worker SIGKILLed while it holds a batch; the other must take
 *      that batch once its lease (10 s, pg-boss's smallest heartbeat) runs out and finish. Rows stored, missing,
 *      batches done twice, and the seconds from the kill to the takeover.
 *
 *   node bench/queue.ts [--rows 8000] [--batch 100] [--rounds 2] [--pg postgres://postgres@127.0.0.1:5432/test] [--queues jobs,pgboss]
 *                       [--phases throughput,alone,kill] [--boss-interval 1]
 *
 * pg-boss's supervisor (which retries a job whose heartbeat lapsed) runs every `--boss-interval` seconds: 1 here, so
 * that a takeover waits for the lease as with the jobs table; its own default is 60.
 *
 * Throughput runs `--rounds` times per queue, the queues taking turns (ABBA…), so a change in the machine's load
 * falls on both; the report gives each round and the ratios of the medians.
 *
 * Each run uses schemas of its own, dropped after. The report goes to bench/out/queue.json.
 * (Internally, `node bench/queue.ts --worker jobs|pgboss --db URL --name NAME` is one worker process.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { enqueueFiles, workQueue } from '../src/app/import-queue.ts';
import { dataFile, readJsonlGz } from '../src/node/data.ts';
import { AnalyzePool } from '../src/node/pool/pool.ts';
import { RejectsFile } from '../src/node/rejects-file.ts';
import { openStore } from '../src/store/open.ts';
import type { PostgresStore } from '../src/store/postgres.ts';
import type { JobRow, Store } from '../src/store/store.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}bench/out`;
const QUEUE = 'import';
/** pg-boss takes heartbeats of 10 s or more; the jobs table gets the same lease. */
const LEASE_S = 10;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '8000' },
    batch: { type: 'string', default: '100' },
    pg: { type: 'string', default: process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    queues: { type: 'string', default: 'jobs,pgboss' },
    rounds: { type: 'string', default: '2' },
    phases: { type: 'string', default: 'throughput,alone,kill' },
    'boss-interval': { type: 'string', default: '1' },
    worker: { type: 'string' },
    db: { type: 'string' },
    name: { type: 'string' },
    noop: { type: 'boolean', default: false },
    'noop-batches': { type: 'string', default: '2000' },
  },
});

type Kind = 'jobs' | 'pgboss';
/** How often pg-boss's supervisor looks for lapsed heartbeats (seconds; its default is 60). */
const bossInterval = Number(args['boss-interval']);
const phases = new Set(args.phases.split(','));
type QueueStore = Parameters<typeof workQueue>[0];

// --- the two queues behind the worker loop's interface -------------------------------------------------------------

/** The jobs table as it is, with each claim timed. */
function jobsQueue(store: Store, onClaim: (ms: number, jobs: JobRow[]) => void): QueueStore {
  return {
    ...storeCalls(store),
    enqueueJobs: (kind, payloads) => store.enqueueJobs(kind, payloads),
    claimJobs: async (kind, worker, limit, leaseMs) => {
      const t = performance.now();
      const jobs = await store.claimJobs(kind, worker, limit, leaseMs);
      onClaim(performance.now() - t, jobs);
      return jobs;
    },
    renewJobs: (ids, worker) => store.renewJobs(ids, worker),
    completeJobs: (ids) => store.completeJobs(ids),
    releaseJob: (id, error) => store.releaseJob(id, error),
    jobCounts: (kind) => store.jobCounts(kind),
  };
}

const bossOptions = (db: string, schema: string) => ({ connectionString: db.replace(/\?.*$/, ''), schema, max: 4, schedule: false });

/** pg-boss doing the same: a claim is `fetch`, the lease its heartbeat (`touch`), a lapsed one retried by its supervisor. */
async function bossQueue(store: Store, boss: PgBoss, schema: string, onClaim: (ms: number, jobs: JobRow[]) => void): Promise<QueueStore> {
  // workQueue names batches by number; pg-boss by uuid: the number travels in the job's data.
  const uuids = new Map<number, string>();
  let next = 1;
  return {
    ...storeCalls(store),
    enqueueJobs: async (_kind, payloads) => {
      const seqs = payloads.map(() => next++);
      await boss.insert(QUEUE, payloads.map((payload, i) => ({ data: { seq: seqs[i], payload } })));
      return seqs;
    },
    claimJobs: async (_kind, worker, limit) => {
      const t = performance.now();
      const got = await boss.fetch<{ seq: number; payload: unknown }>(QUEUE, { batchSize: limit });
      const jobs = got.map((j) => {
        uuids.set(j.data.seq, j.id);
        return { id: j.data.seq, kind: QUEUE, payload: j.data.payload, attempts: j.retryCount + 1, lockedBy: worker } as JobRow;
      });
      onClaim(performance.now() - t, jobs);
      return jobs;
    },
    renewJobs: async (ids) => {
      await boss.touch(QUEUE, ids.map((i) => uuids.get(i)!));
      return ids.length;
    },
    completeJobs: async (ids) => {
      if (ids.length) await boss.complete(QUEUE, ids.map((i) => uuids.get(i)!));
    },
    releaseJob: async (id) => {
      await boss.fail(QUEUE, uuids.get(id)!);
    },
    jobCounts: async () => {
      const { rows } = await boss.getDb().executeSql(`SELECT state, count(*)::int AS n FROM ${schema}.job WHERE name = $1 AND state IN ('created', 'retry', 'active') GROUP BY state`, [QUEUE]);
      const n = (s: string): number => (rows as { state: string; n: number }[]).find((r) => r.state === s)?.n ?? 0;
      return { pending: n('created') + n('retry'), claimed: n('active') };
    },
  };
}

function storeCalls(store: Store): Pick<Store, 'putReviews' | 'existingReviewIds' | 'findFilmsByTitle' | 'addChronology'> {
  return {
    putReviews: store.putReviews.bind(store),
    existingReviewIds: store.existingReviewIds.bind(store),
    findFilmsByTitle: store.findFilmsByTitle.bind(store),
    addChronology: store.addChronology.bind(store),
  };
}

async function createBossQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUE, { heartbeatSeconds: LEASE_S, retryLimit: 10, retryDelay: 0, expireInSeconds: 3600 });
}

// --- one worker process ----------------------------------------------------------------------------------------------

async function runWorker(kind: Kind, db: string, name: string): Promise<void> {
  const store = await openStore(db);
  const pool = new AnalyzePool({ size: 0 }); // one core per worker process: analysis on its main thread
  const claims: number[] = [];
  const empty: number[] = [];
  const onClaim = (ms: number, jobs: JobRow[]): void => {
    (jobs.length ? claims : empty).push(ms);
    for (const j of jobs) process.stderr.write(`claim ${j.id}\n`);
  };
  const schema = `${new URL(db).searchParams.get('schema')}_boss`;
  const boss = kind === 'pgboss' ? new PgBoss({ ...bossOptions(db, schema), migrate: false, superviseIntervalSeconds: bossInterval, monitorIntervalSeconds: bossInterval }) : null;
  boss?.on('error', (e) => process.stderr.write(`pg-boss: ${String(e)}\n`));
  await boss?.start();
  const queue = boss ? await bossQueue(store, boss, schema, onClaim) : jobsQueue(store, onClaim);
  const rejects = new RejectsFile(`${OUT}/queue-${name}-rejects.tsv`);
  const start = Date.now();
  const cpu0 = process.cpuUsage();
  const s = args.noop ? await claimAndComplete(queue, name) : await workQueue(queue, pool, rejects, {
    worker: name,
    leaseMs: LEASE_S * 1000,
    pollMs: 200,
    onProgress: (p) => process.stderr.write(`done ${p.jobs.at(-1)}\n`),
  });
  const cpu = process.cpuUsage(cpu0);
  const end = Date.now();
  rejects.close();
  await boss?.stop({ graceful: false });
  await pool.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ name, jobs: s.jobs, inserted: s.inserted, analysed: s.analysed, start, end, cpuS: (cpu.user + cpu.system) / 1e6, claims, empty })}\n`);
}

/** The queue alone: claim a batch, renew its lease once, complete it; until none is left. */
async function claimAndComplete(queue: QueueStore, worker: string): Promise<{ jobs: number[]; inserted: number; analysed: number }> {
  const jobs: number[] = [];
  for (;;) {
    const [job] = await queue.claimJobs(QUEUE, worker, 1, LEASE_S * 1000);
    if (!job) {
      const left = await queue.jobCounts(QUEUE);
      if (left.pending + left.claimed === 0) break;
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    await queue.renewJobs([job.id], worker);
    await queue.completeJobs([job.id]);
    jobs.push(job.id);
  }
  return { jobs, inserted: 0, analysed: 0 };
}

// --- the benchmark ---------------------------------------------------------------------------------------------------

interface WorkerReport {
  name: string;
  jobs: number[];
  inserted: number;
  analysed: number;
  start: number;
  end: number;
  cpuS: number;
  claims: number[];
  empty: number[];
}

async function writeRows(n: number, file: string): Promise<void> {
  const lines = ['title,critic,review'];
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  for await (const r of readJsonlGz<{ id: unknown; review?: unknown }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) {
    const text = typeof r.review === 'string' ? r.review.replace(/\s+/g, ' ').trim() : '';
    if (!text) continue;
    lines.push(`${q(`Film ${String(r.id)}`)},${q(`Critic ${lines.length}`)},${q(text)}`);
    if (lines.length > n) break;
  }
  if (lines.length <= n) throw new Error(`only ${lines.length - 1} reviews in rt_flatiron`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  if (p === 50 && s.length % 2 === 0) return (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

interface Spawned {
  child: ChildProcess;
  report: Promise<WorkerReport | null>;
  claimed: Set<number>;
  done: Set<number>;
}

function spawnWorker(kind: Kind, db: string, name: string, noop = false): Spawned {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--worker', kind, '--db', db, '--name', name, ...(noop ? ['--noop'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const claimed = new Set<number>();
  const done = new Set<number>();
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    const lines = err.split('\n');
    err = lines.pop()!;
    for (const l of lines) {
      const m = /^(claim|done) (\d+)$/.exec(l);
      if (m) (m[1] === 'claim' ? claimed : done).add(Number(m[2]));
      else if (l.trim()) process.stderr.write(`  [${name}] ${l}\n`);
    }
  });
  const report = new Promise<WorkerReport | null>((resolve, reject) =>
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(null);
      else if (code === 0) resolve(JSON.parse(out.trim()) as WorkerReport);
      else reject(new Error(`worker ${name} exited ${code}`));
    }),
  );
  return { child, report, claimed, done };
}

/** A fresh schema with the rows queued on `kind`'s queue; returns the store and what to clean up. */
async function prepare(kind: Kind, file: string, batch: number, tag: string) {
  const schema = `verdict_benchq_${kind}_${tag}_${process.pid}`;
  const db = `${args.pg}${args.pg.includes('?') ? '&' : '?'}schema=${schema}`;
  const store = await openStore(db);
  const boss = kind === 'pgboss' ? new PgBoss({ ...bossOptions(db, `${schema}_boss`), supervise: false }) : null;
  if (boss) {
    await boss.start();
    await createBossQueue(boss);
  }
  const queue = boss ? await bossQueue(store, boss, `${schema}_boss`, () => undefined) : jobsQueue(store, () => undefined);
  const t = performance.now();
  const q = await enqueueFiles(queue, [file], new RejectsFile(`${OUT}/queue-enqueue-rejects.tsv`), { reader: { maxBytes: 1 << 22 }, batchSize: batch });
  const enqueueS = (performance.now() - t) / 1000;
  const cleanup = async (): Promise<void> => {
    if (boss) {
      await boss.stop({ graceful: false });
      const dropper = new PgBoss({ ...bossOptions(db, `${schema}_boss`), supervise: false, migrate: false });
      await dropper.getDb().executeSql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).catch(() => undefined);
    }
    await (store as PostgresStore).dropSchema().catch(() => undefined);
    await store.close();
  };
  return { db, schema, store, queue, jobs: q.jobs, rows: q.rows - q.rejected, enqueueS, cleanup };
}

async function throughput(kind: Kind, file: string, batch: number) {
  const p = await prepare(kind, file, batch, 'tp');
  try {
    const workers = ['a', 'b'].map((n) => spawnWorker(kind, p.db, `${kind}-${n}`));
    const reports = (await Promise.all(workers.map((w) => w.report))) as WorkerReport[];
    const span = (Math.max(...reports.map((r) => r.end)) - Math.min(...reports.map((r) => r.start))) / 1000;
    const done = reports.flatMap((r) => r.jobs);
    const stored = (await p.store.counts()).reviews;
    return {
      rows: p.rows,
      batches: p.jobs,
      enqueueS: p.enqueueS,
      spanS: span,
      rowsPerS: stored / span,
      workerCpuS: reports.reduce((a, r) => a + r.cpuS, 0),
      stored,
      batchesPerWorker: reports.map((r) => r.jobs.length),
      doneTwice: done.length - new Set(done).size,
      claimMs: { n: reports.reduce((a, r) => a + r.claims.length, 0), p50: pct(reports.flatMap((r) => r.claims), 50), p99: pct(reports.flatMap((r) => r.claims), 99) },
      emptyPollMs: { n: reports.reduce((a, r) => a + r.empty.length, 0), p50: pct(reports.flatMap((r) => r.empty), 50) },
    };
  } finally {
    await p.cleanup();
  }
}

/** The queue alone: `batches` batches of 10 rows (the import's payload), claimed, renewed and completed by two workers. */
async function queueAlone(kind: Kind, file: string, batches: number) {
  const p = await prepare(kind, file, 10, 'noop');
  try {
    // prepare queued the file once; queue copies of its first batches until there are `batches`.
    const sql = new pg.Client({ connectionString: args.pg });
    await sql.connect();
    const first = kind === 'jobs'
      ? (await sql.query(`SELECT payload FROM ${p.schema}.jobs ORDER BY id LIMIT 1`)).rows[0].payload
      : (await sql.query(`SELECT data->'payload' AS payload FROM ${p.schema}_boss.job WHERE name = $1 LIMIT 1`, [QUEUE])).rows[0].payload;
    await sql.end();
    for (let left = batches - p.jobs; left > 0; left -= 500) await p.queue.enqueueJobs(QUEUE, Array.from({ length: Math.min(500, left) }, () => first));
    const workers = ['a', 'b'].map((n) => spawnWorker(kind, p.db, `${kind}-noop-${n}`, true));
    const reports = (await Promise.all(workers.map((w) => w.report))) as WorkerReport[];
    const span = (Math.max(...reports.map((r) => r.end)) - Math.min(...reports.map((r) => r.start))) / 1000;
    const done = reports.flatMap((r) => r.jobs);
    return {
      batches: Math.max(batches, p.jobs),
      done: done.length,
      doneTwice: done.length - new Set(done).size,
      batchesPerS: done.length / span,
      workerCpuS: reports.reduce((a, r) => a + r.cpuS, 0),
      claimMs: { p50: pct(reports.flatMap((r) => r.claims), 50), p99: pct(reports.flatMap((r) => r.claims), 99) },
    };
  } finally {
    await p.cleanup();
  }
}

async function killOne(kind: Kind, file: string, batch: number) {
  const p = await prepare(kind, file, batch, 'kill');
  try {
    const [a, b] = ['a', 'b'].map((n) => spawnWorker(kind, p.db, `${kind}-kill-${n}`)) as [Spawned, Spawned];
    // SIGKILL a once it holds a batch and some rows are stored.
    let held: number[] = [];
    for (;;) {
      held = [...a.claimed].filter((j) => !a.done.has(j));
      if (held.length > 0 && (await p.store.counts()).reviews > 0) break;
      if (a.child.exitCode !== null) throw new Error('worker a finished before it could be killed');
      await new Promise((r) => setTimeout(r, 5));
    }
    a.child.kill('SIGKILL');
    const kill = Date.now();
    await a.report;
    // What it held: the batches it claimed that are still claimed in the database (it may have completed one and
    // died before saying so). The other worker cannot have taken them yet: their lease has not run out.
    const sql = new pg.Client({ connectionString: args.pg });
    await sql.connect();
    const { rows } = await sql.query(
      kind === 'jobs'
        ? `SELECT id::int AS id FROM ${p.schema}.jobs WHERE kind = $1 AND locked_by IS NOT NULL`
        : `SELECT (data->>'seq')::int AS id FROM ${p.schema}_boss.job WHERE name = $1 AND state = 'active'`,
      [QUEUE],
    );
    await sql.end();
    held = held.filter((j) => (rows as { id: number }[]).some((r) => r.id === j));
    let killedAt = kill;
    if (held.length === 0) {
      // The kill landed between two batches: a batch is claimed for a "dead" worker that never renews it, so the
      // takeover of a lapsed lease is always measured.
      const [dead] = await p.queue.claimJobs(QUEUE, 'dead', 1, LEASE_S * 1000);
      if (dead) held = [dead.id];
      killedAt = Date.now();
    }
    let takeoverS = NaN;
    const watch = setInterval(() => {
      if (Number.isNaN(takeoverS) && held.every((j) => b.claimed.has(j))) takeoverS = (Date.now() - killedAt) / 1000;
    }, 20);
    const rb = (await b.report)!;
    clearInterval(watch);
    if (Number.isNaN(takeoverS) && held.every((j) => b.claimed.has(j))) takeoverS = (Date.now() - killedAt) / 1000;
    const stored = (await p.store.counts()).reviews;
    const left = await p.queue.jobCounts(QUEUE);
    const doneByBoth = [...a.done].filter((j) => rb.jobs.includes(j)).length;
    return { rows: p.rows, stored, missing: p.rows - stored, heldWhenKilled: held, killedBetweenBatches: killedAt !== kill, takenOverByB: held.every((j) => rb.jobs.includes(j)), takeoverS, batchesDoneTwice: doneByBoth, queueLeft: left };
  } finally {
    await p.cleanup();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const n = Number(args.rows);
  const batch = Number(args.batch);
  const file = `${OUT}/queue-rows.csv`;
  await writeRows(n, file);
  const kinds = args.queues.split(',') as Kind[];
  const report: Record<string, unknown> = { rows: n, batch, leaseS: LEASE_S, bossIntervalS: bossInterval, pgBoss: (await import('pg-boss/package.json', { with: { type: 'json' } })).default.version };
  type Tp = Awaited<ReturnType<typeof throughput>>;
  const rounds = new Map<Kind, Tp[]>(kinds.map((k) => [k, []]));
  for (let r = 0; r < (phases.has('throughput') ? Number(args.rounds) : 0); r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      console.error(`${kind}: throughput, two workers (round ${r + 1})…`);
      const tp = await throughput(kind, file, batch);
      console.error(`  ${tp.rowsPerS.toFixed(1)} rows/s, ${tp.workerCpuS.toFixed(1)} worker CPU-s, claim p50 ${tp.claimMs.p50.toFixed(1)} ms, p99 ${tp.claimMs.p99.toFixed(1)} ms`);
      rounds.get(kind)!.push(tp);
    }
  }
  const median = (xs: number[]): number => pct(xs, 50);
  const summary = (k: Kind) => {
    const tps = rounds.get(k)!;
    return { rowsPerS: median(tps.map((t) => t.rowsPerS)), workerCpuS: median(tps.map((t) => t.workerCpuS)), claimP50Ms: median(tps.map((t) => t.claimMs.p50)), claimP99Ms: median(tps.map((t) => t.claimMs.p99)) };
  };
  const alone = new Map<Kind, Awaited<ReturnType<typeof queueAlone>>>();
  for (const kind of phases.has('alone') ? [...kinds, ...[...kinds].reverse()] : []) {
    console.error(`${kind}: the queue alone, ${args['noop-batches']} batches…`);
    const a = await queueAlone(kind, file, Number(args['noop-batches']));
    console.error(`  ${a.batchesPerS.toFixed(0)} batches/s, ${a.workerCpuS.toFixed(1)} worker CPU-s, claim p50 ${a.claimMs.p50.toFixed(2)} ms, p99 ${a.claimMs.p99.toFixed(2)} ms`);
    if (!alone.has(kind) || a.batchesPerS > alone.get(kind)!.batchesPerS) alone.set(kind, a); // the better of two turns
  }
  for (const kind of kinds) {
    if (phases.has('kill')) console.error(`${kind}: one worker SIGKILLed mid-batch…`);
    const kill = phases.has('kill') ? await killOne(kind, file, batch) : null;
    report[kind] = { median: summary(kind), rounds: rounds.get(kind), queueAlone: alone.get(kind), kill };
    console.error(`  ${JSON.stringify(kill)}`);
  }
  if (kinds.length === 2) {
    const [x, y] = kinds.map(summary) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
    const of = `${kinds[1]}/${kinds[0]}`;
    const [ax, ay] = kinds.map((k) => alone.get(k));
    report.ratios = { [`queue alone batches/s ${of}`]: ay && ax ? ay.batchesPerS / ax.batchesPerS : null, [`queue alone claim p50 ${of}`]: ay && ax ? ay.claimMs.p50 / ax.claimMs.p50 : null, [`rows/s ${of}`]: y.rowsPerS / x.rowsPerS, [`worker CPU-s ${of}`]: y.workerCpuS / x.workerCpuS, [`claim p50 ${of}`]: y.claimP50Ms / x.claimP50Ms, [`claim p99 ${of}`]: y.claimP99Ms / x.claimP99Ms };
  }
  writeFileSync(`${OUT}/queue.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}

if (args.worker) await runWorker(args.worker as Kind, args.db!, args.name!);
else await main();
