/**
 * One measured import for bench/import.ts, in its own process so that its time and peak memory (all threads)
 * are its own: reads a corpus file into a store through the ordinary import pipeline as `verdict import` runs
 * it (src/app/import-thread.ts), recomputes the consensus of the films it touched, and prints one JSON line of
 * figures.
 *
 *   node bench/import-child.ts --db URL [--workers N] [--no-consensus] FILE...   (a PostgreSQL schema: URL?schema=S)
 */
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { importInThread } from '../src/app/import-thread.ts';
import { DEFAULT_BATCH_SIZE } from '../src/app/import-reviews.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    workers: { type: 'string' },
    batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    rejects: { type: 'string', default: '/tmp/verdict-bench-rejects.tsv' },
    'no-consensus': { type: 'boolean', default: false },
  },
});

const t0 = performance.now();
const load0 = loadavg()[0]!;
let lastLog = 0;
let lastRows = 0;
// Rows/s over each 15 s window: the first and the last full windows tell whether the import slows as it grows.
const windows: number[] = [];
let importSeconds = 0;
// Resident memory (all threads) as each 50,000th row is written: flat means nothing per row is kept.
const residentMB: Record<string, number> = {};
let nextMark = 50_000;
// The import as `verdict import` runs it: on a thread of its own, then the consensus of the films it touched.
const s = await importInThread(
  {
    db: args.db,
    files: positionals,
    rejects: args.rejects,
    workers: args.workers === undefined ? undefined : Number(args.workers),
    reader: { maxBytes: 2 * 1024 * 1024 },
    batchSize: Number(args.batch),
    fileSizes: positionals.map((f) => statSync(f).size),
    consensus: !args['no-consensus'],
  },
  {
    onImported: () => (importSeconds = (performance.now() - t0) / 1000),
    onProgress: (p) => {
      const now = performance.now();
      if (p.rows >= nextMark) {
        residentMB[String(nextMark)] = Math.round(process.memoryUsage().rss / 1048576);
        process.stderr.write(`  resident at ${nextMark} rows: ${residentMB[String(nextMark)]} MB\n`);
        while (p.rows >= nextMark) nextMark += 50_000;
      }
      if (now - lastLog > 15_000) {
        const windowRate = lastLog === 0 ? NaN : (p.rows - lastRows) / ((now - lastLog) / 1000);
        if (lastLog !== 0) windows.push(Math.round(windowRate));
        lastLog = now;
        lastRows = p.rows;
        process.stderr.write(`  ${p.rows} rows, ${p.inserted} new, ${p.duplicates} known, ${Math.round(p.rows / ((now - t0) / 1000))} rows/s overall, ${Number.isNaN(windowRate) ? '-' : Math.round(windowRate)} rows/s in the last window, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
      }
    },
  },
);
const consensusSeconds = s.consensusSeconds;
process.stdout.write(`${JSON.stringify({
  rows: s.rows,
  inserted: s.inserted,
  duplicates: s.duplicates,
  rejected: s.rejected,
  films: s.films.length,
  consensusFilms: s.consensusFilms,
  importSeconds: +importSeconds.toFixed(1),
  consensusSeconds: +consensusSeconds.toFixed(1),
  totalSeconds: +(importSeconds + consensusSeconds).toFixed(1),
  rowsPerSecond: Math.round(s.rows / importSeconds),
  windowRates: windows,
  firstWindowRate: windows[0] ?? null,
  lastWindowRate: windows.at(-1) ?? null,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  residentMB,
  // CPU seconds of all threads (analysis workers included): the machine's other load does not change it.
  cpuSeconds: +((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1),
  // The importing thread alone (reading, ids, writes) until the rows are in: the rest is the analysis workers.
  importThreadCpuSeconds: +s.threadCpuSeconds.toFixed(1),
  loadAverage: [+load0.toFixed(1), +loadavg()[0]!.toFixed(1)],
})}\n`);
