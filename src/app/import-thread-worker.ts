/**
 * The import thread of `importInThread`: opens the store, the analysis pool and the rejects file, runs
 * `importFiles`, then (when asked) the consensus of the films left stale, and answers with the summary or the
 * error. A 'stop' message stops the reading as SIGTERM does on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { RejectsFile } from '../node/rejects-file.ts';
import { importFiles } from './import-reviews.ts';
import { refreshStaleConsensus } from './consensus.ts';
import type { ThreadImportRequest, ThreadMessage } from './import-thread.ts';

const request = workerData as ThreadImportRequest;
const port = parentPort!;
const send = (m: ThreadMessage): void => port.postMessage(m);
const abort = new AbortController();
port.on('message', (m: unknown) => {
  if (m === 'stop') abort.abort();
});

async function main(): Promise<void> {
  const store = await openStore(request.db);
  const pool = new AnalyzePool({ size: request.workers });
  const rejects = new RejectsFile(request.rejects);
  // Into an empty store, the review-order indexes are built once at the end (see SqliteStore.deferReviewIndexes).
  let deferred = false;
  const restore = async (): Promise<void> => {
    if (!deferred) return;
    deferred = false;
    await store.restoreReviewIndexes?.();
  };
  try {
    deferred = (await store.deferReviewIndexes?.()) ?? false;
    const summary = await importFiles(store, request.files, pool, rejects, {
      signal: abort.signal,
      reader: request.reader,
      batchSize: request.batchSize,
      source: request.source,
      fileSizes: request.fileSizes,
      onProgress: (progress) => send({ kind: 'progress', progress }),
    });
    await pool.close();
    rejects.close();
    // After the analysis threads are gone: the index sort's memory is not added to theirs.
    await restore();
    const cpu = process.threadCpuUsage();
    const imported = { ...summary, rejectsCount: rejects.count, firstReject: rejects.first, threadCpuSeconds: (cpu.user + cpu.system) / 1e6 };
    send({ kind: 'imported', summary: imported });
    let consensusFilms = 0;
    const t = performance.now();
    // The films this import touched, and any an earlier import left without a current consensus (killed before its refresh).
    if (request.consensus) consensusFilms = await refreshStaleConsensus(store);
    const consensusSeconds = (performance.now() - t) / 1000;
    send({ kind: 'done', result: { ...imported, consensusFilms, consensusSeconds } });
  } finally {
    rejects.close();
    await pool.close();
    // On a failure too (a store that cannot take it now gets them when next opened).
    await restore().catch(() => undefined);
    await store.close();
  }
}

main()
  .catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    // Own fields (code, errcode, errstr, path…) that carry the reason; only plain values travel.
    const props = Object.fromEntries(Object.entries(err).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)));
    send({ kind: 'error', error: { name: err.name, message: err.message, stack: err.stack, props } });
  })
  // Done: no more 'stop' to listen for, so the thread ends (and its caller answers).
  .finally(() => port.close());
