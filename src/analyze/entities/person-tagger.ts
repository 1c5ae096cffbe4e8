/**
 * A learned person-name tagger: a linear-chain model over BIO tags (O, B-person, I-person) with hashed features,
 * trained as an averaged structured perceptron (src/learn/ner.ts, train/ner.ts) and decoded by Viterbi.
 * Works straight on the Doc's struct-of-arrays tokens: one pass computes a few integer hashes per token, the
 * features are integer mixes of them (no feature strings), the weights are one Int16Array.
 * Pure: the weights and gazetteers come in with the loaded model (models/ner.v1.*).
 */
import { TokenKind, type Tokens } from '../text/tokens.ts';

export const TAG_O = 0;
export const TAG_B = 1;
export const TAG_I = 2;
export const TAGS = 3;
/** Transition rows: previous tag O, B, I, or the sentence start. */
const START = 3;

/** Bit sets of hashed names, each name set by two hashes (a Bloom filter). */
export interface Gazetteers {
  bits: number;
  /** Given names (first words of cast names in the film data). */
  given: Uint32Array;
  /** Surnames (last words of cast names). */
  surname: Uint32Array;
  /** Full names "First Last" (first and last word of a cast name). */
  full: Uint32Array;
  /** Words written in lower case mid-sentence most of the time (IMDB train). */
  common: Uint32Array;
  /** Characters' names: single-word names and last words of the "A as B" characters of the film data. */
  character: Uint32Array;
  /** Characters' two-word names "First Last". */
  characterPair: Uint32Array;
}

/** Order of the gazetteer bit sets in models/ner.v1.bin. */
export const GAZETTEER_SETS = ['given', 'surname', 'full', 'common', 'character', 'characterPair'] as const;

export interface PersonTaggerModel {
  /** log2 of the number of feature buckets. */
  bits: number;
  /** `2^bits × 3` weights, bucket-major; any scale (argmax only). */
  weights: Int16Array;
  /** 4 × 3 transition weights (from O, B, I, start) on the weights' scale. */
  trans: Float64Array;
  gaz: Gazetteers;
  /** The int16 scale of the weights (a weight is `weights[k] / scale` in perceptron units). */
  scale: number;
}

/** Sentence token ranges `[tokenStart, tokenEnd)`. */
export interface SentenceRange {
  tokenStart: number;
  tokenEnd: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Hashing

/** FNV-1a over the UTF-16 units of `s`, 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** hashString of `s.slice(from, to)`, without making the slice. */
function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(t: number, a: number, b: number): number {
  let h = Math.imul(t ^ 0x5bd1e995, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function bloomHas(set: Uint32Array, bits: number, h: number): boolean {
  const mask = (1 << bits) - 1;
  const a = h & mask;
  const b = Math.imul(h ^ (h >>> 16), 0x45d9f3b) & mask;
  return ((set[a >>> 5]! >>> (a & 31)) & 1) === 1 && ((set[b >>> 5]! >>> (b & 31)) & 1) === 1;
}

export function bloomAdd(set: Uint32Array, bits: number, h: number): void {
  const mask = (1 << bits) - 1;
  const a = h & mask;
  const b = Math.imul(h ^ (h >>> 16), 0x45d9f3b) & mask;
  set[a >>> 5]! |= 1 << (a & 31);
  set[b >>> 5]! |= 1 << (b & 31);
}

/**
 * Whether a two-word name is a character's of the film data ("Norman Bates", "Roy Batty": an "A as B" pair of a
 * film's lead) and no credited person's full name. Arguments in lower case.
 */
export function isCharacterName(gaz: Gazetteers, first: string, second: string): boolean {
  const ph = pairHash(hashString(first), hashString(second));
  return bloomHas(gaz.characterPair, gaz.bits, ph) && !bloomHas(gaz.full, gaz.bits, ph);
}

/** The bits of `wordKinds`. */
export const WORD_KIND = { given: 1, surname: 2, common: 4, character: 8 } as const;

/** What the film data knows a single word as (lower case): 1 a given name, 2 a surname, 4 a common word, 8 a character's. */
export function wordKinds(gaz: Gazetteers, word: string): number {
  const h = hashString(word);
  return (bloomHas(gaz.given, gaz.bits, h) ? 1 : 0) | (bloomHas(gaz.surname, gaz.bits, h) ? 2 : 0) | (bloomHas(gaz.common, gaz.bits, h) ? 4 : 0) | (bloomHas(gaz.character, gaz.bits, h) ? 8 : 0);
}

/** The hash a full-name pair is stored under. */
export function pairHash(first: number, last: number): number {
  return mix(0x77, first, last);
}

// ---------------------------------------------------------------------------------------------------------------
// Token views

/** Word shapes (small integers, used inside feature hashes). */
export const Shape = {
  punct: 0,
  number: 1,
  lower: 2,
  cap: 3,
  single: 4,
  allCaps: 5,
  mc: 6,
  mixed: 7,
  capHyphen: 8,
  digits: 9,
  initial: 10,
  openQuote: 11,
  closeQuote: 12,
  openParen: 13,
  closeParen: 14,
  dash: 15,
} as const;

const PARTICLE_LIST = ['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'du', 'le', 'la', 'dos', 'das', 'bin', 'ibn', 'ter', 'ten', 'af', 'zu', 'st'];
const PARTICLES: ReadonlySet<string> = new Set(PARTICLE_LIST);
const PARTICLE_HASHES: ReadonlySet<number> = new Set(PARTICLE_LIST.map((x) => hashString(x)));
// "It's", "that's": contractions, not possessives.
const CONTRACTIONS = new Set(['it', 'that', 'there', 'what', 'he', 'she', 'let', 'who', 'here', 'where', 'how', 'everyone', 'nobody', 'this', 'one', 'everybody', 'somebody', 'someone', 'nothing', 'something', 'everything']);

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase());
}
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c > 127 && String.fromCharCode(c) !== String.fromCharCode(c).toUpperCase());
}

