/**
 * @module Review dates: a cell as written → `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), through date-fns with an
 * explicit list of formats, or a reason why not. Slashed dates are month first as the US exports write them
 * ("03/04/2018" = 4 March), day first when the first number cannot be a month ("26/02/2018" = 26 February).
 */
import { createRequire } from 'node:module';

// Each function from its own module (the package's index loads some 250), and from the package's CommonJS build:
// loaded as ES modules, parse's hundred files each made Node read date-fns' 199 KB package.json again, 230 ms and
// about 90 MB of garbage on every thread that reads dates (the main thread's young generation grew to 128 MB for
// it and stayed there); required, 40 ms and 8 MB.
const require = createRequire(import.meta.url);
const { format } = require('date-fns/format') as typeof import('date-fns/format');
const { isValid } = require('date-fns/isValid') as typeof import('date-fns/isValid');
const { parse } = require('date-fns/parse') as typeof import('date-fns/parse');

/** Accepted formats (date-fns tokens), tried in order; each must consume the whole cell. */
export const DATE_FORMATS = [
  'yyyy-MM-dd',
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ssX",
  "yyyy-MM-dd'T'HH:mm:ss.SSSX",
  'yyyy-MM-dd HH:mm:ss',
  'yyyy/MM/dd',
  'MM/dd/yyyy',
  'M/d/yyyy',
  'dd/MM/yyyy',
  'd/M/yyyy',
  'dd.MM.yyyy',
  'MMM d, yyyy',
  'MMM d yyyy',
  'MMMM d, yyyy',
  'MMMM d yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'd MMM, yyyy',
  'EEE, d MMM yyyy HH:mm:ss X',
] as const;
const MONTH_FORMATS = ['yyyy-MM', 'MMM yyyy', 'MMMM yyyy'] as const;
const REFERENCE = new Date(2000, 0, 1);

export type DateResult = { date: string } | { reason: string };

function tryFormats(s: string, formats: readonly string[]): Date | null {
  for (const f of formats) {
    const d = parse(s, f, REFERENCE);
    if (isValid(d) && d.getFullYear() >= 1870 && d.getFullYear() <= 2100) return d;
  }
  return null;
}

// An export writes the same few thousand dates again and again: each distinct cell is parsed once (a bounded
// memo, emptied when full; results are frozen, since callers share them).
const MEMO_MAX = 4096;
const memo = new Map<string, DateResult | null>();

/** Parse a date cell. Empty → no date (not an error); anything else is a date or a reason. */
export function parseReviewDate(v: unknown): DateResult | null {
  if (typeof v !== 'string') return parseDateCell(v);
  let r = memo.get(v);
  if (r === undefined) {
    r = parseDateCell(v);
    if (r) Object.freeze(r);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(v, r);
  }
  return r;
}

function parseDateCell(v: unknown): DateResult | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') return { reason: `date is a ${typeof v}, not text` };
  const s = String(v).trim().replace(/\s+/g, ' ').replace(/(\d)(st|nd|rd|th)\b/gi, '$1').replace(/^([A-Za-z]{3,9})\. /, '$1 ');
  if (s === '') return null;
  if (/^\d{4}$/.test(s)) {
    const y = Number(s);
    return y >= 1870 && y <= 2100 ? { date: s } : { reason: `year ${s} is out of range (1870–2100)` };
  }
  const day = tryFormats(s, DATE_FORMATS);
  if (day) return { date: format(day, 'yyyy-MM-dd') };
  const month = tryFormats(s, MONTH_FORMATS);
  if (month) return { date: format(month, 'yyyy-MM') };
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (slashed && Number(slashed[1]) > 12 && Number(slashed[2]) > 12) return { reason: `date "${s}" has no month (neither ${slashed[1]} nor ${slashed[2]} is 1–12)` };
  return { reason: `date "${s}" not understood (use YYYY-MM-DD; also read: MM/DD/YYYY, DD/MM/YYYY when the day is over 12, "Mar 27, 2023", "27 March 2023", YYYY-MM, YYYY)` };
}
