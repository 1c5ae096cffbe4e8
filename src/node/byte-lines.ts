/**
 * Lines of a byte stream, split on bytes rather than characters, so that each line can be checked for
 * invalid UTF-8 on its own and an oversize line is skipped without being held in memory.
 * (readline decodes before splitting and buffers whole lines, which loses both.)
 */
import type { Readable } from 'node:stream';

export type ByteLine =
  | { line: number; bytes: Buffer; offset: number }
  | { line: number; tooLong: number; offset: number };

/** Yield each line (without its newline; CRLF handled) with its 1-based number and byte offset. */
export async function* byteLines(stream: Readable, maxLineBytes: number): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = 0; // bytes of an oversize line seen so far; > 0 while skipping
  let line = 1;
  let offset = 0; // byte offset of the current line's start
  let pos = 0; // byte offset of the current chunk's start
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(10, from);
      const end = nl < 0 ? chunk.length : nl;
      const piece = end - from;
      if (skipping > 0 || partBytes + piece > maxLineBytes) {
        if (skipping === 0) skipping = partBytes;
        skipping += piece;
        parts = [];
        partBytes = 0;
      } else if (piece > 0) {
        parts.push(chunk.subarray(from, end));
        partBytes += piece;
      }
      if (nl < 0) break;
      if (skipping > 0) yield { line, tooLong: skipping, offset };
      else {
        let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
        if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
        yield { line, bytes, offset };
      }
      parts = [];
      partBytes = 0;
      skipping = 0;
      line++;
      offset = pos + nl + 1;
      from = nl + 1;
    }
    pos += chunk.length;
  }
  if (skipping > 0) yield { line, tooLong: skipping, offset };
  else if (partBytes > 0) {
    let bytes = Buffer.concat(parts, partBytes);
    if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    yield { line, bytes, offset };
  }
}
