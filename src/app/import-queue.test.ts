import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import type { PostgresStore } from '../store/postgres.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { enqueueFiles, workQueue } from './import-queue.ts';
import { RejectsFile } from '../node/rejects-file.ts';

// PostgreSQL as in the store's contract suite: it must be reachable (the test fails, never skips).
const url = process.env.VERDICT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

describe('import queue on PostgreSQL', () => {
  it('two workers sharing one database never do the same batch, and every row is stored once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-queue-'));
    const file = join(dir, 'q.csv');
    const lines = ['title,critic,review'];
    for (let i = 0; i < 600; i++) lines.push(`Film ${i % 7},Critic ${i % 50},Review ${i} says it is ${i % 2 ? 'great' : 'poor'}.`);
    lines.push('Film 1,,', lines[5]!); // an empty text (rejected) and a repeated row
    writeFileSync(file, `${lines.join('\n')}\n`);
    const schema = `verdict_queue_${process.pid}_${Date.now() % 1e8}`;
    const a = await openStore(url, { schema });
    const b = await openStore(url, { schema });
    const pool = new AnalyzePool({ size: 0 });
    try {
      const rejects = new RejectsFile(join(dir, 'r.tsv'));
      const q = await enqueueFiles(a, [file], rejects, { reader: { maxBytes: 1 << 20 }, batchSize: 20 });
      expect(q).toEqual({ jobs: 31, rows: 602, rejected: 1 });
      const [wa, wb] = await Promise.all([
        workQueue(a, pool, rejects, { worker: 'a' }),
        workQueue(b, pool, rejects, { worker: 'b' }),
      ]);
      rejects.close();
      expect(wa.jobs.length).toBeGreaterThan(0);
      expect(wb.jobs.length).toBeGreaterThan(0);
      expect(wa.jobs.filter((j) => wb.jobs.includes(j))).toEqual([]);
      expect(wa.jobs.length + wb.jobs.length).toBe(31);
      expect(wa.analysed + wb.analysed).toBeLessThanOrEqual(601);
      expect(wa.inserted + wb.inserted).toBe(600);
      expect((await a.counts()).reviews).toBe(600);
      expect(await a.jobCounts('import')).toEqual({ pending: 0, claimed: 0 });
    } finally {
      await (a as PostgresStore).dropSchema().catch(() => undefined);
      await a.close();
      await b.close();
      await pool.close();
    }
  });
});
