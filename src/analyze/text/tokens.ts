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
  /** `hashSpan` of each token (lower-cased FNV-1a, as int32): the n-gram features combine these instead of re-reading text. */
  hash: Int32Array;
}

/** FNV-1a over the lower-cased code units of `text.slice(start, end)`, curly apostrophes read as straight; as int32. */
export function hashSpan(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
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
  hash: Int32Array;
  constructor(capacity = 256) {
    // One backing store for the four arrays: one allocation instead of four.
    const cap = Math.max(1, capacity);
    const store = new ArrayBuffer(cap * 13);
    this.start = new Int32Array(store, 0, cap);
    this.end = new Int32Array(store, cap * 4, cap);
    this.hash = new Int32Array(store, cap * 8, cap);
    this.kind = new Uint8Array(store, cap * 12, cap);
  }
  /** Add a token; `hash` is `hashSpan` of its text. */
  push(start: number, end: number, kind: number, hash: number): void {
    if (this.count === this.start.length) {
      const cap = this.count * 2;
      const store = new ArrayBuffer(cap * 13);
      const s = new Int32Array(store, 0, cap);
      s.set(this.start);
      const e = new Int32Array(store, cap * 4, cap);
      e.set(this.end);
      const h = new Int32Array(store, cap * 8, cap);
      h.set(this.hash);
      const k = new Uint8Array(store, cap * 12, cap);
      k.set(this.kind);
      this.start = s;
      this.end = e;
      this.hash = h;
      this.kind = k;
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.hash[this.count] = hash;
    this.kind[this.count] = kind;
    this.count++;
  }
  finish(): Tokens {
    const n = this.count;
    return { count: n, start: this.start.subarray(0, n), end: this.end.subarray(0, n), kind: this.kind.subarray(0, n), hash: this.hash.subarray(0, n) };
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

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Code point at `p`, a surrogate pair read whole only when both halves lie before `to` (as in the slice). */
function codePointAt(text: string, p: number, to: number): number {
  const c = text.charCodeAt(p);
  if (c >= 0xd800 && c <= 0xdbff && p + 1 < to) {
    const d = text.charCodeAt(p + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** `[\p{L}\p{M}\p{N}]` for one code point, ASCII without a regex. */
function isWordCode(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/** JavaScript's `\s` for one code point. */
function isSpaceCode(cp: number): boolean {
  if (cp < 128) return cp === 32 || (cp >= 9 && cp <= 13);
  return cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}

// ASCII character classes for the scanner's fast path.
const OTHER = 0;
const SPACE = 1;
const WORD = 2;
/** Not ASCII: for `scanWide`. */
const WIDE = 3;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = isSpaceCode(c) ? SPACE : isWordCode(c) ? WORD : OTHER;

/** One FNV-1a step of `hashSpan` over the code unit at `i`. */
function fold(h: number, text: string, i: number): number {
  let c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) c += 32;
  else if (c === 0x2019) c = 39;
  else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
  return Math.imul(h ^ c, 0x01000193);
}

/**
 * Tokenise `text.slice(from, to)` into `buf`, with offsets into `text`. A hand-written scanner with exactly the
 * matches of TOKEN (kept above as the definition) over the slice, without slicing or a match object per token.
 * Each token's hash (`hashSpan`) is folded in as its characters are read. Tokens of ASCII code units are read
 * here; one that meets any other code unit is read again from its start by `scanWide`, so that text of other
 * scripts met late costs V8 the recompile of that small function, not of this loop.
 */
export function tokenizeInto(text: string, from: number, to: number, buf: TokenBuffer): void {
  let p = from;
  while (p < to) {
    const c0 = text.charCodeAt(p);
    const cls = c0 < 128 ? ASCII_CLASS[c0]! : WIDE;
    if (cls === SPACE) {
      p++;
      continue;
    }
    const s = p;
    let h = 0x811c9dc5 | 0;
    let wide = cls === WIDE;
    if (cls === WORD) {
      for (;;) {
        while (p < to) {
          const c = text.charCodeAt(p);
          if (c >= 128) {
            // A curly apostrophe between ASCII word characters ("don’t", common in critics' text) joins as the
            // straight one does, and hashes as it (fold's 39): no second scan by scanWide.
            const d = c === 0x2019 && p + 1 < to ? text.charCodeAt(p + 1) : 128;
            if (d < 128 && ASCII_CLASS[d] === WORD) {
              h = Math.imul(Math.imul(h ^ 39, 0x01000193) ^ (d | 32), 0x01000193);
              p += 2;
              continue;
            }
            wide = true;
            break;
          }
          if (ASCII_CLASS[c] !== WORD) break;
          // A letter or digit: `| 32` lower-cases letters and leaves digits as they are.
          h = Math.imul(h ^ (c | 32), 0x01000193);
          p++;
        }
        // An inner apostrophe, hyphen, period or slash joins when a word character follows it.
        if (wide || p + 1 >= to) break;
        const sep = text.charCodeAt(p);
        if (sep !== 39 && sep !== 45 && sep !== 46 && sep !== 47) break;
        const c = text.charCodeAt(p + 1);
        if (c >= 128) {
          wide = true;
          break;
        }
        if (ASCII_CLASS[c] !== WORD) break;
        h = Math.imul(Math.imul(h ^ sep, 0x01000193) ^ (c | 32), 0x01000193);
        p += 2;
      }
    } else if (cls === OTHER) {
      // Punctuation (no letters: the hash reads the code unit as it is); dots run on as one ellipsis.
      h = Math.imul(h ^ c0, 0x01000193);
      p++;
      if (c0 === 46) {
        while (p < to && text.charCodeAt(p) === 46) {
          h = Math.imul(h ^ 46, 0x01000193);
          p++;
        }
      }
    }
    if (wide) p = scanWide(text, s, to, buf);
    else buf.push(s, p, c0 >= 48 && c0 <= 57 ? TokenKind.number : cls === WORD ? TokenKind.word : TokenKind.punct, h);
  }
}

/** Read the token (or the space) at `p`, of any code units, into `buf`; returns where it ends. */
function scanWide(text: string, p: number, to: number, buf: TokenBuffer): number {
  const c0 = text.charCodeAt(p);
  const cp = codePointAt(text, p, to);
  if (isSpaceCode(cp)) return p + (cp > 0xffff ? 2 : 1);
  const s = p;
  let h = 0x811c9dc5 | 0;
  if (isWordCode(cp)) {
    for (;;) {
      while (p < to) {
        const cpp = codePointAt(text, p, to);
        if (!isWordCode(cpp)) break;
        h = fold(h, text, p++);
        if (cpp > 0xffff) h = fold(h, text, p++);
      }
      // An inner apostrophe, hyphen, period or slash joins when a word character follows it.
      if (p + 1 >= to) break;
      const sep = text.charCodeAt(p);
      if (sep !== 39 && sep !== 0x2019 && sep !== 45 && sep !== 46 && sep !== 47) break;
      const c = codePointAt(text, p + 1, to);
      if (!isWordCode(c)) break;
      h = fold(h, text, p++);
      h = fold(h, text, p++);
      if (c > 0xffff) h = fold(h, text, p++);
    }
  } else {
    // (Not a dot: an ASCII mark never comes here.)
    h = fold(h, text, p++);
    if (cp > 0xffff) h = fold(h, text, p++);
  }
  buf.push(s, p, kindOf(c0), h);
  return p;
}

/** The same tokens by the regular expression itself (the reference the scanner is tested against). */
export function tokenizeByPattern(text: string, from: number, to: number, buf: TokenBuffer): void {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  // matchAll works on a copy of the regex, so the shared pattern keeps no state between calls.
  for (const m of slice.matchAll(TOKEN)) {
    const s = from + m.index;
    buf.push(s, s + m[0].length, kindOf(slice.charCodeAt(m.index)), hashSpan(text, s, s + m[0].length));
  }
}

/** Tokenise a whole string. */
export function tokenize(text: string): Tokens {
  const buf = new TokenBuffer(Math.max(16, text.length >> 2));
  tokenizeInto(text, 0, text.length, buf);
  return buf.finish();
}