/** Per-token integer views of one document (or one training sentence). */
export interface TokenViews {
  n: number;
  /** Hash of the lower-cased word, possessive ending removed. */
  low: Uint32Array;
  /** Hash of the word as written, possessive ending removed. */
  cased: Uint32Array;
  suf3: Uint32Array;
  suf2: Uint32Array;
  pre3: Uint32Array;
  shape: Uint8Array;
  /** 1: possessive ("Reeves's", "Reeves'"); 2: a name particle ("de", "van"); 4: scored by the tagger. */
  flags: Uint8Array;
  /** Gazetteer bits: 1 given, 2 surname, 4 common word, 8 full name with the next word, 16 with the previous,
   *  32 a character's word, 64 a character's two-word name with the next or the previous word. */
  gaz: Uint8Array;
  /** 0 first word of its sentence, 1 second, 2 third, 3 later. */
  pos: Uint8Array;
  /** Character end of each token without its possessive ending. */
  wordEnd: Int32Array;
}

const OPEN_Q = new Set(['"', '“', '«', '‘']);
const CLOSE_Q = new Set(['”', '»', '’']);

/** A token that may be part of a name: capitalised, an initial, all capitals, mixed case, or a particle. Every
 *  other token (lower-case words, numbers, punctuation) is tagged O without its features being read. */
export function nameCapable(shape: number, flags: number): boolean {
  return (shape !== Shape.lower && shape !== Shape.punct && shape !== Shape.number && shape < Shape.openQuote) || (flags & 2) === 2;
}

/** shapeOf a one-unit punctuation token, by its code (every quote, bracket and dash shapeOf knows is one unit). */
function punctShape(c: number): number {
  if (c === 34 || c === 0x201c || c === 0xab || c === 0x2018) return Shape.openQuote;
  if (c === 0x201d || c === 0xbb || c === 0x2019 || c === 39) return Shape.closeQuote;
  if (c === 40 || c === 91) return Shape.openParen;
  if (c === 41 || c === 93) return Shape.closeParen;
  if (c === 45 || c === 0x2013 || c === 0x2014) return Shape.dash;
  return Shape.punct;
}

function shapeOf(w: string, kind: number): number {
  if (kind === TokenKind.number) return Shape.number;
  if (kind === TokenKind.punct) {
    if (w === '"' || OPEN_Q.has(w)) return Shape.openQuote;
    if (CLOSE_Q.has(w) || w === "'") return Shape.closeQuote;
    if (w === '(' || w === '[') return Shape.openParen;
    if (w === ')' || w === ']') return Shape.closeParen;
    if (w === '-' || w === '–' || w === '—') return Shape.dash;
    return Shape.punct;
  }
  const c0 = w.charCodeAt(0);
  if (!isUpper(c0)) {
    for (let k = 1; k < w.length; k++) if (isUpper(w.charCodeAt(k))) return Shape.mixed;
    return Shape.lower;
  }
  if (w.length === 1) return Shape.single;
  let lowers = 0;
  let uppers = 1;
  let digits = false;
  let hyphen = false;
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (isLower(c)) lowers++;
    else if (isUpper(c)) uppers++;
    else if (c >= 48 && c <= 57) digits = true;
    else if (c === 45) hyphen = true;
  }
  if (digits) return Shape.digits;
  if (lowers === 0) return Shape.allCaps;
  if ((w.startsWith('Mc') || w.startsWith('Mac')) && uppers >= 2) return Shape.mc;
  if ((w[1] === "'" || w[1] === '’') && uppers >= 2) return Shape.mc;
  if (hyphen) return Shape.capHyphen;
  if (uppers > 1) return Shape.mixed;
  return Shape.cap;
}

/**
 * Integer views of the tokens of `sentences` (other tokens are left zero: features never look outside a sentence).
 */
export function tokenViews(text: string, tokens: Tokens, sentences: readonly SentenceRange[], gaz: Gazetteers | null): TokenViews {
  return viewsIn(new ArrayBuffer(tokens.count * VIEW_BYTES), text, tokens, sentences, gaz);
}

