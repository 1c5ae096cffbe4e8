/**
 * @module The analysis worker threads (`node:worker_threads`). The calling thread never reads the model: the
 * first thread starts at once and reads its own; in a pool that may hold more, it reads the weight tables into
 * shared memory and hands them back, and the later threads use that one copy (about 45 MB each otherwise).
 * Threads can be added while a run goes (`grow`); batches go to the least busy one. A thread that dies fails
 * its batches and the pool, loudly: rows already written stay written, and a re-run resumes.
 */
import { Worker } from 'node:worker_threads';
import type { ModelWeights } from '../load-model.ts';
import type { AnalyzeJob, AnalyzeResult, JsonResult, PoolRequest, PoolResponse, StoredResult } from './jobs.ts';

type Results = AnalyzeResult[] & JsonResult[] & StoredResult[];

/** What a thread is started with (analyze-worker.ts). */
export interface WorkerSetup {
  modelDir?: string | undefined;
  /** The weight tables in shared memory, read by the pool's first thread. */
  weights?: ModelWeights | undefined;
  /** Read the weight tables into shared memory and post them back (`{ weights }`) before the first batch. */
  share?: boolean | undefined;
}

/** Reviews per message of an import's batch. */
const STORED_SLICE = 100;

interface Slot {
  worker: Worker;
  busy: number;
  waiting: Map<number, { resolve: (r: Results) => void; reject: (e: Error) => void }>;
}

export interface WorkerPoolOptions {
  /** Threads started at once (at least 1). */
  size: number;
  /** Threads the pool may grow to (default `size`). */
  maxSize?: number | undefined;
  /** Folder of the model files (default models/). */
  modelDir?: string | undefined;
  /**
   * Each thread's young generation, MB (default 8: an import's memory stays flat). 32 costs some 25 MB more per
   * thread and about 10% less CPU per review (fewer scavenges, fewer short-lived objects promoted): a one-thread
   * run of 2,000 IMDB reviews took 5.4 CPU-s against 6.1.
   */
  youngMb?: number | undefined;
}

export class WorkerPool {
  readonly maxSize: number;
  #slots: Slot[] = [];
  /** Threads asked for but not started: they wait for the first thread's shared weights. */
  #wanted = 0;
  #weights: ModelWeights | undefined;
  #next = 1;
  #failed: Error | null = null;
  #modelDir: string | undefined;
  #youngMb: number;

  constructor(options: WorkerPoolOptions) {
    this.maxSize = Math.max(1, options.size, options.maxSize ?? options.size);
    this.#modelDir = options.modelDir;
    this.#youngMb = options.youngMb ?? 8;
    this.#start({ modelDir: options.modelDir, share: this.maxSize >= 2 });
    this.grow(Math.max(1, options.size) - 1);
  }

  /** Threads started or about to be (they start once the shared weights are there). */
  get size(): number {
    return this.#slots.length + this.#wanted;
  }

  /** Add up to `n` threads (never past `maxSize`). */
  grow(n = 1): void {
    const add = Math.min(n, this.maxSize - this.size);
    if (add <= 0) return;
    if (!this.#weights) {
      this.#wanted += add;
      return;
    }
    for (let i = 0; i < add; i++) this.#start({ modelDir: this.#modelDir, weights: this.#weights });
  }

  #start(setup: WorkerSetup): void {
    // The sources run as .ts in development and as compiled .js from the package.
    const worker = new Worker(new URL(import.meta.url.endsWith('.ts') ? './analyze-worker.ts' : './analyze-worker.js', import.meta.url), {
      workerData: setup,
      // Bounded heaps keep a long import's memory flat (V8 otherwise grows each thread's heap lazily).
      resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: this.#youngMb },
    });
    const slot: Slot = { worker, busy: 0, waiting: new Map() };
    worker.on('message', (msg: PoolResponse | { weights: ModelWeights }) => {
      if ('weights' in msg) return this.#shared(msg.weights);
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

  /** The first thread's weight tables are in shared memory: start the threads that waited for them. */
  #shared(weights: ModelWeights): void {
    this.#weights = weights;
    const wanted = this.#wanted;
    this.#wanted = 0;
    this.grow(wanted);
  }

  /** Analyse a batch; results in input order. */
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]> {
    return this.#send({ id: 0, jobs });
  }

  /** Analyse a batch into JSON strings made on the threads (each card trimmed to `fields` when given); input order. */
  analyzeJson(jobs: AnalyzeJob[], fields?: readonly string[]): Promise<JsonResult[]> {
    return this.#send({ id: 0, jobs, json: { fields } });
  }

  /** Analyse a batch for the store: each card's head and its JSON, made on the threads; input order. */
  analyzeStored(jobs: AnalyzeJob[]): Promise<StoredResult[]> {
    // In slices: a thread holds one slice's cards at a time (its heap stays small), and the slices of one batch
    // spread over the threads.
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
    this.#wanted = 0;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    this.#slots = [];
  }
}
