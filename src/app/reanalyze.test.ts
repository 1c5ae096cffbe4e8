import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { AnalyzePool } from '../node/pool/pool.ts';
import { reanalyzeStore, currentCardVersion } from './reanalyze.ts';
import { RejectsFile } from '../node/rejects-file.ts';
import { importFiles } from './import-reviews.ts';

describe('reanalyzeStore', () => {
  it('brings every card made by another version (or missing) to the current one, and then finds nothing to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-reanalyze-'));
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => JSON.stringify({ title: `Film ${i % 4}`, text: `Review ${i}: ${i % 2 ? 'wonderful and moving' : 'dreary and dull'}.` })).join('\n'));
    const db = join(dir, 'r.db');
    const pool = new AnalyzePool({ size: 0 });
    const store = await openStore(db);
    try {
      const rejects = new RejectsFile(join(dir, 'rejects.tsv'));
      await importFiles(store, [file], pool, rejects, { reader: { maxBytes: 1 << 20 } });
      const version = currentCardVersion(pool.localModel);
      // An older model made some cards; some reviews have none.
      const conn = new DatabaseSync(db);
      conn.exec(`UPDATE reviews SET model_version = 'old+v0', card = json_set(card, '$.version', 'old+v0') WHERE rowid % 3 = 0`);
      conn.exec('UPDATE reviews SET model_version = NULL, card = NULL WHERE rowid % 3 = 1');
      conn.close();
      expect((await store.staleReviewIds(version, 100)).length).toBe(20);
      const s = await reanalyzeStore(store, pool, { batchSize: 7 });
      expect(s).toEqual({ updated: 20, failed: 0, version });
      expect(await store.staleReviewIds(version, 100)).toEqual([]);
      const page = await store.listReviews({ limit: 100 });
      expect(page.items.every((r) => r.card?.version === version && r.modelVersion === version && r.card.text.startsWith('Review'))).toBe(true);
      expect((await reanalyzeStore(store, pool)).updated).toBe(0);
    } finally {
      await store.close();
      await pool.close();
    }
  });
});