/** Bytes of views per token. */
const VIEW_BYTES = 28;

/** tokenViews, laid out at the start of `store` (zeroed, at least `VIEW_BYTES` per token). */
function viewsIn(store: ArrayBuffer, text: string, tokens: Tokens, sentences: readonly SentenceRange[], gaz: Gazetteers | null): TokenViews {
  const v = emptyViews(store, tokens.count);
  for (const sent of sentences) rangeViews(v, text, tokens, sent.tokenStart, sent.tokenStart, sent.tokenEnd, gaz);
  return v;
}

/** Zeroed views laid out at the start of `store`. */
function emptyViews(store: ArrayBuffer, n: number): TokenViews {
  return {
    n,
    low: new Uint32Array(store, 0, n),
    cased: new Uint32Array(store, n * 4, n),
    suf3: new Uint32Array(store, n * 8, n),
    suf2: new Uint32Array(store, n * 12, n),
    pre3: new Uint32Array(store, n * 16, n),
    wordEnd: new Int32Array(store, n * 20, n),
    shape: new Uint8Array(store, n * 24, n),
    flags: new Uint8Array(store, n * 25, n),
    gaz: new Uint8Array(store, n * 26, n),
    pos: new Uint8Array(store, n * 27, n),
  };
}

/**
 * The views of tokens `[from, to)` of the sentence starting at `sentStart`. Each token's views are those of the
 * whole sentence's reading, but for the pair bits of the gazetteer (8, 16, 64), read only for pairs inside the
 * range: exact from `from + 1` to `to - 2` (and at the sentence's ends).
 */
function rangeViews(v: TokenViews, text: string, tokens: Tokens, sentStart: number, from: number, to: number, gaz: Gazetteers | null): void {
  for (let i = from; i < to; i++) if (!plainView(v, text, tokens, i)) fullView(v, text, tokens, i, gaz);
  positions(v, tokens, sentStart, from, to);
  if (gaz) gazetteerPairs(v, tokens, from, to, gaz);
  markScored(v, from, to, gaz);
}

/**
 * The views of token `i` when it is punctuation, a number or a plain lower-case ASCII word (most tokens), with no
 * string made: the same hashes, shapes and flags as `fullView`. False, with nothing written, for any other token.
 */
function plainView(v: TokenViews, text: string, tokens: Tokens, i: number): boolean {
  const s = tokens.start[i]!;
  const e = tokens.end[i]!;
  const kind = tokens.kind[i]!;
  const c0 = text.charCodeAt(s);
  if (kind === TokenKind.word && !(c0 >= 97 && c0 <= 122)) return false;
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (kind === TokenKind.word && ((c >= 65 && c <= 90) || c > 127)) return false;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  const len = e - s;
  if (kind === TokenKind.word && len > 2 && text.charCodeAt(e - 1) === 115 && text.charCodeAt(e - 2) === 39) return false;
  const { n, low, flags } = v;
  low[i] = h >>> 0;
  v.wordEnd[i] = e;
  if (kind === TokenKind.word) {
    v.shape[i] = Shape.lower;
    if (PARTICLE_HASHES.has(low[i]!)) flags[i] = 2;
    if (i + 1 < n && tokens.start[i + 1] === e && (text.charCodeAt(e) === 39 || text.charCodeAt(e) === 0x2019) && text.charCodeAt(e - 1) === 115 && !(i + 2 < n && tokens.start[i + 2] === e + 1 && tokens.kind[i + 2] === TokenKind.word)) flags[i] = flags[i]! | 1;
  } else v.shape[i] = kind === TokenKind.number ? Shape.number : len === 1 ? punctShape(c0) : Shape.punct;
  return true;
}

