/**
 * JSON Lines reviews: one JSON object per line, fields recognised by the same column names as CSV.
 * Lines come from the one JSON Lines parser (src/node/json-lines.ts): a line with invalid UTF-8 or over the
 * size limit is rejected on its own, without being held in memory.
 */
import type { Readable } from 'node:stream';
import { ErrorCode } from '../../analyze/errors.ts';
import { jsonLines, type JsonLine } from '../json-lines.ts';
import { COLUMN_ALIASES, columnKey, FIELDS, RowError, toSourceRow, type Field } from './columns.ts';
import type { ReadItem, ReaderOptions } from './types.ts';

type KeyMap = Partial<Record<Field, string>>;

/** Which key of an object holds each field (explicit mapping first, then the usual names). */
export function resolveKeys(keys: readonly string[], mapping: Partial<Record<Field, string>> = {}): KeyMap {
  const byKey = new Map<string, string>();
  for (const k of keys) if (!byKey.has(columnKey(k))) byKey.set(columnKey(k), k);
  const out: KeyMap = {};
  const taken = new Set<string>();
  for (const field of FIELDS) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    const k = keys.includes(wanted) ? wanted : byKey.get(columnKey(wanted));
    if (k !== undefined) {
      out[field] = k;
      taken.add(k);
    }
  }
  for (const field of FIELDS) {
    if (out[field] !== undefined || mapping[field] !== undefined) continue;
    for (const alias of COLUMN_ALIASES[field]) {
      const k = byKey.get(alias);
      if (k !== undefined && !taken.has(k)) {
        out[field] = k;
        taken.add(k);
        break;
      }
    }
  }
  return out;
}

/** Read review rows from a JSON Lines stream. */
export function readJsonl(stream: Readable | string, file: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  return rowsOf(jsonLines(stream, options.maxBytes, 64 * 1024), file, options);
}

/**
 * Read review rows from a `.json` file: one JSON array of objects (numbered from 1 as lines), or one object; a
 * file that is neither (one object per line) is read as JSON Lines. The file is read whole.
 */
export async function* readJsonDocument(stream: Readable, file: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Not one JSON value: one per line.
    yield* readJsonl(text, file, options);
    return;
  }
  const values = Array.isArray(doc) ? doc : [doc];
  async function* items(): AsyncGenerator<JsonLine> {
    for (const [i, value] of values.entries()) {
      yield value !== null && typeof value === 'object' && !Array.isArray(value)
        ? { line: i + 1, offset: 0, value: value as Record<string, unknown> }
        : { line: i + 1, offset: 0, error: { code: ErrorCode.BAD_JSON, message: `item ${i + 1} of the JSON ${Array.isArray(doc) ? 'array' : 'file'} is not an object` } };
    }
  }
  yield* rowsOf(items(), file, options);
}

async function* rowsOf(lines: AsyncIterable<JsonLine>, file: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const cache = new Map<string, KeyMap>();
  for await (const item of lines) {
    if (options.progress) options.progress.bytes = item.offset;
    const reject = (code: string, reason: string): ReadItem => ({ kind: 'reject', file, line: item.line, code, reason });
    if ('error' in item) {
      yield reject(item.error.code, item.error.message);
      continue;
    }
    const obj = item.value;
    const keys = Object.keys(obj);
    const sig = keys.join('\u0001');
    let map = cache.get(sig);
    if (!map) {
      map = resolveKeys(keys, options.columns);
      if (cache.size < 1000) cache.set(sig, map);
    }
    const m = map;
    try {
      const row = toSourceRow((f) => (m[f] === undefined ? undefined : obj[m[f]!]), { film: options.film });
      yield { kind: 'row', file, line: item.line, row };
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      yield reject(e.code, e.message);
    }
  }
}
