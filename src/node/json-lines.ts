/**
 * @module JSON Lines, the one parser: the objects of a byte stream, line by line, each bad line (over the size
 * limit, invalid UTF-8, not JSON, not an object) reported by its number and the rest read on. Used by the import
 * readers, `verdict analyze --jsonl`, the API's `application/x-ndjson` bodies and the data-set loaders.
 */
import { Readable } from 'node:stream';
import { ErrorCode, type ErrorCodeValue } from '../analyze/errors.ts';
import { byteLines } from './byte-lines.ts';
import { formatBytes } from './read-input.ts';

export type JsonLine =
  | { line: number; offset: number; value: Record<string, unknown> }
  | { line: number; offset: number; error: { code: ErrorCodeValue; message: string } };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON objects of a stream (blank lines skipped, a UTF-8 byte-order mark allowed). A line over `maxBytes`
 * (plus `slackBytes`, room for the fields around a text of up to `maxBytes`) is skipped without being held.
 */
export async function* jsonLines(input: Readable | string, maxBytes: number, slackBytes = 0): AsyncGenerator<JsonLine> {
  const stream = typeof input === 'string' ? Readable.from([Buffer.from(input)]) : input;
  for await (const item of byteLines(stream, maxBytes + slackBytes)) {
    const fail = (code: ErrorCodeValue, message: string): JsonLine => ({ line: item.line, offset: item.offset, error: { code, message } });
    if ('tooLong' in item) {
      yield fail(ErrorCode.TOO_LARGE, `line is ${formatBytes(item.tooLong)}, over the ${formatBytes(maxBytes)} limit`);
      continue;
    }
    let bytes = item.bytes;
    if (item.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      yield fail(ErrorCode.INVALID_UTF8, 'not valid UTF-8');
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield fail(ErrorCode.BAD_JSON, `not JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) yield fail(ErrorCode.BAD_JSON, 'expected a JSON object');
    else yield { line: item.line, offset: item.offset, value: value as Record<string, unknown> };
  }
}