/** The views of token `i` read from its string: possessives, shape, particles, hashes and gazetteer bits. */
function fullView(v: TokenViews, text: string, tokens: Tokens, i: number, gaz: Gazetteers | null): void {
  const { n, low, flags } = v;
  const s = tokens.start[i]!;
  let e = tokens.end[i]!;
  const kind = tokens.kind[i]!;
  let w = text.slice(s, e);
  if (kind === TokenKind.word) {
    const len = w.length;
    if (len > 2 && (w.endsWith("'s") || w.endsWith('’s')) && !CONTRACTIONS.has(w.slice(0, len - 2).toLowerCase())) {
      w = w.slice(0, len - 2);
      e -= 2;
      flags[i] = 1;
    } else if (i + 1 < n && tokens.start[i + 1] === e && (text[e] === "'" || text[e] === '’') && w.endsWith('s') && !(i + 2 < n && tokens.start[i + 2] === e + 1 && tokens.kind[i + 2] === TokenKind.word)) {
      flags[i] = 1;
    }
  }
  v.wordEnd[i] = e;
  let sh = shapeOf(w, kind);
  // "J." with the period touching it: an initial.
  if (sh === Shape.single && i + 1 < n && tokens.start[i + 1] === e && text.charCodeAt(e) === 46) sh = Shape.initial;
  v.shape[i] = sh;
  if (PARTICLES.has(w) || ((w === 'Van' || w === 'Von' || w === 'De' || w === 'Del' || w === 'La' || w === 'Le' || w === 'Da' || w === 'Di') && i + 1 < n)) flags[i] |= 2;
  const lw = sh === Shape.lower || sh === Shape.punct || sh === Shape.number || sh >= Shape.openQuote ? w : w.toLowerCase();
  low[i] = hashString(lw);
  if (!nameCapable(sh, flags[i]!)) return;
  v.cased[i] = hashString(w);
  const L = lw.length;
  v.suf3[i] = L > 3 ? hashRange(lw, L - 3, L) : low[i]!;
  v.suf2[i] = L > 2 ? hashRange(lw, L - 2, L) : low[i]!;
  v.pre3[i] = L > 3 ? hashRange(lw, 0, 3) : low[i]!;
  // Gazetteers only for tokens that can be part of a name (the lookups are the costly part of the views).
  if (gaz && kind === TokenKind.word) {
    let m = 0;
    if (bloomHas(gaz.given, gaz.bits, low[i]!)) m |= 1;
    if (bloomHas(gaz.surname, gaz.bits, low[i]!)) m |= 2;
    if (bloomHas(gaz.common, gaz.bits, low[i]!)) m |= 4;
    if (bloomHas(gaz.character, gaz.bits, low[i]!)) m |= 32;
    v.gaz[i] = m;
  }
}

/** Each token's position in its sentence (0, 1, 2, then 3 for the rest), for tokens `[from, to)`. */
function positions(v: TokenViews, tokens: Tokens, sentStart: number, from: number, to: number): void {
  let p = 0;
  for (let i = sentStart; i < to; i++) {
    if (i >= from) v.pos[i] = p;
    // Opening punctuation keeps the next word sentence-initial.
    if (tokens.kind[i] !== TokenKind.punct && p < 3) p++;
    else if (p >= 3 && i < from) i = from - 1;
  }
}

/** The gazetteer's pair bits (8, 16: a full name; 64: a character's) of the word pairs inside `[from, to)`. */
function gazetteerPairs(v: TokenViews, tokens: Tokens, from: number, to: number, gaz: Gazetteers): void {
  const { low, shape, flags } = v;
  const g = v.gaz;
  for (let i = from; i + 1 < to; i++) {
    if (tokens.kind[i + 1] !== TokenKind.word || (flags[i]! & 1) === 1 || tokens.kind[i] !== TokenKind.word || !nameCapable(shape[i]!, flags[i]!) || !nameCapable(shape[i + 1]!, flags[i + 1]!)) continue;
    const ph = pairHash(low[i]!, low[i + 1]!);
    if ((g[i]! & 1) === 1 && bloomHas(gaz.full, gaz.bits, ph)) {
      g[i] = g[i]! | 8;
      g[i + 1] = g[i + 1]! | 16;
    }
    if (bloomHas(gaz.characterPair, gaz.bits, ph)) {
      g[i] = g[i]! | 64;
      g[i + 1] = g[i + 1]! | 64;
    }
  }
}

/**
 * Tokens that can be part of a name are scored, except the pronoun "I" and a sentence's first word when it is a
 * common word and no known name ("The", "This", "When"): those are O without their features being read.
 */
function markScored(v: TokenViews, from: number, to: number, gaz: Gazetteers | null): void {
  const { shape, flags, low, pos } = v;
  const g = v.gaz;
  for (let i = from; i < to; i++) {
    if (!nameCapable(shape[i]!, flags[i]!)) continue;
    const gi = g[i]!;
    if ((shape[i] === Shape.single && low[i] === I) || (gaz && pos[i] === 0 && (gi & 4) === 4 && (gi & 3) === 0)) continue;
    flags[i] = flags[i]! | 4;
  }
}
const I = hashString('i');

/** A token the tagger scores (see tokenViews); every other token is O. */
export function scored(v: TokenViews, i: number): boolean {
  return (v.flags[i]! & 4) === 4;
}

// ---------------------------------------------------------------------------------------------------------------
// Features

/** Most features one token can have (the size of the per-token feature buffer). */
export const MAX_FEATURES = 32;
const BOUNDARY = 0x9e3779b9;

/**
 * The feature buckets of token `i` of the sentence `[from, to)`, written to `out`; returns how many.
 * The same function serves training and inference.
 */
