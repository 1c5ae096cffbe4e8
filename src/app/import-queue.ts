/**
 * @module Use case: import through the store's job queue, for several processes (or machines) sharing one PostgreSQL: an importer
 * reads the files and queues their rows in batches (`enqueueFiles`); any number of workers (`workQueue`,
 * `verdict worker`, or the importer itself) claim batches with `FOR UPDATE SKIP LOCKED`, so no batch is ever
 * given to two live workers, analyse them and write them, then mark them done. A claim is a lease: the worker
 * renews it every third of `leaseMs` while it works on the batch, and a batch whose lease ran out (its worker was
 * killed, or lost its machine) is claimed again by another. Rows are identified by content hash, so a batch written
 * by a worker that died before marking it done adds nothing when written again: every row is stored exactly once.
 */
import { readInputs, type ReaderOptions, type RowItem, type SourceRow } from '../node/readers/index.ts';
import type { Store } from '../store/store.ts';
import { BoundedMap, DEFAULT_BATCH_SIZE, oneAtATime, storeBatch, type Analyzer, type RejectSink } from './import-reviews.ts';

const IMPORT_JOB = 'import';

/** How long a claimed batch stays its worker's without a renewal (default). */
export const DEFAULT_LEASE_MS = 60_000;

/** A queued batch: rows of one file with their line numbers. */
interface ImportJob {
  file: string;
  source?: string | undefined;
  rows: [line: number, row: SourceRow][];
}

type QueueStore = Pick<Store, 'enqueueJobs' | 'claimJobs' | 'renewJobs' | 'completeJobs' | 'releaseJob' | 'jobCounts' | 'putReviews' | 'existingReviewIds' | 'findFilmsByTitle' | 'addChronology'>;

/** Read files and queue their rows in batches of `batchSize`; rejects are written at once. */
export async function enqueueFiles(
  store: QueueStore,
  files: readonly string[],
  rejects: RejectSink,
  options: { reader: Omit<ReaderOptions, 'progress'>; batchSize?: number | undefined; source?: string | undefined },
): Promise<{ jobs: number; rows: number; rejected: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let jobs: ImportJob[] = [];
  let current: ImportJob | null = null;
  let queued = 0;
  let rows = 0;
  let rejected = 0;
  const flushJobs = async (): Promise<void> => {
    if (jobs.length === 0) return;
    queued += (await store.enqueueJobs(IMPORT_JOB, jobs)).length;
    jobs = [];
  };
  for await (const item of readInputs(files, options.reader)) {
    rows++;
    if (item.kind === 'reject') {
      rejects.write(item);
      rejected++;
      continue;
    }
    if (!current || current.file !== item.file || current.rows.length >= batchSize) {
      current = { file: item.file, source: options.source, rows: [] };
      jobs.push(current);
      if (jobs.length > 20) {
        const last = jobs.pop()!;
        await flushJobs();
        jobs.push(last);
      }
    }
    current.rows.push([item.line, item.row]);
  }
  await flushJobs();
  return { jobs: queued, rows, rejected };
}

export interface WorkSummary {
  /** Ids of the jobs this worker did. */
  jobs: number[];
  /** Rows this worker analysed. */
  analysed: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  films: string[];
}

/**
 * Claim and do queued import batches until the queue is empty (or, with `wait`, until `signal` aborts). While
 * other workers still hold batches, it waits for them, and takes over any whose lease runs out. Up to two batches
 * per pool thread are in progress at a time.
 */
export async function workQueue(
  store: QueueStore,
  pool: Analyzer,
  rejects: RejectSink,
  options: {
    worker: string;
    wait?: boolean | undefined;
    pollMs?: number | undefined;
    /** A claimed batch not renewed for this long is taken by another worker (default 60 s). */
    leaseMs?: number | undefined;
    signal?: AbortSignal | undefined;
    onProgress?: ((s: WorkSummary) => void) | undefined;
  },
): Promise<WorkSummary> {
  const leaseMs = Math.max(10, options.leaseMs ?? DEFAULT_LEASE_MS);
  const pollMs = Math.min(options.pollMs ?? 1000, Math.ceil(leaseMs / 4));
  const summary: WorkSummary = { jobs: [], analysed: 0, inserted: 0, duplicates: 0, rejected: 0, films: [] };
  const films = new Set<string>();
  const years = new BoundedMap<string, number | null>(20_000);
  const lanes = Math.max(1, pool.size * 2);
  const serialize = oneAtATime();
  const lane = async (): Promise<void> => {
    for (;;) {
      if (options.signal?.aborted) return;
      const [job] = await store.claimJobs(IMPORT_JOB, options.worker, 1, leaseMs);
      if (!job) {
        // Batches still held elsewhere may come back when a lease runs out: stay until the queue is empty.
        if (!options.wait) {
          const left = await store.jobCounts(IMPORT_JOB);
          if (left.pending + left.claimed === 0) return;
        }
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      const renew = setInterval(() => void store.renewJobs([job.id], options.worker).catch(() => undefined), Math.max(5, Math.floor(leaseMs / 3)));
      const payload = job.payload as ImportJob;
      const items: RowItem[] = payload.rows.map(([line, row]) => ({ kind: 'row', file: payload.file, line, row }));
      try {
        const r = await storeBatch(store, pool, items, {
          reject: (item, code, reason) => {
            rejects.write({ file: item.file, line: item.line, code, reason });
            if (code !== 'E_DUPLICATE') summary.rejected++;
          },
          source: payload.source,
          years,
          serialize,
        });
        await store.completeJobs([job.id]);
        summary.jobs.push(job.id);
        summary.analysed += r.analysed;
        summary.inserted += r.inserted;
        summary.duplicates += r.duplicates + r.repeated;
        for (const f of r.films) films.add(f);
        options.onProgress?.({ ...summary, films: [] });
      } catch (e) {
        await store.releaseJob(job.id, String((e as Error).message ?? e)).catch(() => undefined);
        throw e;
      } finally {
        clearInterval(renew);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  summary.films = [...films];
  return summary;
}
