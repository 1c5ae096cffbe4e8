/**
 * Hashed n-gram features straight from the Doc's token offsets: lower-cased uni-, bi- and trigrams with
 * negation marking (Wang & Manning 2012, https://aclanthology.org/P12-2018/), hashed without building strings.
 */
import type { Doc } from '../text/index.ts';
import { hashSpan, TokenKind } from '../text/tokens.ts';

/** FNV-1a over the lower-cased characters of `text.slice(start, end)`; curly apostrophes read as straight. */
export const hashToken = (text: string, start: number, end: number): number => hashSpan(text, start, end) >>> 0;

/** Hash of a plain lower-case string, for building lookup sets of words. */
export const hashWord = (w: string): number => hashToken(w, 0, w.length);

/** Murmur3's finaliser over two hashes: order-sensitive n-gram combination. */
export const mix = (a: number, b: number): number => mix32(a, b) >>> 0;

/** `mix` as int32 (the same bits): no boxing of values above 2^31 on the hot path. */
function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// Hashes as int32 (Tokens.hash), so that lookups never box a number.
const hash32 = (w: string): number => hashSpan(w, 0, w.length);
const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'hardly', 'barely', 'scarcely', 'without', 'cannot', 'lack', 'lacks', 'lacking'].map(hash32));
// Negation lasts until a clause break.
const SCOPE_END = new Set(['.', ',', ';', ':', '!', '?', '…', '—', '–', '(', ')', '"', '“', '”'].map(hash32));
const NOT_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2f;
const TRIGRAM_SALT = 0x165667b1;

/** A clause break ends negation scope. */
export const isScopeEnd = (text: string, start: number, end: number): boolean => SCOPE_END.has(hashSpan(text, start, end));

/** A negator ("not", "never", "without", any "…n't") opens negation scope. */
export const isNegator = (text: string, start: number, end: number): boolean => NEGATORS.has(hashSpan(text, start, end)) || endsWithNt(text, start, end);

/** `isScopeEnd` of token `i` of a Doc, from its stored hash. */
export const scopeEndsAt = (doc: Doc, i: number): boolean => SCOPE_END.has(doc.tokens.hash[i]!);

/** `isNegator` of token `i` of a Doc, from its stored hash. */
export const negatesAt = (doc: Doc, i: number): boolean => NEGATORS.has(doc.tokens.hash[i]!) || endsWithNt(doc.text, doc.tokens.start[i]!, doc.tokens.end[i]!);

function endsWithNt(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const t = text.charCodeAt(end - 1) | 32;
  const a = text.charCodeAt(end - 2);
  const n = text.charCodeAt(end - 3) | 32;
  return t === 116 && (a === 39 || a === 0x2019) && n === 110;
}

/**
 * Sorted, de-duplicated feature buckets (binarised features) for tokens `[from, to)` of a Doc.
 * `mask` is the bucket count minus one (a power of two).
 */
export function featureBuckets(doc: Doc, from: number, to: number, mask: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from) * 3);
  const used = out.subarray(0, writeFeatures(doc, from, to, mask, out, 0)).sort();
  let w = 0;
  for (let r = 0; r < used.length; r++) if (r === 0 || used[r] !== used[r - 1]) used[w++] = used[r]!;
  return used.subarray(0, w);
}

/**
 * The feature buckets of tokens `[from, to)` in the order found, written to `out` from `k` (room for three per
 * token); returns the end. Repeats stay.
 */
export function writeFeatures(doc: Doc, from: number, to: number, mask: number, out: Int32Array, k: number): number {
  const { text, tokens } = doc;
  const { hash, kind } = tokens;
  let prev1 = 0;
  let prev2 = 0;
  let have = 0; // how many previous tokens are in the current n-gram window
  let negated = false;
  for (let i = from; i < to; i++) {
    const raw = hash[i]!;
    const isBreak = kind[i] === TokenKind.punct && SCOPE_END.has(raw);
    if (isBreak) negated = false;
    // All in int32: the same bits as the unsigned hashes, masked alike.
    const u = negated ? raw ^ NOT_SALT : raw;
    out[k++] = u & mask;
    if (have >= 1) out[k++] = mix32(prev1 ^ BIGRAM_SALT, u) & mask;
    if (have >= 2) out[k++] = mix32(mix32(prev2 ^ TRIGRAM_SALT, prev1), u) & mask;
    prev2 = prev1;
    prev1 = u;
    if (have < 2) have++;
    if (NEGATORS.has(raw) || endsWithNt(text, tokens.start[i]!, tokens.end[i]!)) negated = true;
  }
  return k;
}