export function tokenFeatures(v: TokenViews, from: number, to: number, i: number, mask: number, out: Int32Array): number {
  // Neighbours, with boundary values outside the sentence (no closures: this runs for every scored token).
  const hm2 = i - 2 >= from;
  const hm1 = i - 1 >= from;
  const hp1 = i + 1 < to;
  const hp2 = i + 2 < to;
  const lwm2 = hm2 ? v.low[i - 2]! : BOUNDARY - 2;
  const lwm1 = hm1 ? v.low[i - 1]! : BOUNDARY - 1;
  const lwp1 = hp1 ? v.low[i + 1]! : BOUNDARY + 1;
  const lwp2 = hp2 ? v.low[i + 2]! : BOUNDARY + 2;
  const sm2 = hm2 ? v.shape[i - 2]! : 31;
  const sm1 = hm1 ? v.shape[i - 1]! : 31;
  const sp1 = hp1 ? v.shape[i + 1]! : 31;
  const sp2 = hp2 ? v.shape[i + 2]! : 31;
  const gm1 = hm1 ? v.gaz[i - 1]! : 0;
  const gp1 = hp1 ? v.gaz[i + 1]! : 0;
  const fm1 = hm1 ? v.flags[i - 1]! & 3 : 0;
  const fp1 = hp1 ? v.flags[i + 1]! & 3 : 0;
  const s0 = v.shape[i]!;
  const g0 = v.gaz[i]!;
  const f0 = v.flags[i]! & 3;
  const p0 = v.pos[i]!;
  const w0 = v.low[i]!;
  out[0] = mix(1, 0, 0) & mask;
  out[1] = mix(2, w0, 0) & mask;
  out[2] = mix(3, s0, 0) & mask;
  out[3] = mix(4, v.suf3[i]!, 0) & mask;
  out[4] = mix(5, v.suf2[i]!, 0) & mask;
  out[5] = mix(6, v.pre3[i]!, 0) & mask;
  out[6] = mix(7, lwm1, 0) & mask;
  out[7] = mix(8, lwp1, 0) & mask;
  out[8] = mix(9, lwm2, 0) & mask;
  out[9] = mix(10, lwp2, 0) & mask;
  out[10] = mix(11, sm1, s0) & mask;
  out[11] = mix(12, s0, sp1) & mask;
  out[12] = mix(13, sm1 * 32 + s0, sp1) & mask;
  out[13] = mix(14, lwm1, s0) & mask;
  out[14] = mix(15, s0, lwp1) & mask;
  out[15] = mix(16, p0, s0) & mask;
  out[16] = mix(17, g0, s0) & mask;
  out[17] = mix(18, gm1 * 32 + sm1, s0) & mask;
  out[18] = mix(19, gp1 * 32 + sp1, s0) & mask;
  out[19] = mix(20, f0, s0) & mask;
  out[20] = mix(21, fm1 * 32 + sm1, s0) & mask;
  out[21] = mix(22, v.cased[i]!, 0) & mask;
  out[22] = mix(23, p0 * 64 + g0, s0) & mask;
  out[23] = mix(24, sm2 * 32 + sm1, s0 * 32 + sp1) & mask;
  out[24] = mix(25, lwm1, w0) & mask;
  out[25] = mix(26, fp1 * 32 + sp1, s0) & mask;
  out[26] = mix(27, s0 * 32 + sp1, sp2) & mask;
  out[27] = mix(28, gm1, g0 * 32 + gp1) & mask;
  return 28;
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

/** BIO: I only after B or I. */
export function allowed(prev: number, tag: number): boolean {
  return !(tag === TAG_I && (prev === TAG_O || prev === START));
}

/**
 * Emission scores of the sentence `[from, to)`: `scores[(i - from) * 3 + tag]`.
 * `weights` is any numeric array of `2^bits × 3` (Int16Array when shipped, Float64Array while training).
 */
export function emissions(v: TokenViews, from: number, to: number, weights: ArrayLike<number>, bits: number, scores: Float64Array, feats: Int32Array, wFrom = from, wTo = to): void {
  // `[wFrom, wTo)`: the tokens scored (a window of the sentence, `scores` from wFrom); features see the sentence.
  const mask = (1 << bits) - 1;
  for (let i = wFrom; i < wTo; i++) {
    const r0 = (i - wFrom) * 3;
    if (!scored(v, i)) {
      scores[r0] = 0;
      scores[r0 + 1] = -1e9;
      scores[r0 + 2] = -1e9;
      continue;
    }
    const nf = tokenFeatures(v, from, to, i, mask, feats);
    let o = 0;
    let b = 0;
    let c = 0;
    for (let k = 0; k < nf; k++) {
      const at = feats[k]! * 3;
      o += weights[at]!;
      b += weights[at + 1]!;
      c += weights[at + 2]!;
    }
    const r = r0;
    scores[r] = o;
    scores[r + 1] = b;
    // A possessive ends a name: "Ian McShane's Winston" is two.
    scores[r + 2] = i > from && (v.flags[i - 1]! & 1) === 1 ? -1e9 : c;
  }
}

/**
 * Viterbi over emission scores of `len` tokens; `trans[prev * 3 + tag]` with prev 3 = start. `allow`, when
 * given, limits the tags of each token (bit t set: tag t allowed), for training on partly labelled sentences.
 * Writes the best path to `tags[0..len)`; returns its score.
 */
export function viterbi(scores: Float64Array, len: number, trans: ArrayLike<number>, tags: Uint8Array, allow?: Uint8Array, back?: Uint8Array): number {
  if (len === 0) return 0;
  const bp = back && back.length >= len * 3 ? back : new Uint8Array(len * 3);
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  const NEG = -Infinity;
  for (let t = 0; t < 3; t++) {
    const ok = allowed(START, t) && (!allow || (allow[0]! >> t) & 1);
    const s = ok ? scores[t]! + trans[START * 3 + t]! : NEG;
    if (t === 0) d0 = s;
    else if (t === 1) d1 = s;
    else d2 = s;
  }
  for (let i = 1; i < len; i++) {
    let e0 = NEG;
    let e1 = NEG;
    let e2 = NEG;
    const a = allow ? allow[i]! : 7;
    const r = i * 3;
    // To O or B: from any tag; to I: from B or I only.
    for (let t = 0; t < 3; t++) {
      if (!((a >> t) & 1)) continue;
      const c0 = t === TAG_I ? NEG : d0 + trans[t]!;
      const c1 = d1 + trans[3 + t]!;
      const c2 = d2 + trans[6 + t]!;
      let best = c0;
      let arg = 0;
      if (c1 > best) {
        best = c1;
        arg = 1;
      }
      if (c2 > best) {
        best = c2;
        arg = 2;
      }
      bp[r + t] = arg;
      const s = best + scores[r + t]!;
      if (t === 0) e0 = s;
      else if (t === 1) e1 = s;
      else e2 = s;
    }
    d0 = e0;
    d1 = e1;
    d2 = e2;
  }
  let last = 0;
  let best = d0;
  if (d1 > best) {
    best = d1;
    last = 1;
  }
  if (d2 > best) {
    best = d2;
    last = 2;
  }
  tags[len - 1] = last;
  for (let i = len - 1; i > 0; i--) tags[i - 1] = bp[i * 3 + tags[i]!]!;
  return best;
}

/** A person span found by the tagger: tokens `[from, to)`, characters `[start, end)` (possessive ending left out). */
export interface TaggedSpan {
  from: number;
  to: number;
  start: number;
  end: number;
  /** Margin of the best path over the best path without this span, on the weights' scale (larger: surer). */
  score: number;
}

/** Tag every sentence of a document: BIO tags per token (TAG_O/B/I). */
export function tagTokens(model: PersonTaggerModel, text: string, tokens: Tokens, sentences: readonly SentenceRange[], views?: TokenViews): { tags: Uint8Array; views: TokenViews } {
  const v = views ?? tokenViews(text, tokens, sentences, model.gaz);
  const tags = new Uint8Array(v.n);
  let maxLen = 0;
  for (const s of sentences) maxLen = Math.max(maxLen, s.tokenEnd - s.tokenStart);
  const scores = new Float64Array(maxLen * 3);
  const feats = new Int32Array(MAX_FEATURES);
  const path = new Uint8Array(maxLen);
  const back = new Uint8Array(maxLen * 3);
  for (const s of sentences) {
    const len = s.tokenEnd - s.tokenStart;
    if (len === 0) continue;
    // A sentence without a capitalised word has no names: skip the features.
    let caps = false;
    for (let i = s.tokenStart; i < s.tokenEnd && !caps; i++) if (scored(v, i)) caps = true;
    if (!caps) continue;
    emissions(v, s.tokenStart, s.tokenEnd, model.weights, model.bits, scores, feats);
    viterbi(scores, len, model.trans, path, undefined, back);
    tags.set(path.subarray(0, len), s.tokenStart);
  }
  return { tags, views: v };
}

/**
 * Max-marginals of `len` tokens: `margin[i]` = best path score with token i in a name minus best path score with
 * token i outside one (positive exactly where Viterbi tags a person, ties aside), divided by `scale`.
 */
export function maxMarginals(scores: Float64Array, len: number, trans: ArrayLike<number>, scale: number, out: Float32Array, at: number, work: Float64Array): void {
  const NEG = -Infinity;
  const alpha = work;
  const beta = work;
  const B = len * 3;
  for (let t = 0; t < 3; t++) alpha[t] = allowed(START, t) ? scores[t]! + trans[START * 3 + t]! : NEG;
  for (let i = 1; i < len; i++) {
    for (let t = 0; t < 3; t++) {
      let best = NEG;
      for (let p = t === TAG_I ? 1 : 0; p < 3; p++) {
        const c = alpha[(i - 1) * 3 + p]! + trans[p * 3 + t]!;
        if (c > best) best = c;
      }
      alpha[i * 3 + t] = best + scores[i * 3 + t]!;
    }
  }
  for (let t = 0; t < 3; t++) beta[B + (len - 1) * 3 + t] = 0;
  for (let i = len - 2; i >= 0; i--) {
    for (let t = 0; t < 3; t++) {
      let best = NEG;
      for (let q = 0; q < (t === TAG_O ? 2 : 3); q++) {
        const c = trans[t * 3 + q]! + scores[(i + 1) * 3 + q]! + beta[B + (i + 1) * 3 + q]!;
        if (c > best) best = c;
      }
      beta[B + i * 3 + t] = best;
    }
  }
  for (let i = 0; i < len; i++) {
    const o = alpha[i * 3]! + beta[B + i * 3]!;
    const b = alpha[i * 3 + 1]! + beta[B + i * 3 + 1]!;
    const c = alpha[i * 3 + 2]! + beta[B + i * 3 + 2]!;
    out[at + i] = (Math.max(b, c) - o) / scale;
  }
}

/**
 * The tagger's margin for every token of a document (see maxMarginals): positive in a name, negative outside;
 * sentences without a capitalised word get -Infinity without being read. `wanted` (one byte per sentence), when
 * given, limits the reading to the sentences marked 1.
 */
export function personMargins(model: PersonTaggerModel, text: string, tokens: Tokens, all: readonly SentenceRange[], wanted?: Uint8Array, targets?: Uint8Array): Float32Array {
  // Only the wanted sentences are read; the tokens of the others get NaN (no reading).
  const sentences = wanted ? wantedSentences(all, wanted) : all;
  const n = tokens.count;
  let maxLen = 0;
  for (const s of sentences) maxLen = Math.max(maxLen, s.tokenEnd - s.tokenStart);
  // One allocation for the views, the margins and the work buffers: scores (maxLen × 3), work (maxLen × 6), features.
  const at = (n * (VIEW_BYTES + 4) + 7) & ~7;
  const store = new ArrayBuffer(at + maxLen * 72 + MAX_FEATURES * 4);
  // With targets, each sentence's views are read only around its targets first (see marginWindows).
  const v = targets ? emptyViews(store, n) : viewsIn(store, text, tokens, sentences, model.gaz);
  const out = new Float32Array(store, n * VIEW_BYTES, n).fill(wanted ? NaN : -Infinity);
  const work: MarginWork = { scores: new Float64Array(store, at, maxLen * 3), work: new Float64Array(store, at + maxLen * 24, maxLen * 6), feats: new Int32Array(store, at + maxLen * 72, MAX_FEATURES), out };
  if (wanted) for (const s of sentences) out.fill(-Infinity, s.tokenStart, s.tokenEnd);
  if (targets) {
    for (const s of sentences) targetMargins(model, v, text, tokens, s, targets, work);
    return out;
  }
  for (const s of sentences) {
    let caps = false;
    for (let i = s.tokenStart; i < s.tokenEnd && !caps; i++) if (scored(v, i)) caps = true;
    if (!caps) continue;
    emissions(v, s.tokenStart, s.tokenEnd, model.weights, model.bits, work.scores, work.feats);
    maxMarginals(work.scores, s.tokenEnd - s.tokenStart, model.trans, model.scale, out, s.tokenStart, work.work);
  }
  return out;
}

/** The sentences of `all` marked 1 in `wanted`. */
function wantedSentences(all: readonly SentenceRange[], wanted: Uint8Array): SentenceRange[] {
  const out: SentenceRange[] = [];
  for (let k = 0; k < all.length; k++) if (wanted[k] === 1) out.push(all[k]!);
  return out;
}

/** The buffers one document's margins are computed in, and the margins. */
interface MarginWork {
  readonly scores: Float64Array;
  readonly work: Float64Array;
  readonly feats: Int32Array;
  readonly out: Float32Array;
}

/** The margins of sentence `s`'s targets: its views read around them first, the whole sentence when a window reaches past. */
function targetMargins(model: PersonTaggerModel, v: TokenViews, text: string, tokens: Tokens, s: SentenceRange, targets: Uint8Array, m: MarginWork): void {
  let lo = -1;
  let hi = -1;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    if (!targets[i]) continue;
    if (lo < 0) lo = i;
    hi = i;
  }
  if (lo < 0) return;
  const z0 = Math.max(s.tokenStart, lo - ZONE);
  const z1 = Math.min(s.tokenEnd, hi + 1 + ZONE);
  rangeViews(v, text, tokens, s.tokenStart, z0, z1, model.gaz);
  if (marginWindows(model, v, s, targets, m.scores, m.work, m.feats, m.out, z0, z1)) return;
  // A window reaches past the zone: the whole sentence, read afresh.
  if (z0 > s.tokenStart || z1 < s.tokenEnd) {
    clearViews(v, s.tokenStart, s.tokenEnd);
    rangeViews(v, text, tokens, s.tokenStart, s.tokenStart, s.tokenEnd, model.gaz);
    marginWindows(model, v, s, targets, m.scores, m.work, m.feats, m.out, s.tokenStart, s.tokenEnd);
  }
}

