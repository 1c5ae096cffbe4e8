/**
 * Tokens as flat typed arrays of character offsets (after wink-nlp's compact document):
 * no per-token objects on the hot path; views are made only when someone asks.
 */

export const TokenKind = { word: 1, number: 2, punct: 3 } as const;
export type TokenKindValue = (typeof TokenKind)[keyof typeof TokenKind];

export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
}

// Words keep inner apostrophes, hyphens and periods ("doesn't", "Tunes-esque", "U.S"); numbers keep decimals
// and fractions ("3.5", "3/4"); an ellipsis is one token; anything else is one character.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’\-./][\p{L}\p{M}\p{N}]+)*|\.{2,}|\S/gu;

/** Grow-only buffer for building `Tokens`. */
export class TokenBuffer {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  constructor(capacity = 256) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
  }
  push(start: number, end: number, kind: number): void {
    if (this.count === this.start.length) {
      const cap = this.count * 2;
      const s = new Int32Array(cap);
      s.set(this.start);
      const e = new Int32Array(cap);
      e.set(this.end);
      const k = new Uint8Array(cap);
      k.set(this.kind);
      this.start = s;
      this.end = e;
      this.kind = k;
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.kind[this.count] = kind;
    this.count++;
  }
  finish(): Tokens {
    return { count: this.count, start: this.start.subarray(0, this.count), end: this.end.subarray(0, this.count), kind: this.kind.subarray(0, this.count) };
  }
}

function kindOf(first: number): TokenKindValue {
  if (first >= 48 && first <= 57) return TokenKind.number;
  if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first > 127) {
    // Non-ASCII: letters and digits of other scripts are words; symbols and punctuation are punct.
    if (first > 127) return /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(first)) ? TokenKind.word : TokenKind.punct;
    return TokenKind.word;
  }
  return TokenKind.punct;
}

/** Tokenise `text.slice(from, to)` into `buf`, with offsets into `text`. */
export function tokenizeInto(text: string, from: number, to: number, buf: TokenBuffer): void {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  // matchAll works on a copy of the regex, so the shared pattern keeps no state between calls.
  for (const m of slice.matchAll(TOKEN)) {
    const s = from + m.index;
    buf.push(s, s + m[0].length, kindOf(slice.charCodeAt(m.index)));
  }
}

/** Tokenise a whole string. */
export function tokenize(text: string): Tokens {
  const buf = new TokenBuffer(Math.max(16, text.length >> 2));
  tokenizeInto(text, 0, text.length, buf);
  return buf.finish();
}
