/**
 * @module The server's analysis pool: worker threads on piscina, so the HTTP event loop never analyses. Each
 * batch has a time budget; past it (queued or running) the batch is aborted — a running thread is ended and
 * replaced — and the caller gets a `BudgetExceeded`. A full queue refuses at once (`PoolBusy`), so a burst of
 * slow requests cannot pile up behind each other.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { AnalyzeJob, AnalyzeResult } from './jobs.ts';

export class BudgetExceeded extends Error {
  readonly budgetMs: number;
  constructor(budgetMs: number) {
    super(`the analysis ran past its ${budgetMs} ms budget`);
    this.budgetMs = budgetMs;
  }
}

export class PoolBusy extends Error {
  constructor() {
    super('every analysis thread is busy and the queue is full');
  }
}

interface TaskPoolOptions {
  /** Threads (default: one per core but one, which is left to the event loop that answers requests). */
  size?: number | undefined;
  /** Batches that may wait for a thread (default 32); each still has its time budget while it waits. */
  maxQueue?: number | undefined;
  /** Default time budget per batch, queue time included (ms). */
  budgetMs?: number | undefined;
  modelDir?: string | undefined;
}

export class TaskPool {
  readonly size: number;
  readonly budgetMs: number;
  readonly #pool: Piscina;

  constructor(options: TaskPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
    this.budgetMs = options.budgetMs ?? 10_000;
    this.#pool = new Piscina({
      filename: new URL(import.meta.url.endsWith('.ts') ? './task-worker.ts' : './task-worker.js', import.meta.url).href,
      minThreads: this.size,
      maxThreads: this.size,
      maxQueue: options.maxQueue ?? 32,
      workerData: { modelDir: options.modelDir },
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 },
    });
  }

  /** Analyse a batch within `budgetMs` (default the pool's); results in input order. */
  async analyze(jobs: AnalyzeJob[], budgetMs = this.budgetMs): Promise<AnalyzeResult[]> {
    if (this.#pool.queueSize >= this.#pool.options.maxQueue) throw new PoolBusy();
    const signal = AbortSignal.timeout(budgetMs);
    try {
      return (await this.#pool.run(jobs, { signal })) as AnalyzeResult[];
    } catch (e) {
      if (signal.aborted) throw new BudgetExceeded(budgetMs);
      if (/queue is at limit|no task queue available/i.test(String((e as Error).message))) throw new PoolBusy();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
