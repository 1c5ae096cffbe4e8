/**
 * @module Readers: review files in (CSV/TSV, JSON Lines, gzip-compressed either, folders of .txt/.md/.html
 * reviews), rows or rejects out, in file order. Nothing here analyses or stores.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { decodeReview, formatBytes } from '../read-input.ts';
import { readCsv } from './csv.ts';
import { readJsonl } from './jsonl.ts';
import type { ReadItem, ReaderOptions } from './types.ts';

export type { ReadItem, RejectItem, RowItem, ReaderOptions } from './types.ts';
export { parseColumnFlags, FIELDS, COLUMN_ALIASES, type SourceRow, type Field } from './columns.ts';

const REVIEW_EXT: Record<string, 'text' | 'markdown' | 'html'> = { '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html' };

type Kind = 'csv' | 'tsv' | 'jsonl' | 'review';

/** How a file is read, from its name (".gz" stripped): csv, tsv, jsonl, a single review, or null (not ours). */
export function fileKind(path: string): { kind: Kind; gzip: boolean } | null {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = extname(base);
  if (ext === '.csv') return { kind: 'csv', gzip };
  if (ext === '.tsv' || ext === '.tab') return { kind: 'tsv', gzip };
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return { kind: 'jsonl', gzip };
  if (!gzip && REVIEW_EXT[ext]) return { kind: 'review', gzip };
  return null;
}

/** Every file an import of `paths` reads, in order: files as given, folders walked (sorted, recursively). */
export function listInputs(paths: readonly string[]): { files: string[]; ignored: string[]; missing: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) (fileKind(p) ? files : ignored).push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p); // a file named explicitly is read even with an unusual extension (as CSV)
  }
  return { files, ignored, missing };
}

function open(path: string, gzip: boolean, progress?: { bytes: number }): Readable {
  const raw = createReadStream(path);
  if (!gzip) return raw;
  // Progress counts compressed bytes read, so it compares with the file size.
  if (progress) raw.on('data', (c) => (progress.bytes += c.length));
  return raw.pipe(createGunzip());
}

/** Read one file: rows and rejects in file order. */
export async function* readFile(path: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const kind = fileKind(path) ?? { kind: 'csv' as const, gzip: false };
  if (kind.kind === 'review') {
    yield readReviewFile(path, options, REVIEW_EXT[extname(path).toLowerCase()]!);
    if (options.progress) options.progress.bytes = statSync(path).size;
    return;
  }
  // For gzip the readers' own byte offsets are of the uncompressed stream: progress comes from the raw stream.
  const readerOptions: ReaderOptions = kind.gzip ? { ...options, progress: { bytes: 0 } } : options;
  if (kind.gzip && options.progress) options.progress.bytes = 0;
  const stream = open(path, kind.gzip, options.progress);
  try {
    if (kind.kind === 'jsonl') yield* readJsonl(stream, path, readerOptions);
    else yield* readCsv(stream, path, kind.kind === 'tsv' && !options.delimiter ? { ...readerOptions, delimiter: '\t' } : readerOptions);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' || err.code === 'EISDIR' || err.code === 'EACCES') {
      yield { kind: 'reject', file: path, line: 0, code: 'E_READ', reason: `cannot read the file: ${err.message}` };
    } else throw e;
  } finally {
    stream.destroy();
  }
  if (options.progress) options.progress.bytes = statSync(path).size;
}

function readReviewFile(path: string, options: ReaderOptions, format: 'text' | 'markdown' | 'html'): ReadItem {
  const size = statSync(path).size;
  if (size > options.maxBytes) {
    return { kind: 'reject', file: path, line: 0, code: 'E_TOO_LARGE', reason: `the file is ${formatBytes(size)}, over the ${formatBytes(options.maxBytes)} limit (raise it with --max-size)` };
  }
  try {
    const text = decodeReview(readFileSync(path), { maxBytes: options.maxBytes, where: 'the file' });
    const row: ReadItem = { kind: 'row', file: path, line: 1, row: { text, format } };
    if (options.film) row.row.film = options.film;
    return row;
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { kind: 'reject', file: path, line: 0, code: err.code ?? 'E_READ', reason: err.message };
  }
}

/** Read every input in order. */
export async function* readInputs(files: readonly string[], options: ReaderOptions): AsyncGenerator<ReadItem> {
  for (const f of files) yield* readFile(f, options);
}
