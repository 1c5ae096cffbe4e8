/**
 * @module Use case: import reviews, the one pipeline for files, streams, queued batches and API bodies:
 * rows → content-hash ids → skip rows already stored → analysis (worker pool or this thread) → batched
 * transactional writes through the Store. One film-key rule (`filmKey`, and a year-less title joins the one
 * stored film of its key), one dedupe (the content hash). Rows are written whole or not at all (one transaction
 * per batch), so importing a file twice adds nothing and an import killed at any point, run again, finishes
 * with every row exactly once.
 */
import { textProblem, type Model } from '../analyze/index.ts';
import { analyzeJobs, toStored, type AnalyzeJob, type AnalyzeResult, type CardHead, type StoredResult } from '../node/pool/jobs.ts';
import { readInputs, type ReadItem, type ReaderOptions, type RejectItem, type RowItem, type SourceRow } from '../node/readers/index.ts';
import { filmKey, reviewId } from '../store/ids.ts';
import type { NewFilm, NewReview, Store } from '../store/store.ts';
import type { IndexFilmRecord } from '../analyze/entities/film-record.ts';

/** What analyses batches: the worker pool (`AnalyzePool`), or `inlineAnalyzer` on this thread. */
export interface Analyzer {
  /** Threads analysing at once (0: this thread); sets how many batches are in flight. */
  readonly size: number;
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]>;
  /** Cards for the store (each one's head, and its JSON made where it was analysed); else `analyze` is used. */
  analyzeStored?(jobs: AnalyzeJob[]): Promise<StoredResult[]>;
}

/** Analysis on the calling thread (the API's writes, small imports). */
function inlineAnalyzer(model: Model): Analyzer {
  return { size: 0, analyze: async (jobs) => analyzeJobs(jobs, model) };
}

/** Runs writes one at a time, in the order asked (analysis runs ahead in parallel; the store takes one batch at a time). */
export function oneAtATime(): <T>(fn: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const w = last.then(fn);
    last = w.catch(() => undefined);
    return w;
  };
}

/** Where rejected rows go (the CLI's rejects file, the API's answer). */
export interface RejectSink {
  write(r: Pick<RejectItem, 'file' | 'line' | 'code' | 'reason'>): void;
}

type ImportStore = Pick<Store, 'putReviews' | 'existingReviewIds' | 'findFilmsByTitle' | 'addChronology'>;

