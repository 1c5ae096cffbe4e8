/**
 * The second feature family: hashed character 3–5-grams inside each word ("^wor", "ord$", …), with the same
 * negation marking as the word n-grams. They read what the word table cannot: inflections, misspellings,
 * compounds and coinages it never saw ("unwatchable", "franchise-fatigued", "meh-ish").
 */
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';
import { negatesAt, scopeEndsAt } from './features.ts';

const MIN_N = 3;
const MAX_N = 5;
const NOT_SALT = 0x2f6b3c91;
/** Longer words are read by their first characters only (URLs, runs of letters). */
const MAX_WORD = 24;

/** Lower-cased code unit, curly apostrophe read as straight. */
function lower(text: string, i: number): number {
  let c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) c += 32;
  else if (c === 0x2019) c = 39;
  else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
  return c;
}

const BOUNDARY = 94; // '^' and '$' both read as one boundary mark

/**
 * Sorted, de-duplicated character n-gram buckets for tokens `[from, to)`. `mask` is the bucket count minus one.
 */
export function charBuckets(doc: Doc, from: number, to: number, mask: number): Int32Array {
  const out = new Int32Array(charRoom(doc, from, to));
  const used = out.subarray(0, writeCharFeatures(doc, from, to, mask, out, 0)).sort();
  let w = 0;
  for (let r = 0; r < used.length; r++) if (r === 0 || used[r] !== used[r - 1]) used[w++] = used[r]!;
  return used.subarray(0, w);
}

/** Room `writeCharFeatures` needs for tokens `[from, to)`. */
export function charRoom(doc: Doc, from: number, to: number): number {
  const { tokens } = doc;
  let total = 0;
  for (let i = from; i < to; i++) if (tokens.kind[i] === TokenKind.word) total += (Math.min(MAX_WORD, tokens.end[i]! - tokens.start[i]!) + 2) * 3;
  return total;
}

/** The character n-gram buckets of tokens `[from, to)` in the order found, written to `out` from `k`; returns the end. */
export function writeCharFeatures(doc: Doc, from: number, to: number, mask: number, out: Int32Array, k: number): number {
  const { text, tokens } = doc;
  const codes = new Uint16Array(MAX_WORD + 2);
  let negated = false;
  for (let i = from; i < to; i++) {
    const s = tokens.start[i]!;
    const e = tokens.end[i]!;
    const kind = tokens.kind[i];
    if (kind === TokenKind.punct) {
      if (scopeEndsAt(doc, i)) negated = false;
      continue;
    }
    if (kind === TokenKind.word) {
      const len = Math.min(MAX_WORD, e - s);
      codes[0] = BOUNDARY;
      for (let j = 0; j < len; j++) codes[j + 1] = lower(text, s + j);
      codes[len + 1] = BOUNDARY;
      const m = len + 2;
      const salt = negated ? NOT_SALT : 0;
      for (let start = 0; start < m; start++) {
        let h = 0x811c9dc5 ^ salt;
        for (let j = start; j < Math.min(m, start + MAX_N); j++) {
          h = Math.imul(h ^ codes[j]!, 0x01000193);
          if (j - start + 1 >= MIN_N) out[k++] = ((h ^ (h >>> 15)) >>> 0) & mask;
        }
      }
    }
    if (negatesAt(doc, i)) negated = true;
  }
  return k;
}
