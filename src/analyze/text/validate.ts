/**
 * Text checked once at the boundary (DESIGN.md, "Bad input"): every interface that takes review text from
 * outside (file readers, `analyze`, the API) asks the same question here, so a NUL character, a lone surrogate
 * or binary data is one clear reject with a stable code, never a crash further in (PostgreSQL refuses both NUL
 * and lone surrogates) and never silently rewritten. Pure.
 */
import { ErrorCode, VerdictError } from '../errors.ts';

export interface TextProblem {
  code: typeof ErrorCode.BINARY_INPUT | typeof ErrorCode.INVALID_UNICODE;
  /** One line, naming the problem and where it is. */
  message: string;
  /** UTF-16 offset of the first offending character. */
  offset: number;
}

// C0 controls that never occur in text (tab, newlines, form feed and escape aside).
const BINARY_CONTROL = /[\u0001-\u0008\u000e-\u001a\u001c-\u001f]/g;
const SAMPLE = 4096;

function hex(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Offset of the first lone surrogate of `s`, or -1. */
function loneSurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/**
 * What is wrong with `text` as review text, or null when nothing is: a NUL character or mostly control
 * characters (binary data, E_BINARY_INPUT), a lone surrogate (not Unicode, E_INVALID_UNICODE).
 * `where` starts the message ("the review text", "field critic").
 */
export function textProblem(text: string, where = 'the text'): TextProblem | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { code: ErrorCode.BINARY_INPUT, offset: nul, message: `${where} holds a NUL character at offset ${nul} (binary data?)` };
  if (!text.isWellFormed()) {
    const at = loneSurrogate(text);
    return { code: ErrorCode.INVALID_UNICODE, offset: at, message: `${where} holds a lone surrogate (${hex(text.charCodeAt(at))}) at offset ${at}: not valid Unicode` };
  }
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const controls = sample.match(BINARY_CONTROL);
  if (controls && controls.length >= 8 && controls.length * 10 > sample.length) {
    const at = sample.search(BINARY_CONTROL);
    return { code: ErrorCode.BINARY_INPUT, offset: at, message: `${where} looks binary (${controls.length} control characters in its first ${sample.length}, the first ${hex(sample.charCodeAt(at))} at offset ${at})` };
  }
  return null;
}

/** Throw the VerdictError for `textProblem(text, where)`, if any. */
export function assertValidText(text: string, where = 'the text'): void {
  const p = textProblem(text, where);
  if (p) throw new VerdictError(p.code, p.message);
}
