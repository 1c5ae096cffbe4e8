/**
 * Column recognition for tabular review exports (CSV, JSON Lines): which source column holds the text,
 * the film, the critic… by their usual names, overridable by `--column field=name`; and the normalisation of
 * each cell (labels, booleans, dates, years) into a `SourceRow`.
 */
import { textProblem } from '../../analyze/text/validate.ts';
import { parseReviewDate } from '../dates.ts';
import { COLUMN_ALIASES, columnKey, FIELDS, type Field } from './column-names.ts';

export { COLUMN_ALIASES, columnKey, FIELDS, type Field };

/** One review as read from a source, before analysis. Only `text` is required. */
export interface SourceRow {
  text: string;
  film?: string;
  year?: number;
  critic?: string;
  publication?: string;
  /** Human fresh/rotten label (true = fresh). */
  label?: boolean;
  /** The critic's own rating as written ("3/5", "B+"). */
  rating?: string;
  /** `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`). */
  date?: string;
  topCritic?: boolean;
  url?: string;
  franchise?: string;
  format?: 'text' | 'markdown' | 'html';
}

/** Parse repeated `--column field=name` flags into a mapping; throws on an unknown field. */
export function parseColumnFlags(flags: readonly string[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new Error(`--column expects field=column, got "${flag}" (fields: ${FIELDS.join(', ')})`);
    const field = flag.slice(0, eq).trim();
    const fieldName = FIELDS.find((f) => f.toLowerCase() === field.toLowerCase() || columnKey(f) === columnKey(field));
    if (!fieldName) throw new Error(`--column: unknown field "${field}" (fields: ${FIELDS.join(', ')})`);
    out[fieldName] = flag.slice(eq + 1);
  }
  return out;
}

/** Where each field is in a header: the column index per field (absent when the source has none). */
export type ColumnMap = Partial<Record<Field, number>>;

/**
 * Match a header against the aliases (explicit mappings first). A mapping naming a column the header
 * lacks is an error, so a typo does not silently import nothing.
 */
export function resolveColumns(header: readonly string[], mapping: Partial<Record<Field, string>> = {}): ColumnMap {
  const keys = header.map(columnKey);
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const field of FIELDS) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    let i = header.indexOf(wanted);
    if (i < 0) i = keys.indexOf(columnKey(wanted));
    if (i < 0) throw new Error(`--column ${field}=${wanted}: no column "${wanted}" (columns: ${header.join(', ')})`);
    map[field] = i;
    taken.add(i);
  }
  for (const field of FIELDS) {
    if (map[field] !== undefined) continue;
    for (const alias of COLUMN_ALIASES[field]) {
      const i = keys.indexOf(alias);
      if (i >= 0 && !taken.has(i)) {
        map[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return map;
}

/** Describe a column map for messages: "text=review_content, film=movie_title, …". */
export function describeColumns(header: readonly string[], map: ColumnMap): string {
  return FIELDS.filter((f) => map[f] !== undefined).map((f) => `${f}=${header[map[f]!]}`).join(', ');
}

const FRESH = new Set(['fresh', 'true', '1', 'yes', 'y', 'pos', 'positive', 'certified_fresh', 'certified fresh', 't']);
const ROTTEN = new Set(['rotten', 'false', '0', 'no', 'n', 'neg', 'negative', 'f']);

/** A fresh/rotten label from its usual spellings; undefined when absent or not recognised. */
export function parseLabel(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (FRESH.has(s)) return true;
  if (ROTTEN.has(s)) return false;
  return undefined;
}

/** A boolean cell ("True", "1", "yes", true); undefined when absent or not recognised. */
export function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 't'].includes(s)) return true;
  if (['false', '0', 'no', 'n', 'f', ''].includes(s)) return false;
  return undefined;
}

/** A date as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) through `parseReviewDate` (date-fns, explicit formats); undefined when not a date. */
export function parseDate(v: unknown): string | undefined {
  const r = parseReviewDate(v);
  return r && 'date' in r ? r.date : undefined;
}

/** A plausible release year (1870–2100) from a number or a string; undefined otherwise. */
export function parseYear(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1870 && n <= 2100 ? n : undefined;
}

function str(v: unknown, field?: Field): string | undefined {
  if (typeof v === 'string') {
    const bad = textProblem(v, `field ${field ?? 'value'}`);
    if (bad) throw new RowError(bad.code, bad.message);
    const s = v.trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Why a row cannot be imported; the reader turns it into a reject (file, line, reason). */
export class RowError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RowError';
    this.code = code;
  }
}

/**
 * Build a SourceRow from a field getter (a CSV record through a ColumnMap, or a JSON object).
 * Throws RowError when there is no usable text.
 */
export function toSourceRow(get: (field: Field) => unknown, defaults: { film?: string | undefined } = {}): SourceRow {
  const rawText = get('text');
  if (rawText === undefined || rawText === null) throw new RowError('E_MISSING_TEXT', 'no review text (no text column, or the cell is empty)');
  if (typeof rawText !== 'string') throw new RowError('E_MISSING_TEXT', `the review text is a ${typeof rawText}, not a string`);
  if (rawText.trim() === '') throw new RowError('E_EMPTY_TEXT', 'the review text is empty or whitespace only');
  const bad = textProblem(rawText, 'the review text');
  if (bad) throw new RowError(bad.code, bad.message);
  const row: SourceRow = { text: rawText };
  const film = defaults.film ?? str(get('film'), 'film');
  if (film) row.film = film;
  const year = parseYear(get('year'));
  if (year !== undefined) row.year = year;
  const critic = str(get('critic'), 'critic');
  if (critic) row.critic = critic;
  const publication = str(get('publication'), 'publication');
  if (publication) row.publication = publication;
  const label = parseLabel(get('label'));
  if (label !== undefined) row.label = label;
  const rating = str(get('rating'), 'rating');
  if (rating) row.rating = rating;
  const date = parseReviewDate(get('date'));
  if (date && 'reason' in date) throw new RowError('E_BAD_DATE', `${date.reason}; fix the cell or leave it empty`);
  if (date) row.date = date.date;
  const top = parseBool(get('topCritic'));
  if (top !== undefined) row.topCritic = top;
  const url = str(get('url'), 'url');
  if (url) row.url = url;
  const franchise = str(get('franchise'), 'franchise');
  if (franchise) row.franchise = franchise;
  const format = str(get('format'), 'format')?.toLowerCase();
  if (format === 'text' || format === 'markdown' || format === 'html') row.format = format;
  return row;
}
