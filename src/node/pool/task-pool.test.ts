import { describe, expect, it } from 'vitest';
import { analyzeJobs } from './jobs.ts';
import { loadModel } from '../load-model.ts';
import { BudgetExceeded, TaskPool } from './task-pool.ts';

describe('TaskPool (the server analysis pool)', () => {
  it('gives the cards of the calling thread; a batch past its budget is aborted and the thread replaced', async () => {
    const pool = new TaskPool({ size: 1, budgetMs: 60_000 });
    try {
      const jobs = [{ text: 'Keanu Reeves is great as John Wick. The fights are superb.' }, { text: '   ' }];
      expect(await pool.analyze(jobs)).toEqual(analyzeJobs(jobs, loadModel()));
      const big = [{ text: 'Keanu Reeves as John Wick, Ian McShane as Winston, '.repeat(5000) }];
      await expect(pool.analyze(big, 1)).rejects.toBeInstanceOf(BudgetExceeded);
      // The pool still answers after the abort.
      expect(await pool.analyze(jobs.slice(0, 1))).toEqual(analyzeJobs(jobs.slice(0, 1), loadModel()));
    } finally {
      await pool.close();
    }
  }, 60_000);
});
