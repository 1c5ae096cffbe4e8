/**
 * Hashed n-gram features straight from the Doc's token offsets: lower-cased uni-, bi- and trigrams with
 * negation marking (Wang & Manning 2012, https://aclanthology.org/P12-2018/), hashed without building strings.
 */
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';

/** FNV-1a over the lower-cased characters of `text.slice(start, end)`; curly apostrophes read as straight. */
export function hashToken(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of a plain lower-case string, for building lookup sets of words. */
export const hashWord = (w: string): number => hashToken(w, 0, w.length);

/** Murmur3's finaliser over two hashes: order-sensitive n-gram combination. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'hardly', 'barely', 'scarcely', 'without', 'cannot', 'lack', 'lacks', 'lacking'].map(hashWord));
// Negation lasts until a clause break.
const SCOPE_END = new Set(['.', ',', ';', ':', '!', '?', '…', '—', '–', '(', ')', '"', '“', '”'].map(hashWord));
const NOT_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2f;
const TRIGRAM_SALT = 0x165667b1;

/** A clause break ends negation scope. */
export const isScopeEnd = (text: string, start: number, end: number): boolean => SCOPE_END.has(hashToken(text, start, end));

/** A negator ("not", "never", "without", any "…n't") opens negation scope. */
export const isNegator = (text: string, start: number, end: number): boolean => NEGATORS.has(hashToken(text, start, end)) || endsWithNt(text, start, end);

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
  const { text, tokens } = doc;
  const n = Math.max(0, to - from);
  const out = new Int32Array(n * 3);
  let k = 0;
  let prev1 = 0;
  let prev2 = 0;
  let have = 0; // how many previous tokens are in the current n-gram window
  let negated = false;
  for (let i = from; i < to; i++) {
    const s = tokens.start[i]!;
    const e = tokens.end[i]!;
    const raw = hashToken(text, s, e);
    const isBreak = tokens.kind[i] === TokenKind.punct && SCOPE_END.has(raw);
    if (isBreak) negated = false;
    const u = negated ? (raw ^ NOT_SALT) >>> 0 : raw;
    out[k++] = u & mask;
    if (have >= 1) out[k++] = mix(prev1 ^ BIGRAM_SALT, u) & mask;
    if (have >= 2) out[k++] = mix(mix(prev2 ^ TRIGRAM_SALT, prev1), u) & mask;
    prev2 = prev1;
    prev1 = u;
    if (have < 2) have++;
    if (NEGATORS.has(raw) || endsWithNt(text, s, e)) negated = true;
  }
  const used = out.subarray(0, k).sort();
  let w = 0;
  for (let r = 0; r < used.length; r++) if (r === 0 || used[r] !== used[r - 1]) used[w++] = used[r]!;
  return used.subarray(0, w);
}
