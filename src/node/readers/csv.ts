/**
 * CSV (and TSV) reviews. Records are found at the byte level by a small quote-aware scanner, so that one bad
 * record never takes the rest of the file with it: a record with broken quoting, invalid UTF-8 or over the
 * size limit is rejected by its line and reading resumes at the next record; a quote opened and never closed
 * is rejected at its line and the lines after it are read again as records. A quoted field that does close, but
 * only after swallowing lines that then do not parse as one record of the header's width (`"A","an unclosed
 * quote` followed by `"B","a good review"`), is the same mistake: its first line is rejected and the lines after
 * it are read again. So every line ends in a row or a reject (`line`…`endLine`), never in silence.
 * Each record's fields are then parsed by csv-parse (quoted records) or split directly (records without quotes).
 * (csv-parse alone cannot do this: with `skip_records_with_error` it resynchronises only at the next quote, so
 * every record after a broken quote or an oversize record up to there is lost unreported.)
 */
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { byteLines, type ByteLine } from '../byte-lines.ts';
import { formatBytes } from '../read-input.ts';
import { textProblem } from '../../analyze/text/validate.ts';
import { resolveColumns, RowError, toSourceRow, type ColumnMap } from './columns.ts';
import type { ReadItem, ReaderOptions } from './types.ts';

const QUOTE = 0x22;
const decoder = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = Buffer.from([10]);

/** Scan one line for quotes; returns whether a quoted field is still open at its end. */
export function scanQuotes(line: Uint8Array, inQuote: boolean, delim: number): boolean {
  if (!inQuote && line.indexOf(QUOTE) < 0) return false;
  let atStart = !inQuote;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuote) {
      if (c === QUOTE) {
        if (line[i + 1] === QUOTE) i++;
        else inQuote = false;
      }
    } else if (c === delim) atStart = true;
    else if (c === QUOTE && atStart) {
      inQuote = true;
      atStart = false;
    } else atStart = false;
  }
  return inQuote;
}

interface Pending {
  line: number;
  parts: Buffer[];
  lines: ByteLine[];
  bytes: number;
}

/** Detect the delimiter from the header line: tab, semicolon or comma, whichever occurs most (comma on ties). */
export function detectDelimiter(header: string): string {
  const count = (c: string): number => header.split(c).length - 1;
  const tabs = count('\t');
  const semis = count(';');
  const commas = count(',');
  if (tabs > commas && tabs >= semis) return '\t';
  if (semis > commas) return ';';
  return ',';
}

/** Split a record into fields: directly when it has no quotes or plain quoting, else with csv-parse (throws on bad quoting). */
export function splitRecord(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  return splitQuoted(text, delimiter) ?? splitWithCsvParse(text, delimiter);
}

/**
 * The fields of a record in plain RFC 4180 quoting — each quoted field closed right before a delimiter or the
 * end, `""` inside it, no quote in an unquoted field, no carriage return — or null for anything else, which
 * csv-parse then reads (or refuses). Most quoted records are plain: this spares them csv-parse's per-call setup.
 */
export function splitQuoted(text: string, delimiter: string): string[] | null {
  if (text.includes('\r')) return null;
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let field = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        field += text.slice(from, q);
        if (text.charCodeAt(q + 1) !== QUOTE) {
          i = q + 1;
          break;
        }
        field += '"';
        from = q + 2;
      }
      out.push(field);
      if (i === text.length) return out;
      if (text[i] !== delimiter) return null;
      i++;
    } else {
      const d = text.indexOf(delimiter, i);
      const field = text.slice(i, d < 0 ? text.length : d);
      if (field.includes('"') || field.includes('\n')) return null;
      out.push(field);
      if (d < 0) return out;
      i = d + 1;
    }
  }
}

/** Split a record with csv-parse (throws on bad quoting). */
export function splitWithCsvParse(text: string, delimiter: string): string[] {
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    // A quote inside an unquoted field (`a 5" doll`) is literal; anything else (`"x"y`) is broken quoting.
    if ((e as { code?: string }).code !== 'INVALID_OPENING_QUOTE') throw e;
    records = parseCsv(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  }
  if (records.length !== 1) throw new RowError('E_BAD_CSV', `broken quoting: the record parses as ${records.length} records`);
  return records[0]!;
}

