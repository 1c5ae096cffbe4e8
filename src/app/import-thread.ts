/**
 * @module Use case: a file import run on a thread of its own (`verdict import`, bench/import-child.ts), with a
 * bounded young generation. The importing thread allocates fast (rows, batches, statements); on the main
 * thread V8 lets its young generation grow to 128 MB for that, and keeps it. On a thread of its own it is held
 * to `YOUNG_MB`, which keeps a long import's resident memory about 100 MB lower. The caller's thread only
 * relays progress and the stop signal.
 */
import { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportSummary } from './import-reviews.ts';
import type { ReaderOptions } from '../node/readers/index.ts';

/** Young generation of the importing thread (MB): room for a few batches in flight. */
const YOUNG_MB = 16;

export interface ThreadImportRequest {
  /** Database URL or SQLite path (`openStore`). */
  db?: string | undefined;
  files: string[];
  rejects: string;
  /** Analysis threads (the pool's size; default one per core). */
  workers?: number | undefined;
  reader: Omit<ReaderOptions, 'progress'>;
  batchSize?: number | undefined;
  source?: string | undefined;
  fileSizes?: number[] | undefined;
  /** Recompute the consensus of stale films (those touched) once the rows are in; default false. */
  consensus?: boolean | undefined;
}

export interface ThreadImportSummary extends ImportSummary {
  /** Rows written to the rejects file. */
  rejectsCount: number;
  /** The first row rejected for a reason other than a repeat, or null. */
  firstReject: { file: string; line: number; reason: string } | null;
  /** CPU seconds of the importing thread itself (reading, ids, writes; the analysis threads apart). */
  threadCpuSeconds: number;
}

export interface ThreadImportResult extends ThreadImportSummary {
  /** Films whose consensus was recomputed (with `consensus`). */
  consensusFilms: number;
  consensusSeconds: number;
}

export type ThreadMessage =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'imported'; summary: ThreadImportSummary }
  | { kind: 'done'; result: ThreadImportResult }
  | { kind: 'error'; error: { name: string; message: string; stack?: string | undefined; props: Record<string, unknown> } };

/**
 * Run `importFiles` on its own thread. `onImported` is told the summary when the rows are in (before the consensus);
 * `signal` stops the reading as in `importFiles` (the batches read are written, then it returns).
 */
export function importInThread(
  request: ThreadImportRequest,
  hooks: { onProgress?: (p: ImportProgress) => void; onImported?: (s: ThreadImportSummary) => void; signal?: AbortSignal | undefined } = {},
): Promise<ThreadImportResult> {
  const worker = new Worker(new URL(import.meta.url.endsWith('.ts') ? './import-thread-worker.ts' : './import-thread-worker.js', import.meta.url), {
    workerData: request,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
  });
  const stop = (): void => worker.postMessage('stop');
  if (hooks.signal?.aborted) stop();
  hooks.signal?.addEventListener('abort', stop, { once: true });
  return new Promise<ThreadImportResult>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', stop);
      fn();
    };
    // The answer is kept until the thread has exited: its store is closed by then.
    let answer: (() => void) | null = null;
    worker.on('message', (m: ThreadMessage) => {
      if (m.kind === 'progress') hooks.onProgress?.(m.progress);
      else if (m.kind === 'imported') hooks.onImported?.(m.summary);
      else if (m.kind === 'done') answer = () => resolve(m.result);
      else {
        // The error as thrown there, with its own fields (code, errcode…) that a structured clone would drop.
        const e = Object.assign(new Error(m.error.message), m.error.props);
        e.name = m.error.name;
        if (m.error.stack) e.stack = m.error.stack;
        answer = () => reject(e);
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(answer ?? (() => reject(new Error(`the import thread exited with code ${code} before it finished`)))));
  });
}
