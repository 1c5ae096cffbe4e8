/**
 * `verdict worker`: does queued import batches (queued by `verdict import --queue`) until none is left, or keeps
 * polling with `--wait`. Any number of workers, on any number of machines, can share one PostgreSQL: each
 * batch goes to one worker only (`FOR UPDATE SKIP LOCKED`) for as long as its lease is renewed; a killed worker's batches
 * are taken again by another once their lease (`--lease`, 60 s) runs out.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { openStore, storeUrl } from '../../store/open.ts';
import { redactDatabase } from '../errors.ts';
import { AnalyzePool } from '../../node/pool/pool.ts';
import { refreshStaleConsensus } from '../../app/consensus.ts';
import { workQueue, type WorkSummary } from '../../app/import-queue.ts';
import { RejectsFile } from '../../node/rejects-file.ts';

interface RunWorkerOptions {
  db?: string | undefined;
  workers?: number | undefined;
  wait?: boolean | undefined;
  rejects: string;
  consensus?: boolean | undefined;
  label?: string | undefined;
  /** Seconds a claimed batch stays this worker's without renewal. */
  lease?: number | undefined;
}

/** Work on the import queue; prints and returns what this worker did. */
export async function runWorker(o: RunWorkerOptions): Promise<WorkSummary & { worker: string; seconds: number }> {
  const worker = `${hostname()}:${process.pid}`;
  const store = await openStore(o.db);
  const pool = new AnalyzePool({ size: o.workers });
  const rejects = new RejectsFile(o.rejects);
  const started = performance.now();
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let s: WorkSummary;
  try {
    s = await workQueue(store, pool, rejects, { worker, wait: o.wait, signal: abort.signal, leaseMs: o.lease === undefined ? undefined : o.lease * 1000 });
    if (o.consensus !== false) await refreshStaleConsensus(store);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    rejects.close();
    await pool.close();
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `verdict: ${o.label ?? 'worker'} ${worker}: ${s.jobs.length} batch(es), ${s.analysed} row(s) analysed, ${s.inserted} new, ${s.duplicates} already stored, ` +
      `${s.rejected} rejected${s.rejected ? ` (see ${rejects.path})` : ''} in ${seconds.toFixed(1)} s (${redactDatabase(storeUrl(o.db))})\n`,
  );
  return { ...s, worker, seconds };
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Analyse and store the import batches queued by `verdict import --queue` (several workers may share one PostgreSQL)')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (default: DATABASE_URL, VERDICT_DB, ./verdict.db)')
    .option('--workers <n>', 'analysis threads (default: one per core; 0 = analyse on the main thread)', (v) => Number(v))
    .option('--wait', 'keep polling for new batches until stopped (SIGINT/SIGTERM)')
    .option('--lease <seconds>', "a claimed batch not renewed for this long is taken by another worker (renewed every third of it)", (v) => Number(v), 60)
    .option('--rejects <file>', 'where rejected rows are listed', `verdict-rejects-${process.pid}.tsv`)
    .option('--json', 'print what this worker did as JSON on standard output')
    .option('--no-consensus', "don't recompute the touched films' consensus at the end")
    .action(async (flags: { db?: string; workers?: number; wait?: boolean; lease: number; rejects: string; json?: boolean; consensus: boolean }) => {
      const s = await runWorker({ db: flags.db, workers: flags.workers, wait: flags.wait, lease: flags.lease, rejects: flags.rejects, consensus: flags.consensus });
      if (flags.json) process.stdout.write(`${JSON.stringify(s)}\n`);
    });
}