export interface ImportProgress {
  /** Bytes of input read so far (all files). */
  bytes: number;
  totalBytes: number;
  /** Rows read (good and rejected). */
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Rows per analysis batch and write transaction unless told: 1,000,000 rows took 145 s at 1,000 against 156 s at
 * 500, and 2,000 passed the 600 MB memory target (`npm run bench -- import --batch N`).
 */
export const DEFAULT_BATCH_SIZE = 1000;

interface ImportOptions {
  /** Rows per analysis batch and write transaction (default `DEFAULT_BATCH_SIZE`). */
  batchSize?: number | undefined;
  /** Free text stored as each review's source (default: its file path). */
  source?: string | undefined;
  /** Called after each written batch. */
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Size of each input file, in order, for progress (default: unknown, 0). */
  fileSizes?: number[] | undefined;
  /** Bytes of the current file read so far, updated by the readers (for progress). */
  progress?: { bytes: number } | undefined;
  /** Stop reading when aborted (SIGTERM): the batches already read are finished and written, then it returns. */
  signal?: AbortSignal | undefined;
}

export interface ImportSummary extends ImportProgress {
  /** Ids of the films that gained reviews. */
  films: string[];
  /** True when `signal` stopped the import before the end of its input (run it again to resume). */
  stopped?: boolean;
}

interface Prepared {
  item: RowItem;
  id: string | null;
}

/** Import files (read by `src/node/readers`) into a store. Rejects go to `rejects`; returns the counts and the films touched. */
export function importFiles(
  store: ImportStore,
  files: readonly string[],
  pool: Analyzer,
  rejects: RejectSink,
  options: ImportOptions & { reader: Omit<ReaderOptions, 'progress'> },
): Promise<ImportSummary> {
  const progress = { bytes: 0 };
  return importRows(store, readInputs(files, { ...options.reader, progress }), pool, rejects, { ...options, progress });
}

/** Import rows and rejects from any reader, in order. */
async function importRows(store: ImportStore, items: AsyncIterable<ReadItem>, pool: Analyzer, rejects: RejectSink, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const sizes = options.fileSizes ?? [];
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const progress = options.progress ?? { bytes: 0 };
  let doneBytes = 0;
  let fileIndex = -1;
  let currentFile = '';
  const state: ImportProgress = { bytes: 0, totalBytes, rows: 0, inserted: 0, duplicates: 0, rejected: 0 };
  const films = new Set<string>();
  const maxInFlight = Math.max(2, pool.size * 2);
  // Constant memory: film years in a bounded cache (a miss asks the store), repeated rows looked for among the
  // batches not yet written (a repeat of a row already written is found in the store, counted as a duplicate).
  const years = new BoundedMap<string, number | null>(20_000);
  const seen = new RecentIds(maxInFlight + 2);
  const inFlight: Promise<void>[] = [];
  const serialize = oneAtATime();
  let failure: unknown = null;

  const report = (): void => {
    state.bytes = doneBytes + progress.bytes;
    options.onProgress?.({ ...state });
  };

  const reject = (file: string, line: number, code: string, reason: string): void => {
    rejects.write({ file, line, code, reason });
    if (code !== 'E_DUPLICATE') state.rejected++; // repeated rows are listed, and counted as duplicates
  };

  const handle = async (batch: RowItem[]): Promise<void> => {
    const r = await storeBatch(store, pool, batch, {
      reject: (item, code, reason) => reject(item.file, item.line, code, reason),
      source: options.source,
      years,
      seen,
      serialize,
    });
    state.inserted += r.inserted;
    state.duplicates += r.duplicates + r.repeated;
    for (const f of r.films) films.add(f);
    report();
  };

  let batch: RowItem[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    const p = handle(b).catch((e: unknown) => {
      failure ??= e;
    });
    seen.rotate();
    inFlight.push(p);
    if (inFlight.length >= maxInFlight) await inFlight.shift();
    if (failure) throw failure;
  };

  let stopped = false;
  for await (const item of items) {
    if (options.signal?.aborted) {
      stopped = true;
      break;
    }
    if (item.file !== currentFile) {
      if (fileIndex >= 0) doneBytes += sizes[fileIndex] ?? 0;
      fileIndex++;
      currentFile = item.file;
    }
    state.rows++;
    if (item.kind === 'reject') {
      reject(item.file, item.line, item.code, item.reason);
      continue;
    }
    batch.push(item);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (stopped) {
    report();
    return { ...state, bytes: state.bytes, films: [...films], stopped };
  }
  doneBytes = totalBytes;
  progress.bytes = 0;
  report();
  return { ...state, bytes: totalBytes, films: [...films] };
}

/** A Map that forgets its oldest entry past `max` entries (a bounded cache). */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;
  constructor(max: number) {
    super();
    this.max = max;
  }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/** The ids of the last `generations` batches (one Set each, the oldest dropped on `rotate`). */
export class RecentIds {
  readonly #sets: Set<string>[] = [new Set()];
  readonly #generations: number;
  constructor(generations: number) {
    this.#generations = Math.max(1, generations);
  }
  has(id: string): boolean {
    return this.#sets.some((s) => s.has(id));
  }
  add(id: string): this {
    this.#sets[this.#sets.length - 1]!.add(id);
    return this;
  }
  /** Start the next batch's generation. */
  rotate(): void {
    this.#sets.push(new Set());
    if (this.#sets.length > this.#generations) this.#sets.shift();
  }
}

interface BatchResult {
  inserted: number;
  /** Rows already stored before this import: skipped. */
  duplicates: number;
  /** Rows repeating an earlier row of this import (reported as E_DUPLICATE). */
  repeated: number;
  /** Rows analysed in this batch. */
  analysed: number;
  films: string[];
  /** Ids of the rows stored now, then of those already stored. */
  ids: string[];
}

/** A 32-hex-digit id as 8 UTF-16 code units: the same 128 bits in a quarter of the characters. */
export function packId(id: string): string {
  let out = '';
  for (let k = 0; k < id.length; k += 4) out += String.fromCharCode(Number.parseInt(id.slice(k, k + 4), 16));
  return out;
}

interface BatchOptions {
  reject: (item: RowItem, code: string, reason: string) => void;
  source?: string | undefined;
  /**
   * Year of the stored film per title key, for rows that give none (so "Toy Story 4" joins "Toy Story 4 (2019)"
   * when that is the only film of that key); filled as the import goes.
   */
  years?: Map<string, number | null> | undefined;
  /** Ids of the recent rows of this import, whole (128 bits packed into 8 UTF-16 units), to report repeated rows. */
  seen?: { has(id: string): boolean; add(id: string): unknown } | undefined;
  /** Runs the write; importers pass a chain so that writes happen one at a time. */
  serialize?: (<T>(fn: () => Promise<T>) => Promise<T>) | undefined;
  /** Told each stored row's fate once written: created now, or already stored (the API answers per row). */
  onRow?: ((item: RowItem, id: string, status: 'created' | 'duplicate') => void) | undefined;
}

/**
 * One batch: ids for the rows that name their film, rows already stored skipped without analysis, the rest
 * analysed in the pool and written in one transaction. Shared by `importFiles` and the queue workers.
 */
export async function storeBatch(store: ImportStore, pool: Analyzer, batch: readonly RowItem[], options: BatchOptions): Promise<BatchResult> {
  const seen = options.seen;
  let repeated = 0;
  // A row repeating an earlier row of this import is reported by its line, and stored once.
  const repeats = (item: RowItem, id: string): boolean => {
    if (!seen) return false;
    // The whole id, not a prefix: two distinct reviews never pass for one (48 bits would collide at ten million rows).
    const h = packId(id);
    if (!seen.has(h)) {
      seen.add(h);
      return false;
    }
    options.reject(item, 'E_DUPLICATE', 'the same film, critic and text as an earlier row of this import: stored once');
    repeated++;
    return true;
  };
  const prepared: Prepared[] = [];
  for (const item of batch) {
    const id = item.row.film ? reviewId(filmKey(item.row.film), item.row.critic, item.row.text) : null;
    if (!id || !repeats(item, id)) prepared.push({ item, id });
  }
  const known = await store.existingReviewIds(prepared.flatMap((p) => (p.id ? [p.id] : [])));
  const todo = prepared.filter((p) => !(p.id && known.has(p.id)));
  const knownIds = prepared.flatMap((p) => (p.id && known.has(p.id) ? [p.id] : []));
  const skippedKnown = prepared.length - todo.length;
  const jobs = todo.map(({ item: { row } }): AnalyzeJob => ({ text: row.text, title: row.film, rating: row.rating, format: row.format, year: row.year }));
  const results = !jobs.length ? [] : pool.analyzeStored ? await pool.analyzeStored(jobs) : (await pool.analyze(jobs)).map(toStored);
  const rows: NewReview[] = [];
  const rowItems: RowItem[] = [];
  const chronology: { card: CardHead; id: string }[] = [];
  const years = options.years ?? new Map<string, number | null>();
  const yearOf = async (title: string, key: string): Promise<number | null> => {
    let y = years.get(key);
    if (y === undefined) {
      const films = await store.findFilmsByTitle(title, key);
      y = films.length === 1 ? films[0]!.year : null;
      years.set(key, y);
    }
    return y;
  };
  for (let i = 0; i < todo.length; i++) {
    const p = todo[i]!;
    const r = results[i]!;
    const { row, file } = p.item;
    if ('error' in r) {
      options.reject(p.item, r.error.code, r.error.message);
      continue;
    }
    const card = r.head;
    const title = row.film ?? card.film?.title;
    if (!title) {
      options.reject(p.item, 'E_NO_FILM', 'no film title: give a title column or --film, or a review that names its film');
      continue;
    }
    if (!row.film && r.peopleTitle) {
      options.reject(p.item, 'E_NO_FILM', `the title read from the text, "${title}", is people's names, not a film: give a title column or --film`);
      continue;
    }
    const key = row.film ? filmKey(row.film) : card.film?.key || filmKey(title);
    const id = p.id ?? reviewId(key, row.critic, row.text);
    if (!p.id && repeats(p.item, id)) continue;
    rows.push({
      id,
      film: r.film ? indexFilm(r.film) : { title, key, year: row.year ?? (await yearOf(title, key)), franchise: row.franchise ?? card.film?.franchise ?? null },
      critic: row.critic ?? null,
      publication: row.publication ?? null,
      date: row.date ?? null,
      url: row.url ?? null,
      text: row.text,
      rawRating: row.rating ?? null,
      rating: card.rating ? card.rating.normalized : null,
      label: row.label ?? null,
      topCritic: row.topCritic ?? false,
      card: { json: r.json, version: card.version },
      source: options.source ?? file,
    });
    rowItems.push(p.item);
    if (card.chronology.length > 0) chronology.push({ card, id });
  }
  const write = async (): Promise<BatchResult> => {
    const res = await store.putReviews(rows);
    if (chronology.length > 0) await addChronology(store, rows, chronology, new Set(res.inserted));
    if (options.onRow) {
      const created = new Set(res.inserted);
      for (const p of prepared) if (p.id && known.has(p.id)) options.onRow(p.item, p.id, 'duplicate');
      rows.forEach((row, i) => options.onRow!(rowItems[i]!, row.id!, created.has(row.id!) ? 'created' : 'duplicate'));
    }
    return {
      inserted: res.inserted.length,
      duplicates: skippedKnown + res.duplicates.length,
      repeated,
      analysed: todo.length,
      films: res.films,
      ids: [...res.inserted, ...knownIds, ...res.duplicates],
    };
  };
  return options.serialize ? options.serialize(write) : write();
}

/**
 * The stored film of a review linked to the film index: the index's title, year and series (the franchise and
 * its order), and what the index says of it. One index film is one stored film, whatever title the row wrote.
 */
export function indexFilm(f: IndexFilmRecord): NewFilm {
  return {
    title: f.title,
    key: filmKey(f.title),
    year: f.year,
    franchise: f.series,
    position: f.order,
    index: { id: f.id, directors: f.directors, writers: f.writers, cast: f.cast, genres: f.genres },
  };
}

/** Chronology edges the new cards state, between films already in the store. */
async function addChronology(store: ImportStore, rows: NewReview[], found: { card: CardHead; id: string }[], inserted: Set<string>): Promise<void> {
  const byId = new Map(rows.map((r) => [r.id!, r]));
  for (const { card, id } of found) {
    if (!inserted.has(id)) continue;
    const row = byId.get(id)!;
    const [self] = await store.findFilmsByTitle(row.film.title, row.film.key);
    if (!self) continue;
    for (const edge of card.chronology) {
      const [other] = await store.findFilmsByTitle(edge.other, edge.otherKey);
      if (other && other.id !== self.id) await store.addChronology([{ fromFilmId: self.id, toFilmId: other.id, relation: edge.relation, reviewId: id }]);
    }
  }
}

/** One row's fate, by its line (1-based position in the input). */
export type RowOutcome = { line: number; status: 'created' | 'duplicate'; id: string } | { line: number; status: 'rejected'; reason: string; code: string };

/** What an import of a few rows did (the API's answer). */
export interface RowsResult {
  imported: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  /** Ids of the created and duplicate rows, in input order. */
  ids: string[];
  /** Every row's outcome, in input order. */
  results: RowOutcome[];
}

/**
 * Import a few rows at once (an API body): one batch through the same pipeline as files, analysed on this thread.
 * `line` numbers the rows from 1 in the rejects.
 */
export async function importReviewRows(
  store: ImportStore,
  model: Model,
  rows: readonly SourceRow[],
  options: { source?: string | undefined; /** Default: this thread. */ analyzer?: Analyzer | undefined } = {},
): Promise<RowsResult> {
  const rejected: { line: number; reason: string }[] = [];
  const outcomes = new Map<number, RowOutcome>();
  const items: RowItem[] = [];
  rows.forEach((row, i) => {
    // The text checks of the file readers (NUL, lone surrogates, binary), field by field: a reject, never a 500.
    for (const [field, v] of Object.entries(row)) {
      const bad = typeof v === 'string' ? textProblem(v, field === 'text' ? 'the review text' : `field ${field}`) : null;
      if (bad) {
        rejected.push({ line: i + 1, reason: `${bad.message} [${bad.code}]` });
        outcomes.set(i + 1, { line: i + 1, status: 'rejected', reason: bad.message, code: bad.code });
        return;
      }
    }
    items.push({ kind: 'row', file: options.source ?? 'api', line: i + 1, row });
  });
  const seen = new Set<string>();
  const r = await storeBatch(store, options.analyzer ?? inlineAnalyzer(model), items, {
    reject: (item, code, reason) => {
      if (code === 'E_DUPLICATE') {
        // A row repeating an earlier row of the same body: the earlier row's id.
        const id = reviewId(filmKey(item.row.film ?? ''), item.row.critic, item.row.text);
        outcomes.set(item.line, { line: item.line, status: 'duplicate', id });
        return;
      }
      rejected.push({ line: item.line, reason: `${reason} [${code}]` });
      outcomes.set(item.line, { line: item.line, status: 'rejected', reason, code });
    },
    onRow: (item, id, status) => outcomes.set(item.line, { line: item.line, status, id }),
    source: options.source ?? 'api',
    seen,
  });
  const results = [...outcomes.values()].sort((a, b) => a.line - b.line);
  const ids = results.flatMap((o) => (o.status === 'rejected' ? [] : [o.id]));
  const duplicates = results.filter((o) => o.status === 'duplicate').length;
  return { imported: r.inserted, duplicates, rejected, ids, results };
}