/** Read review rows from a CSV stream. `file` names the source in rejects. */
export async function* readCsv(stream: Readable, file: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const maxRecord = options.maxBytes + 64 * 1024; // the text plus room for the other fields
  let delimiter = options.delimiter;
  let delim = (delimiter ?? ',').charCodeAt(0);
  let header: string[] | null = null;
  let map: ColumnMap = {};
  const replay: ByteLine[] = [];
  const source = byteLines(stream, maxRecord)[Symbol.asyncIterator]();
  let pending: Pending | null = null;
  let inQuote = false;

  const reject = (line: number, code: string, reason: string, endLine = line): ReadItem =>
    endLine > line ? { kind: 'reject', file, line, endLine, code, reason } : { kind: 'reject', file, line, code, reason };

  // Give up on an open record: reject its first line and read the lines after it again.
  const abandon = (reason: string): ReadItem => {
    const p = pending!;
    pending = null;
    inQuote = false;
    replay.unshift(...p.lines.slice(1));
    return reject(p.line, 'E_BAD_CSV', reason);
  };

  // A closed multi-line record that is not one good record: reject its first line, read the lines after it again.
  const resync = (lines: readonly ByteLine[], why: string): ReadItem => {
    replay.unshift(...lines.slice(1));
    return reject(lines[0]!.line, 'E_BAD_CSV', `a quote opened on this line is not closed: with lines to ${lines[lines.length - 1]!.line} it ${why}; the lines after it are read again`);
  };

  const record = (line: number, bytes: Buffer, lines?: readonly ByteLine[]): ReadItem | null => {
    const endLine = lines ? lines[lines.length - 1]!.line : line;
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return reject(line, 'E_INVALID_UTF8', endLine > line ? `not valid UTF-8 (the record spans lines ${line}-${endLine})` : 'not valid UTF-8', endLine);
    }
    if (text.trim() === '') return null;
    const bad = textProblem(text);
    if (bad) return reject(line, bad.code, bad.message, endLine);
    if (header === null) {
      if (!delimiter) {
        delimiter = detectDelimiter(text.split('\n', 1)[0]!);
        delim = delimiter.charCodeAt(0);
      }
      try {
        header = splitRecord(text, delimiter);
      } catch (e) {
        throw new RowError('E_BAD_CSV', `the header line cannot be read: ${(e as Error).message}`);
      }
      try {
        map = resolveColumns(header, options.columns);
      } catch (e) {
        throw new RowError('E_BAD_MAPPING', (e as Error).message);
      }
      if (map.text === undefined) {
        throw new RowError('E_MISSING_TEXT', `no review text column among ${header.join(', ')} (name it with --column text=NAME)`);
      }
      return null;
    }
    let fields: string[];
    try {
      fields = splitRecord(text, delimiter!);
    } catch (e) {
      if (lines) return resync(lines, 'is not one record');
      return reject(line, 'E_BAD_CSV', `broken quoting: ${(e as Error).message.replace(/\s+/g, ' ')}`);
    }
    if (fields.length !== header.length) {
      if (lines) return resync(lines, `has ${fields.length} fields where the header has ${header.length}`);
      return reject(line, 'E_BAD_CSV', `${fields.length} fields where the header has ${header.length} (broken quoting or a stray delimiter?)`);
    }
    try {
      const row = toSourceRow((f) => (map[f] === undefined ? undefined : fields[map[f]!]), { film: options.film });
      return endLine > line ? { kind: 'row', file, line, endLine, row } : { kind: 'row', file, line, row };
    } catch (e) {
      if (e instanceof RowError) return reject(line, e.code, e.message, endLine);
      throw e;
    }
  };

  // The lines of a quote that ran unclosed to the end of the file. The quote state after a line depends only on
  // the state before it, so a quote opened again on one of them (when they are read again) runs unclosed to the
  // end as well: it is rejected at once instead of scanned to the end again, which keeps such files linear.
  let doomedFrom = 0;
  let doomedTo = 0;
  let sourceDone = false;
  for (;;) {
    let item: ByteLine;
    if (replay.length > 0) item = replay.shift()!;
    else if (!sourceDone) {
      const next = await source.next();
      if (next.done) {
        sourceDone = true;
        continue;
      }
      item = next.value;
      if (options.progress) options.progress.bytes = item.offset;
    } else if (pending) {
      doomedFrom = pending.line;
      doomedTo = pending.lines[pending.lines.length - 1]!.line;
      yield abandon('a quote opened on this line is never closed');
      continue;
    } else break;
    if ('tooLong' in item) {
      if (pending) {
        replay.unshift(item);
        yield abandon(`a quote opened on this line runs into line ${item.line}, which is over the size limit`);
        continue;
      }
      yield reject(item.line, 'E_TOO_LARGE', `line is ${formatBytes(item.tooLong)}, over the ${formatBytes(maxRecord)} record limit`);
      continue;
    }
    const wasOpen = inQuote;
    inQuote = scanQuotes(item.bytes, inQuote, delim);
    let out: ReadItem | null = null;
    try {
      if (!wasOpen) {
        if (!inQuote) out = record(item.line, item.bytes);
        else if (item.line > doomedFrom && item.line <= doomedTo) {
          inQuote = false;
          out = reject(item.line, 'E_BAD_CSV', 'a quote opened on this line is never closed');
        } else pending = { line: item.line, parts: [item.bytes], lines: [item], bytes: item.bytes.length };
      } else {
        const p = pending!;
        p.parts.push(NEWLINE, item.bytes);
        p.lines.push(item);
        p.bytes += item.bytes.length + 1;
        if (p.bytes > maxRecord) out = abandon(`a quote opened on this line is not closed within ${formatBytes(maxRecord)}`);
        else if (!inQuote) {
          pending = null;
          out = record(p.line, Buffer.concat(p.parts, p.bytes), p.lines);
        }
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      // The header cannot be used: the whole file is refused.
      yield reject(0, e.code, e.message);
      return;
    }
    if (out) yield out;
  }
  if (header === null) yield reject(0, 'E_MISSING_TEXT', 'no header line: the file is empty');
}
