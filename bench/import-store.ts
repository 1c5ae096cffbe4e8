/**
 * The SQLite store's share of an import, without the analysis: rows of an import corpus (bench/import.ts) written
 * by `putReviews` in batches as `importFiles` writes them (ids looked up first, then one transaction), each with
 * the same 1 KB card. Prints the store's CPU time per row (this thread's, so the machine's other load counts
 * little) and resident memory for each window of 10,000 rows, to see whether writes slow as the file grows.
 * `--pragma` runs a statement on the store's connection first; run two at once, with and without, for an A/B
 * under the same load.
 *
 *   node bench/import-store.ts --db /tmp/s.db [--rows 80000] [--batch 1000] [--pragma "PRAGMA …"] FILE
 */
import { parseArgs } from 'node:util';
import type { DatabaseSync } from 'node:sqlite';
import { readInputs } from '../src/node/readers/index.ts';
import { openStore } from '../src/store/open.ts';
import { filmKey, reviewId } from '../src/store/ids.ts';
import type { NewReview } from '../src/store/store.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string' }, rows: { type: 'string', default: '80000' }, batch: { type: 'string', default: '1000' }, pragma: { type: 'string' } },
});
const limit = Number(args.rows);
const batchSize = Number(args.batch);
const store = await openStore(args.db);
if (args.pragma) (store as unknown as { conn: DatabaseSync }).conn.exec(args.pragma);
const card = JSON.stringify({ version: 'bench', text: 'x'.repeat(1000) });
const cpuMs = (): number => {
  const c = process.threadCpuUsage();
  return (c.user + c.system) / 1000;
};

let batch: NewReview[] = [];
let rows = 0;
let storeMs = 0;
const windows: { rows: number; storeMsPerRow: number; rssMB: number }[] = [];
const flush = async (): Promise<void> => {
  if (batch.length === 0) return;
  const t = cpuMs();
  await store.existingReviewIds(batch.map((r) => r.id!));
  await store.putReviews(batch);
  storeMs += cpuMs() - t;
  batch = [];
};
for await (const item of readInputs(positionals, { maxBytes: 2 * 1024 * 1024 })) {
  if (item.kind !== 'row' || !item.row.film) continue;
  const row = item.row;
  const title = item.row.film;
  const key = filmKey(title);
  batch.push({
    id: reviewId(key, row.critic, row.text),
    film: { title, key, year: row.year ?? null, franchise: null },
    critic: row.critic ?? null,
    publication: row.publication ?? null,
    date: row.date ?? null,
    url: null,
    text: row.text,
    rawRating: row.rating ?? null,
    rating: null,
    label: row.label ?? null,
    topCritic: row.topCritic ?? false,
    card: { json: card, version: 'bench' },
    source: item.file,
  });
  if (batch.length >= batchSize) await flush();
  if (++rows % 10_000 === 0) {
    windows.push({ rows, storeMsPerRow: +(storeMs / 10_000).toFixed(3), rssMB: Math.round(process.memoryUsage().rss / 1048576) });
    process.stderr.write(`${JSON.stringify(windows.at(-1))}\n`);
    storeMs = 0;
  }
  if (rows >= limit) break;
}
await flush();
await store.close();
process.stdout.write(`${JSON.stringify({ pragma: args.pragma ?? null, batch: batchSize, windows })}\n`);
