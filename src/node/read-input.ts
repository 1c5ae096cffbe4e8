/**
 * Bytes → review text, with a clear error for each kind of bad input (DESIGN.md, "Bad input").
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ErrorCode, VerdictError } from '../analyze/errors.ts';
import { assertValidText } from '../analyze/text/validate.ts';

/** Default size limit for one review: 2 MB. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Parse a size such as "2MB", "500kb" or "1048576". */
export function parseSize(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(s);
  if (!m) throw new Error(`not a size: "${s}" (try 2MB, 500KB or a number of bytes)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.round(Number(m[1]) * mult);
  // A limit of 0 would reject every review.
  if (bytes <= 0) throw new Error(`the size must be more than 0, got "${s}" (try 2MB, 500KB or a number of bytes)`);
  return bytes;
}

/** Reject empty or whitespace-only text. */
export function assertHasText(text: string, where = 'input'): void {
  if (text.trim().length === 0) throw new VerdictError(ErrorCode.EMPTY_TEXT, `${where} is empty or whitespace only: nothing to analyse`);
}

/**
 * Read at most `maxBytes` + 1 bytes of a file, whatever `stat` says: a pipe, a device (`/dev/zero`) or a file
 * that grows is cut off once past the limit rather than read whole. Throws E_TOO_LARGE past the limit.
 */
export function readFileBounded(path: string, maxBytes: number, where = path): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new VerdictError(ErrorCode.TOO_LARGE, `${where} is over the ${formatBytes(maxBytes)} limit (raise it with --max-size)`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** UTF-16 text with a byte-order mark (LE or BE), decoded; null when the bytes do not start with one. */
function decodeUtf16(bytes: Uint8Array, where: string): string | null {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return null;
  try {
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
  } catch {
    throw new VerdictError(ErrorCode.INVALID_UTF8, `${where} starts with a UTF-16 ${le ? 'LE' : 'BE'} byte-order mark but is not valid UTF-16`);
  }
}

/**
 * Decode review bytes (UTF-8, or UTF-16 with a byte-order mark), refusing oversize, binary and invalid input
 * with a specific message.
 */
export function decodeReview(bytes: Uint8Array, options: { maxBytes?: number; where?: string } = {}): string {
  const where = options.where ?? 'input';
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) {
    throw new VerdictError(ErrorCode.TOO_LARGE, `${where} is ${formatBytes(bytes.length)}, over the ${formatBytes(max)} limit (raise it with --max-size)`);
  }
  const utf16 = decodeUtf16(bytes, where);
  if (utf16 !== null) {
    assertValidText(utf16, where);
    assertHasText(utf16, where);
    return utf16;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new VerdictError(ErrorCode.BINARY_INPUT, `${where} looks binary (a NUL byte at offset ${nul}), not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new VerdictError(ErrorCode.INVALID_UTF8, `${where} is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})`);
  }
  assertValidText(text, where);
  assertHasText(text, where);
  return text;
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}
