/**
 * @module Readers: review files in (CSV/TSV, JSON Lines, gzip-compressed either, folders of .txt/.md/.html
 * reviews), rows or rejects out, in file order. Nothing here analyses or stores.
 */
import { createReadStream, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { decodeReview, formatBytes, readFileBounded } from '../read-input.ts';
import { readCsv } from './csv.ts';
import { readJsonDocument, readJsonl } from './jsonl.ts';
import type { ReadItem, ReaderOptions } from './types.ts';

export type { ReadItem, RejectItem, RowItem, ReaderOptions } from './types.ts';
export { parseColumnFlags, FIELDS, COLUMN_ALIASES, type SourceRow, type Field } from './columns.ts';

const REVIEW_EXT: Record<string, 'text' | 'markdown' | 'html'> = { '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html' };

/** The names of the rejects files `import` and `worker` write (skipped when a folder is walked). */
export const REJECTS_NAME = /^verdict-rejects.*\.tsv$/;

type Kind = 'csv' | 'tsv' | 'jsonl' | 'json' | 'review';

/** How a file is read, from its name (".gz" stripped): csv, tsv, jsonl, a single review, or null (not ours). */
export function fileKind(path: string): { kind: Kind; gzip: boolean } | null {
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = extname(base);
  if (ext === '.csv') return { kind: 'csv', gzip };
  if (ext === '.tsv' || ext === '.tab') return { kind: 'tsv', gzip };
  if (ext === '.jsonl' || ext === '.ndjson') return { kind: 'jsonl', gzip };
  if (ext === '.json') return { kind: 'json', gzip };
  if (!gzip && REVIEW_EXT[ext]) return { kind: 'review', gzip };
  return null;
}

/**
 * Every file an import of `paths` reads, in order: files as given, folders walked (sorted, recursively).
 * Links are followed, each real folder once: a link back to a folder being walked (a loop) and a link to nothing
 * (dangling, or itself a loop) stay in `files`, where readFile turns them into rejects, and the rest is imported.
 * So does a folder or file that cannot be read (no permission): one reject, and the walk goes on.
 */
export function listInputs(paths: readonly string[]): { files: string[]; ignored: string[]; missing: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const missing: string[] = [];
  const seenFiles = new Set<string>();
  const walking = new Set<string>(); // real folders on the current path (a link to one is a loop)
  const walked = new Set<string>();
  const id = (st: { dev: number; ino: number }): string => `${st.dev}:${st.ino}`;
  const walk = (dir: string, key: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      files.push(dir); // an unreadable folder: readFile reports it
      return;
    }
    walking.add(key);
    for (const name of names) {
      // Hidden files, and the rejects files imports write (`verdict-rejects….tsv`): not reviews.
      if (name.startsWith('.') || REJECTS_NAME.test(name)) continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        // A dangling link, a link loop (ELOOP) or a path the folder's permissions hide: readFile reports it.
        if (fileKind(p) || isLinkOrHidden(p)) files.push(p);
        continue;
      }
      const k = id(st);
      if (st.isDirectory()) {
        if (walking.has(k)) files.push(p); // a loop: reported, not followed
        else if (!walked.has(k)) walk(p, k);
      } else if (st.isFile()) {
        if (seenFiles.has(k)) continue; // the same file through another link
        seenFiles.add(k);
        (fileKind(p) ? files : ignored).push(p);
      }
    }
    walking.delete(key);
    walked.add(key);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, id(st));
    else files.push(p); // a file named explicitly is read even with an unusual extension (as CSV)
  }
  return { files, ignored, missing };
}

/** A link (whose target is missing or loops), or a path that cannot even be looked at (EACCES). */
function isLinkOrHidden(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return true;
  }
}

/** Size of a file for the progress bar; 0 for one that cannot be read (readFile reports it). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Why a listed path cannot be read as a file (a dangling link, a link loop), or null. */
function unreadable(path: string): ReadItem | null {
  const reject = (code: string, reason: string): ReadItem => ({ kind: 'reject', file: path, line: 0, code, reason });
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let target = '';
    try {
      target = readlinkSync(path);
    } catch {
      // not a link
    }
    if (code === 'ELOOP') return reject('E_LINK_LOOP', `a link that leads back to itself${target ? ` (-> ${target})` : ''}: not followed`);
    if (code === 'ENOENT' && target) return reject('E_BROKEN_LINK', `a link to ${target}, which does not exist`);
    return reject('E_READ', `cannot read the file: ${(e as Error).message}`);
  }
  if (st.isDirectory()) {
    try {
      readdirSync(path);
    } catch (e) {
      return reject('E_READ', `cannot read the folder: ${(e as Error).message}`);
    }
    return reject('E_LINK_LOOP', 'a link back to a folder that is being read (a loop): not followed');
  }
  return null;
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
  const bad = unreadable(path);
  if (bad) {
    yield bad;
    return;
  }
  const kind = fileKind(path) ?? { kind: 'csv' as const, gzip: false };
  if (kind.kind === 'review') {
    yield readReviewFile(path, options, REVIEW_EXT[extname(path).toLowerCase()]!);
    if (options.progress) options.progress.bytes = fileSize(path);
    return;
  }
  // For gzip the readers' own byte offsets are of the uncompressed stream: progress comes from the raw stream.
  const readerOptions: ReaderOptions = kind.gzip ? { ...options, progress: { bytes: 0 } } : options;
  if (kind.gzip && options.progress) options.progress.bytes = 0;
  const stream = open(path, kind.gzip, options.progress);
  try {
    if (kind.kind === 'jsonl') yield* readJsonl(stream, path, readerOptions);
    else if (kind.kind === 'json') yield* readJsonDocument(stream, path, readerOptions);
    else yield* readCsv(stream, path, kind.kind === 'tsv' && !options.delimiter ? { ...readerOptions, delimiter: '\t' } : readerOptions);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' || err.code === 'EISDIR' || err.code === 'EACCES') {
      yield { kind: 'reject', file: path, line: 0, code: 'E_READ', reason: `cannot read the file: ${err.message}` };
    } else throw e;
  } finally {
    stream.destroy();
  }
  if (options.progress) options.progress.bytes = fileSize(path);
}

function readReviewFile(path: string, options: ReaderOptions, format: 'text' | 'markdown' | 'html'): ReadItem {
  const size = statSync(path).size;
  if (size > options.maxBytes) {
    return { kind: 'reject', file: path, line: 0, code: 'E_TOO_LARGE', reason: `the file is ${formatBytes(size)}, over the ${formatBytes(options.maxBytes)} limit (raise it with --max-size)` };
  }
  try {
    const text = decodeReview(readFileBounded(path, options.maxBytes, 'the file'), { maxBytes: options.maxBytes, where: 'the file' });
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