/**
 * The margins of the sentence's `targets` tokens only, each read over a window of the sentence. A token the
 * tagger does not score is O (its B and I cost 1e9), so the chain splits there: a window from one such token to
 * another gives its inner tokens the sentence's own margins (the scores are integers, so exactly; the split
 * tokens themselves keep -Infinity). Windows cover the stretches that hold a target, and both sides of a target
 * that is itself a split token. The views are read for `[z0, z1)` only: false, with nothing written, when a window
 * or its features reach past them, or when they hold no scored token and the sentence may (a sentence without one
 * is not read: its margins stay -Infinity).
 */
function marginWindows(model: PersonTaggerModel, v: TokenViews, s: SentenceRange, targets: Uint8Array, scores: Float64Array, work: Float64Array, feats: Int32Array, out: Float32Array, z0: number, z1: number): boolean {
  const from = s.tokenStart;
  const to = s.tokenEnd;
  const whole = z0 === from && z1 === to;
  // Split tokens, with from - 1 and to standing for the sentence's ends (and z0 - 1, z1 for the unread rest).
  const split: number[] = [z0 - 1];
  let caps = false;
  for (let i = z0; i < z1; i++) {
    if (!scored(v, i)) split.push(i);
    else caps = true;
  }
  if (!caps) return whole;
  split.push(z1);
  const segs = split.length - 1;
  // need[k]: segment k (between split[k] and split[k + 1]) lies in a window.
  const need = new Uint8Array(segs);
  for (let k = 0; k < segs; k++) {
    for (let i = split[k]! + 1; i < split[k + 1]!; i++) if (targets[i]) need[k] = 1;
    const u = split[k + 1]!;
    if (u < to && targets[u]) need[k] = need[k + 1] = 1;
  }
  // Each window from a split token (or the sentence's start) to another (or its end), as [l, r] pairs; none may
  // read views (two tokens either side, the gazetteer pairs one further) outside the zone.
  const windows: number[] = [];
  for (let k = 0; k < segs; k++) {
    if (!need[k]) continue;
    let m = k;
    while (m + 1 < segs && need[m + 1]) m++;
    const l = split[k]!;
    const r = split[m + 1]!;
    if ((z0 > from && (l < z0 || l - 2 < z0)) || (z1 < to && (r >= z1 || r + 3 > z1))) return false;
    windows.push(l, r);
    k = m;
  }
  for (let w = 0; w < windows.length; w += 2) {
    const l = windows[w]!;
    const r = windows[w + 1]!;
    const a = l < from ? from : l;
    const b = r >= to ? to : r + 1;
    emissions(v, from, to, model.weights, model.bits, scores, feats, a, b);
    maxMarginals(scores, b - a, model.trans, model.scale, out, a, work);
    if (l >= from) out[l] = -Infinity;
    if (r < to) out[r] = -Infinity;
  }
  return true;
}

