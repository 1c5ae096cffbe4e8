/**
 * A pool of analysis workers (`node:worker_threads`), one per core by default. Each worker loads the model
 * once; batches go to the least busy worker. With `size: 0` the batches are analysed on the calling thread
 * (small imports, tests). A worker that dies fails its batches and the pool, loudly: rows already written
 * stay written, and a re-run resumes.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadModel, loadWeights, shareWeights } from '../load-model.ts';
// jobs.ts (the analyser) is imported only where batches run on this thread: a pool of workers leaves the main
// thread without it, for a fast start.
import type { AnalyzeJob, AnalyzeResult, JsonResult, PoolRequest, PoolResponse, StoredResult } from './jobs.ts';
import type { Model } from '../../analyze/index.ts';

type Results = AnalyzeResult[] & JsonResult[] & StoredResult[];

/** Reviews per message of an import's batch. */
const STORED_SLICE = 100;

interface Slot {
  worker: Worker;
  busy: number;
  waiting: Map<number, { resolve: (r: Results) => void; reject: (e: Error) => void }>;
}

interface PoolOptions {
  /** Number of worker threads; 0 analyses on the calling thread. Default: the number of cores. */
  size?: number | undefined;
  /** Folder of the model files (default models/). */
  modelDir?: string | undefined;
}

export class AnalyzePool {
  readonly size: number;
  #slots: Slot[] = [];
  #next = 1;
  #local: Model | null = null;
  #failed: Error | null = null;
  #modelDir: string | undefined;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(0, options.size ?? availableParallelism());
    this.#modelDir = options.modelDir;
    // Two threads or more: the weight tables are read once here, in shared memory, and every worker uses that
    // one copy (about 45 MB each otherwise). One worker reads its own, so a single-thread run starts sooner.
    const weights = this.size >= 2 ? shareWeights(loadWeights(options.modelDir)) : undefined;
    for (let i = 0; i < this.size; i++) {
      // The sources run as .ts in development and as compiled .js from the package.
      const worker = new Worker(new URL(import.meta.url.endsWith('.ts') ? './analyze-worker.ts' : './analyze-worker.js', import.meta.url), {
        workerData: { modelDir: options.modelDir, weights },
        // Bounded heaps keep a long import's memory flat (V8 otherwise grows each thread's heap lazily).
        resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 8 },
      });
      const slot: Slot = { worker, busy: 0, waiting: new Map() };
      worker.on('message', (msg: PoolResponse) => {
        const w = slot.waiting.get(msg.id);
        if (!w) return;
        slot.waiting.delete(msg.id);
        slot.busy--;
        w.resolve(msg.results as Results);
      });
      const fail = (e: Error): void => {
        this.#failed ??= e;
        for (const w of slot.waiting.values()) w.reject(e);
        slot.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`analysis worker exited with code ${code}`));
      });
      this.#slots.push(slot);
    }
  }

  /** Model version the pool's cards carry (read on the calling thread: the same files as the workers'). */
  get localModel(): Model {
    this.#local ??= loadModel(this.#modelDir);
    return this.#local;
  }

  /** Analyse a batch; results in input order. */
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]> {
    if (this.size === 0 && !this.#failed) return import('./jobs.ts').then(({ analyzeJobs }) => analyzeJobs(jobs, this.localModel));
    return this.#send({ id: 0, jobs });
  }

  /** Analyse a batch into JSON strings made on the workers (each card trimmed to `fields` when given); input order. */
  analyzeJson(jobs: AnalyzeJob[], fields?: readonly string[]): Promise<JsonResult[]> {
    if (this.size === 0 && !this.#failed) return import('./jobs.ts').then(({ analyzeJobsJson }) => analyzeJobsJson(jobs, this.localModel, fields));
    return this.#send({ id: 0, jobs, json: { fields } });
  }

  /** Analyse a batch for the store: each card's head and its JSON, made on the workers; input order. */
  analyzeStored(jobs: AnalyzeJob[]): Promise<StoredResult[]> {
    if (this.size === 0 && !this.#failed) return import('./jobs.ts').then(({ analyzeJobs, toStored }) => analyzeJobs(jobs, this.localModel).map(toStored));
    // In slices: a worker holds one slice's cards at a time (its heap stays small), and the slices of one batch
    // spread over the workers.
    const slices: Promise<StoredResult[]>[] = [];
    for (let i = 0; i < jobs.length; i += STORED_SLICE) slices.push(this.#send({ id: 0, jobs: jobs.slice(i, i + STORED_SLICE), stored: true }));
    return Promise.all(slices).then((parts) => parts.flat());
  }

  #send(request: PoolRequest): Promise<Results> {
    if (this.#failed) return Promise.reject(this.#failed);
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (s.busy < slot.busy) slot = s;
    const id = this.#next++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    this.#slots = [];
  }
}
