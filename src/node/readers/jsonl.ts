/**
 * JSON Lines reviews: one JSON object per line, fields recognised by the same column names as CSV.
 * Lines are split on bytes (src/node/byte-lines.ts) so that a line with invalid UTF-8 or over the size limit
 * is rejected on its own, without being held in memory.
 */
import type { Readable } from 'node:stream';
import { byteLines } from '../byte-lines.ts';
import { formatBytes } from '../read-input.ts';
import { COLUMN_ALIASES, columnKey, FIELDS, RowError, toSourceRow, type Field } from './columns.ts';
import type { ReadItem, ReaderOptions } from './types.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

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
export async function* readJsonl(stream: Readable, file: string, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const cache = new Map<string, KeyMap>();
  for await (const item of byteLines(stream, options.maxBytes + 64 * 1024)) {
    if (options.progress) options.progress.bytes = item.offset;
    const reject = (code: string, reason: string): ReadItem => ({ kind: 'reject', file, line: item.line, code, reason });
    if ('tooLong' in item) {
      yield reject('E_TOO_LARGE', `line is ${formatBytes(item.tooLong)}, over the ${formatBytes(options.maxBytes)} limit`);
      continue;
    }
    let bytes = item.bytes;
    if (item.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      yield reject('E_INVALID_UTF8', 'not valid UTF-8');
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield reject('E_BAD_JSON', `not JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield reject('E_BAD_JSON', 'expected a JSON object');
      continue;
    }
    const obj = value as Record<string, unknown>;
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