/** Tokens read around a sentence's targets before a window may reach past them. */
const ZONE = 8;

function clearViews(v: TokenViews, from: number, to: number): void {
  for (const a of [v.low, v.cased, v.suf3, v.suf2, v.pre3, v.wordEnd, v.shape, v.flags, v.gaz, v.pos]) a.fill(0, from, to);
}

/** Person spans from BIO tags. */
export function spansOf(tags: Uint8Array, tokens: Tokens, views: TokenViews): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let i = 0;
  const n = tags.length;
  while (i < n) {
    if (tags[i] !== TAG_B) {
      i++;
      continue;
    }
    const from = i++;
    while (i < n && tags[i] === TAG_I) i++;
    out.push({ from, to: i, start: tokens.start[from]!, end: views.wordEnd[i - 1]!, score: 0 });
  }
  return out;
}

/** Find the person names of a document. */
export function tagPersons(model: PersonTaggerModel, text: string, tokens: Tokens, sentences: readonly SentenceRange[]): TaggedSpan[] {
  const { tags, views } = tagTokens(model, text, tokens, sentences);
  return spansOf(tags, tokens, views);
}

// ---------------------------------------------------------------------------------------------------------------
// Model bytes

/** Header of models/ner.v1.json. */
export interface PersonTaggerHeader {
  format: 'ner.v1';
  bits: number;
  gazBits: number;
  /** Transition weights, 12 numbers on the int16 scale. */
  trans: number[];
  /** The weights' scale: int16 value = round(weight × scale). */
  scale: number;
}

/** Bytes of models/ner.v1.bin: int16 weights (`2^bits × 3`), then the gazetteer bit sets in GAZETTEER_SETS order. */
export function personTaggerFromParts(h: PersonTaggerHeader, bytes: Uint8Array): PersonTaggerModel {
  const nw = (1 << h.bits) * 3;
  const words = 1 << (h.gazBits - 5);
  const need = nw * 2 + GAZETTEER_SETS.length * words * 4;
  if (bytes.byteLength !== need) throw new Error(`ner model: expected ${need} bytes, got ${bytes.byteLength}`);
  // Copy into aligned buffers when the view is not (a Node Buffer may sit at any offset of its pool).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const buf = aligned.buffer;
  const off = aligned.byteOffset;
  const weights = new Int16Array(buf, off, nw);
  const set = (k: number): Uint32Array => new Uint32Array(buf, off + nw * 2 + k * words * 4, words);
  const gaz = { bits: h.gazBits } as Gazetteers;
  GAZETTEER_SETS.forEach((name, k) => (gaz[name] = set(k)));
  return { bits: h.bits, weights, trans: Float64Array.from(h.trans), gaz, scale: h.scale };
}
