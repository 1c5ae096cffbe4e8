/**
 * `verdict import FILE|DIR ...`: reviews from CSV/TSV, JSON Lines (gzip allowed) and folders of .txt/.md/.html
 * files into the store, analysed in a worker pool over all cores, written in batched transactions,
 * idempotent by content hash and resumable after a kill. Rejected rows go to a rejects file (file, line, reason).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openStore, storeUrl } from '../../store/open.ts';
import { fileSize, listInputs, parseColumnFlags, COLUMN_ALIASES, FIELDS } from '../../node/readers/index.ts';
import { DEFAULT_BATCH_SIZE, type ImportProgress, type ImportSummary } from '../../app/import-reviews.ts';
import { importInThread, type ThreadImportSummary } from '../../app/import-thread.ts';
import { RejectsFile } from '../../node/rejects-file.ts';
import { DEFAULT_MAX_BYTES, parseSize } from '../../node/read-input.ts';
import { enqueueFiles } from '../../app/import-queue.ts';
import { runWorker } from './worker.ts';
import { CliError, Exit, redactDatabase } from '../errors.ts';
import { optionParser } from '../output.ts';

interface ImportFlags {
  db?: string;
  film?: string;
  column: string[];
  delimiter?: string;
  rejects: string;
  workers?: number;
  batch: number;
  maxSize: number;
  progress: boolean;
  source?: string;
  consensus: boolean;
  queue?: boolean;
  enqueueOnly?: boolean;
  stdinFormat?: string;
  quiet?: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];
/** A bad `--column` is a usage error (64) naming the fields, found while the flags are read. */
const checkColumn = optionParser((v: string): string => (parseColumnFlags([v]), v));
const int = (name: string) => optionParser((v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} expects a whole number, got "${v}"`);
  return n;
});

/**
 * `import -`: standard input spooled to a temporary file (constant memory) named for its format, which is
 * --stdin-format or sniffed from the first byte ("{" → JSON Lines, else CSV). Returns the file and a cleanup.
 */
async function spoolStdin(format: string | undefined): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-stdin-'));
  const raw = join(dir, 'stdin');
  await pipeline(process.stdin, createWriteStream(raw));
  let kind = format?.toLowerCase();
  if (kind === undefined) {
    const { openSync, readSync, closeSync } = await import('node:fs');
    const fd = openSync(raw, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    if (n === 0) throw new CliError('standard input is empty: nothing to import (pipe CSV or JSON Lines into `verdict import -`)', Exit.NOTHING_STORED);
    const first = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart()[0];
    kind = first === '{' ? 'jsonl' : head.subarray(0, n).includes(0x09) && !head.subarray(0, n).includes(0x2c) ? 'tsv' : 'csv';
  }
  if (!['csv', 'tsv', 'jsonl'].includes(kind)) throw new CliError(`--stdin-format must be csv, tsv or jsonl, not "${format}"`, Exit.USAGE);
  const { renameSync } = await import('node:fs');
  const path = join(dir, `stdin.${kind}`);
  renameSync(raw, path);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An import in which no row was stored, new or already there, failed: say so, with the first reason, and exit non-zero. */
function nothingStored(summary: { rows: number; inserted: number; duplicates: number; rejected: number; firstReject?: ThreadImportSummary['firstReject'] }, rejectsPath: string | null): void {
  if (summary.inserted + summary.duplicates > 0) return;
  const first = summary.firstReject;
  // Line 0 is the file as a whole (a header without a text column): the reason stands for every row.
  const why = first ? `; ${first.line > 0 ? `first, ${first.file}:${first.line}: ` : `${first.file}: `}${first.reason}` : '';
  throw new CliError(
    summary.rows === 0 ? 'no reviews found in the input: nothing stored' : `nothing stored: all ${summary.rejected} row(s) rejected${why}${rejectsPath ? ` (all in ${rejectsPath})` : ''}`,
    Exit.NOTHING_STORED,
  );
}

interface RunImportOptions {
  paths: string[];
  db?: string | undefined;
  film?: string | undefined;
  columns?: string[] | undefined;
  delimiter?: string | undefined;
  rejects: string;
  workers?: number | undefined;
  batch?: number | undefined;
  maxSize?: number | undefined;
  progress?: boolean | undefined;
  source?: string | undefined;
  /** Recompute the consensus of the films the import touched (default true). */
  consensus?: boolean | undefined;
  /** Label for the progress bar and summary. */
  label?: string | undefined;
  /** No summary lines on stderr. */
  quiet?: boolean | undefined;
}

/** Run an import and print its summary (shared by `import` and `demo`). */
export async function runImport(o: RunImportOptions): Promise<ImportSummary & { rejectsPath: string | null; seconds: number; firstReject: ThreadImportSummary['firstReject'] }> {
  const columns = parseColumnFlags(o.columns ?? []);
  const { files, ignored, missing } = listInputs(o.paths);
  if (missing.length > 0) throw new CliError(`no such file or folder: ${missing.join(', ')} (check the path; - reads standard input)`, Exit.NO_INPUT);
  if (files.length === 0) throw new CliError(`nothing to import in ${o.paths.join(', ')} (looked for .csv, .tsv, .jsonl, .txt, .md, .html files)`, Exit.NO_INPUT);
  const say = (line: string): void => {
    if (!o.quiet) process.stderr.write(line);
  };
  if (ignored.length > 0) process.stderr.write(`verdict: ignoring ${ignored.length} file(s) of other kinds (e.g. ${ignored[0]})\n`);
  // The database is opened here first, so that a wrong URL or a missing database fails before any thread starts.
  const probe = await openStore(o.db);
  await probe.close();
  const started = performance.now();
  const label = o.label ?? 'import';
  const bar = o.progress !== false && !o.quiet && process.stderr.isTTY
    ? new cliProgress.SingleBar({
        format: `${label} |{bar}| {percentage}% | {rows} rows, {rate} rows/s | {inserted} new, {duplicates} known, {rejected} rejected | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      }, cliProgress.Presets.shades_classic)
    : null;
  const sizes = files.map(fileSize);
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  bar?.start(total, 0, { rows: 0, rate: 0, inserted: 0, duplicates: 0, rejected: 0 });
  const onProgress = (p: ImportProgress): void => {
    const s = (performance.now() - started) / 1000;
    bar?.update(Math.min(p.bytes, total), { rows: p.rows, rate: Math.round(p.rows / Math.max(s, 0.001)), inserted: p.inserted, duplicates: p.duplicates, rejected: p.rejected });
  };
  // SIGTERM/SIGINT: stop reading, finish and write the batches already read (each one transaction), then exit.
  const abort = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const stop = (sig: NodeJS.Signals): void => {
    signalled ??= sig;
    abort.abort();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  let seconds = 0;
  const onImported = (summary: ThreadImportSummary): void => {
    bar?.stop();
    seconds = (performance.now() - started) / 1000;
    // Named only when rows were rejected (a repeated row is listed there too, but counted as already stored).
    const rejectsPath = summary.rejectsCount > 0 && summary.rejected > 0 ? o.rejects : null;
    say(
      `verdict: ${label}: ${summary.inserted} new review(s) of ${summary.films.length} film(s), ${summary.duplicates} already stored, ` +
        `${summary.rejected} rejected${rejectsPath ? ` (file, line and reason in ${rejectsPath})` : ''}; ` +
        `${summary.rows} rows in ${seconds.toFixed(1)} s (${Math.round(summary.rows / Math.max(seconds, 0.001))} rows/s) into ${redactDatabase(storeUrl(o.db))}\n`,
    );
    if (summary.stopped) {
      process.stderr.write(`verdict: ${label}: stopped by ${signalled ?? 'a signal'} after ${summary.rows} rows, every batch read written whole; run the same command again to resume\n`);
      process.exitCode = signalled === 'SIGINT' ? 130 : 143;
    }
  };
  try {
    // The import runs on a thread of its own (src/app/import-thread.ts: a bounded young generation keeps its memory flat).
    const result = await importInThread(
      {
        db: o.db,
        files,
        rejects: o.rejects,
        workers: o.workers,
        reader: { maxBytes: o.maxSize ?? DEFAULT_MAX_BYTES, columns, film: o.film, delimiter: o.delimiter },
        batchSize: o.batch,
        source: o.source,
        fileSizes: sizes,
        consensus: o.consensus !== false,
      },
      { onProgress, onImported, signal: abort.signal },
    );
    if (o.consensus !== false) say(`verdict: ${label}: consensus recomputed for ${result.consensusFilms} film(s) in ${result.consensusSeconds.toFixed(1)} s\n`);
    const { rejectsCount, consensusFilms: _films, consensusSeconds: _seconds, threadCpuSeconds: _cpu, ...summary } = result;
    return { ...summary, rejectsPath: rejectsCount > 0 && summary.rejected > 0 ? o.rejects : null, seconds };
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    bar?.stop();
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import reviews (CSV/TSV, JSON Lines, .gz, folders of .txt/.md/.html) into the database, analysing each')
    .argument('<paths...>', 'files and folders to import, or - for standard input')
    .option('--db <url>', 'database: a SQLite file or postgres:// URL (default: DATABASE_URL, VERDICT_DB, ./verdict.db)')
    .option('--film <title>', "film of every review imported (a folder of one film's reviews)")
    .option('--column <field=name>', `read a field from a named column (repeatable; fields: ${FIELDS.join(', ')})`, (v: string, prev: string[]) => collect(checkColumn(v), prev), [])
    .option('--delimiter <char>', 'CSV delimiter (detected from the header when omitted)')
    // One rejects file per run (an earlier run's is kept); its path is printed when something is rejected.
    .option('--rejects <file>', 'where rejected rows are listed (file, line, code, reason)', `verdict-rejects-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.tsv`)
    .option('--workers <n>', 'analysis threads (default: one per core; 0 = none, analyse on the main thread)', int('--workers'))
    .option('--batch <n>', 'rows per analysis batch and write transaction', int('--batch'), DEFAULT_BATCH_SIZE)
    .option('--max-size <size>', 'largest review accepted (e.g. 2MB)', optionParser(parseSize), DEFAULT_MAX_BYTES)
    .option('--stdin-format <format>', 'for -: csv, tsv or jsonl (sniffed from the first byte when omitted)')
    .option('-q, --quiet', 'no progress bar or summary on stderr (failures still print one line)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--source <label>', "stored as each review's source (default: its file path)")
    .option('--no-progress', 'no progress bar')
    .option('--queue', 'queue the rows in the database in batches, then work on the queue (with any `verdict worker` sharing it)')
    .option('--enqueue-only', 'with --queue: only queue the rows; `verdict worker` processes do the rest')
    .option('--no-consensus', "don't recompute the touched films' consensus now (it is recomputed when first read)")
    .addHelpText('after', `
Columns are recognised by their usual names:
${FIELDS.map((f) => `  ${f.padEnd(12)}${COLUMN_ALIASES[f].join(', ')}`).join('\n')}
A review without a film gets the film the analyser finds in its text; a review with neither is rejected.

Importing the same rows again adds nothing (reviews are identified by a hash of film, critic and text), and an
import that was interrupted, even killed, finishes the job when run again.

Examples:
  verdict import reviews.csv
  verdict import export.jsonl.gz --column text=body --column film=movie
  verdict import reviews/ballerina/ --film "Ballerina"
  verdict export | verdict import - --db other.db

An import that stores nothing (every row rejected, or no rows) exits with status 65.`)
    .action(async (given: string[], flags: ImportFlags) => {
      let cleanup = (): void => {};
      const paths = [...given];
      const dash = paths.indexOf('-');
      if (dash >= 0) {
        const spooled = await spoolStdin(flags.stdinFormat);
        cleanup = spooled.cleanup;
        paths[dash] = spooled.path;
        flags.source ??= 'stdin';
      }
      try {
        await importAction(paths, flags);
      } finally {
        cleanup();
      }
    });
}

async function importAction(paths: string[], flags: ImportFlags): Promise<void> {
  if (flags.queue || flags.enqueueOnly) {
    const { files, missing } = listInputs(paths);
    if (missing.length > 0) throw new CliError(`no such file or folder: ${missing.join(', ')} (check the path; - reads standard input)`, Exit.NO_INPUT);
    const store = await openStore(flags.db);
    const rejects = new RejectsFile(flags.rejects);
    try {
      const q = await enqueueFiles(store, files, rejects, { reader: { maxBytes: flags.maxSize, columns: parseColumnFlags(flags.column), film: flags.film, delimiter: flags.delimiter }, batchSize: flags.batch, source: flags.source });
      if (!flags.quiet) process.stderr.write(`verdict: import: ${q.rows} rows read, ${q.jobs} batch(es) queued, ${q.rejected} rejected${q.rejected ? ` (see ${rejects.path})` : ''}\n`);
      if (q.jobs === 0) throw new CliError(q.rows === 0 ? 'no reviews found in the input: nothing queued' : `nothing queued: all ${q.rejected} row(s) rejected (see ${rejects.path})`, Exit.NOTHING_STORED);
    } finally {
      rejects.close();
      await store.close();
    }
    if (!flags.enqueueOnly) await runWorker({ db: flags.db, workers: flags.workers, rejects: `${flags.rejects}.worker`, consensus: flags.consensus, label: 'import' });
    return;
  }
  const summary = await runImport({ paths, db: flags.db, film: flags.film, columns: flags.column, delimiter: flags.delimiter, rejects: flags.rejects, workers: flags.workers, batch: flags.batch, maxSize: flags.maxSize, progress: flags.progress, source: flags.source, consensus: flags.consensus, quiet: flags.quiet || flags.json });
  if (flags.json) {
    const { rows, inserted, duplicates, rejected, films, rejectsPath, seconds } = summary;
    process.stdout.write(`${JSON.stringify({ rows, created: inserted, duplicates, rejected, films, rejects: rejectsPath, seconds: Math.round(seconds * 1000) / 1000 })}\n`);
  }
  nothingStored(summary, summary.rejectsPath);
}
