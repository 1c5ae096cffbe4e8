/**
 * The analysis pool: worker threads (worker-pool.ts), one per core by default; or, with `size: 0`, the batches
 * analysed on the calling thread (small imports, tests).
 */
import { availableParallelism } from 'node:os';
import { loadModel } from '../load-model.ts';
import { WorkerPool } from './worker-pool.ts';
// jobs.ts (the analyser) is imported only where batches run on this thread: a pool of workers leaves the main
// thread without it, for a fast start.
import type { AnalyzeJob, AnalyzeResult, JsonResult, StoredResult } from './jobs.ts';
import type { Model } from '../../analyze/index.ts';

interface PoolOptions {
  /** Number of worker threads; 0 analyses on the calling thread. Default: the number of cores. */
  size?: number | undefined;
  /** Folder of the model files (default models/). */
  modelDir?: string | undefined;
}

export class AnalyzePool {
  readonly size: number;
  #threads: WorkerPool | null;
  #local: Model | null = null;
  #modelDir: string | undefined;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(0, options.size ?? availableParallelism());
    this.#modelDir = options.modelDir;
    this.#threads = this.size > 0 ? new WorkerPool({ size: this.size, modelDir: options.modelDir }) : null;
  }

  /** Model version the pool's cards carry (read on the calling thread: the same files as the workers'). */
  get localModel(): Model {
    this.#local ??= loadModel(this.#modelDir);
    return this.#local;
  }

  /** Analyse a batch; results in input order. */
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]> {
    if (this.#threads) return this.#threads.analyze(jobs);
    return import('./jobs.ts').then(({ analyzeJobs }) => analyzeJobs(jobs, this.localModel));
  }

  /** Analyse a batch into JSON strings made on the workers (each card trimmed to `fields` when given); input order. */
  analyzeJson(jobs: AnalyzeJob[], fields?: readonly string[]): Promise<JsonResult[]> {
    if (this.#threads) return this.#threads.analyzeJson(jobs, fields);
    return import('./jobs.ts').then(({ analyzeJobsJson }) => analyzeJobsJson(jobs, this.localModel, fields));
  }

  /** Analyse a batch for the store: each card's head and its JSON, made on the workers; input order. */
  analyzeStored(jobs: AnalyzeJob[]): Promise<StoredResult[]> {
    if (this.#threads) return this.#threads.analyzeStored(jobs);
    return import('./jobs.ts').then(({ analyzeJobs, toStored }) => analyzeJobs(jobs, this.localModel).map(toStored));
  }

  async close(): Promise<void> {
    await this.#threads?.close();
  }
}
