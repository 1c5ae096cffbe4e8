/**
 * Clause-level opinion reading over the Doc's token arrays: normalised words, clause spans, opinion hits with
 * negation and degree words applied, and the model's polarity of each clause. Shared by aspects, targets and
 * quotes; the words it knows are the model's (models/lexicons/aspects.json, opinion-sst.json).
 */
import { WORD, wordTableGet, type AspectLexicon, type Lexicon, type WordTable } from '../lexicon.ts';
import type { Model } from '../model.ts';
import { spanPolarity } from '../sentiment/index.ts';
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';

/** What the clause machinery reads of a document context. */
export interface ClauseView {
  readonly doc: Doc;
  readonly words: readonly string[];
  readonly lexicon: Lexicon;
  /** The doc's `wordCodes`, when the context keeps them (read once per review, shared by every reader). */
  readonly codes?: Uint16Array;
}

/** Lower-cased token strings of the whole doc (curly apostrophes read as straight ones). */
export function docWords(doc: Doc): string[] {
  const { text, tokens } = doc;
  const out = new Array<string>(tokens.count);
  // The whole text lower-cased once and cut, unless a letter changes length (İ) or reads by its neighbours (Σ).
  const lower = text.toLowerCase();
  if (lower.length === text.length && !text.includes('Σ')) for (let i = 0; i < tokens.count; i++) out[i] = lower.slice(tokens.start[i], tokens.end[i]);
  else for (let i = 0; i < tokens.count; i++) out[i] = text.slice(tokens.start[i], tokens.end[i]).toLowerCase();
  // Curly apostrophes found in the text, not word by word.
  let t = 0;
  for (let at = text.indexOf('’'); at >= 0 && t < tokens.count; at = text.indexOf('’', at + 1)) {
    while (t < tokens.count && tokens.end[t]! <= at) t++;
    if (t < tokens.count && tokens.start[t]! <= at) out[t] = out[t]!.replaceAll('’', "'");
  }
  return out;
}

/** Per-token flag beside the lexicon's WORD flags: a word longer than three letters with a hyphen (a compound read part by part). */
export const HYPHEN = 1 << 15;

/** WORD flags (and HYPHEN) of a word: one lookup for every table the clause readers ask. */
export function wordCode(lex: AspectLexicon, w: string): number {
  const c = wordTableGet(lex.wordCodes, w);
  return w.length > 3 && w.includes('-') ? c | HYPHEN : c;
}

/** `wordCode` of every token of the doc, read once for the aspect finder's clauses. */
export function wordCodes(lex: AspectLexicon, doc: Doc, words: readonly string[]): Uint16Array {
  return wordCodesInto(lex, doc, words, 0, words.length, new Uint16Array(words.length));
}

/**
 * `wordTableGet` of a token by the tokenizer's hash of it (`hash`) instead of hashing its word again: the same FNV-1a
 * for every word the table holds, whose letters lower-case one by one as the whole word does (a test checks).
 */
function tokenCode(t: WordTable, hash: number, w: string): number {
  for (let s = hash & t.mask; ; s = (s + 1) & t.mask) {
    const k = t.slots[s]!;
    if (k < 0) return 0;
    if (t.hashes[s] === hash && t.words[k] === w) return t.codes[k]!;
  }
}

/** `wordCode` of tokens `[from, to)` into `out` (indexed by token). */
export function wordCodesInto(lex: AspectLexicon, doc: Doc, words: readonly string[], from: number, to: number, out: Uint16Array): Uint16Array {
  if (from >= to) return out;
  const table = lex.wordCodes;
  const hash = doc.tokens.hash;
  for (let i = from; i < to; i++) out[i] = tokenCode(table, hash[i]!, words[i]!);
  // Hyphens found in the text, not word by word (lower-casing keeps them).
  const { text } = doc;
  const { start, end } = doc.tokens;
  const last = end[to - 1]!;
  let t = from;
  for (let at = text.indexOf('-', start[from]); at >= 0 && at < last; at = text.indexOf('-', at + 1)) {
    while (end[t]! <= at) t++;
    if (start[t]! <= at && words[t]!.length > 3) out[t]! |= HYPHEN;
  }
  return out;
}

const isNegator = (lex: AspectLexicon, w: string): boolean => lex.negators.has(w) || w.endsWith("n't");

/** Does an opinion word come at `i` (after at most one degree word)? Then "familiar but compelling", ", and plain
 * stupid" coordinate words of one clause rather than start a new one. */
function opinionFollows(lex: AspectLexicon, words: readonly string[], i: number, to: number): boolean {
  if (i >= to) return false;
  if (opinionOf(lex, words[i]!) !== 0) return true;
  return lex.intensifiers.has(words[i]!) || words[i] === 'plain' ? i + 1 < to && opinionOf(lex, words[i + 1]!) !== 0 : false;
}

/**
 * Longest clause, in tokens. Every opinion word of a clause reaches every term of it (termScores), so a clause's
 * cost grows with its square: a run-on "clause" longer than any sentence a critic writes is cut into pieces of
 * this length, which keeps the analyser linear on any input.
 */
export const MAX_CLAUSE_TOKENS = 256;

/**
 * `wordCode` of tokens `[from, to)` (indexed by token) for a reader given no doc codes: the readers then index
 * one typed array either way, with no per-call closure choosing between the two.
 */
function rangeCodes(lex: AspectLexicon, words: readonly string[], from: number, to: number): Uint16Array {
  const out = new Uint16Array(to);
  for (let i = from; i < to; i++) out[i] = wordCode(lex, words[i]!);
  return out;
}

/** The word after token `i`, or '' at the end of the doc: an in-bounds read, and always a string to compare (no deopt at the last token). */
export const wordAfter = (words: readonly string[], i: number): string => (i + 1 < words.length ? words[i + 1]! : '');

/** Does a clause break at punctuation token `i` (clause punctuation, "--", or ", and" not coordinating opinion words)? */
function punctBreak(lex: AspectLexicon, words: readonly string[], i: number, to: number, c: number): boolean {
  if (c & WORD.clausePunct) return true;
  const w = words[i]!;
  if (w === '-') return wordAfter(words, i) === '-';
  if (w !== ',') return false;
  const next = wordAfter(words, i);
  return (next === 'and' || next === 'but' || next === 'though') && !opinionFollows(lex, words, i + 2, to);
}

/** Token ranges `[start, end)` of the clauses of tokens `[from, to)`, cut at contrast words and clause punctuation. */
export function clauseRanges(ctx: ClauseView, from: number, to: number): [number, number][] {
  const { doc, words } = ctx;
  const lex = ctx.lexicon.aspects;
  const codes = ctx.codes ?? rangeCodes(lex, words, from, to);
  const kind = doc.tokens.kind;
  const out: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (i - start >= MAX_CLAUSE_TOKENS) {
      out.push([start, i]);
      start = i;
    }
    const c = codes[i]!;
    if (kind[i] === TokenKind.punct) {
      if (punctBreak(lex, words, i, to, c)) {
        if (i > start) out.push([start, i]);
        start = i + 1;
      }
    } else if (c & WORD.clauseWord && i > start && !opinionFollows(lex, words, i + 1, to)) {
      // "even though", "but also": the break goes before the whole connective.
      // (The position test first: it runs for every connective, so the rare "even" finds it compiled.)
      const at = i - 1 > start && words[i - 1] === 'even' ? i - 1 : i;
      out.push([start, at]);
      start = at;
    }
  }
  if (to > start) out.push([start, to]);
  return out;
}

/** "uneven and long.", "it feels long,": "long" said of the film at the end of a clause is a fault of its length. */
export function predicateLong(lex: AspectLexicon, words: readonly string[], i: number, to: number): boolean {
  if (words[i] !== 'long' || i === 0) return false;
  const next = i + 1 < to ? words[i + 1]! : '.';
  return lex.longBefore.has(words[i - 1]!) && (next === '.' || next === ',' || next === '!' || next === ';' || next === 'and');
}

/** One opinion word in a clause, its value after negation and degree words. */
export interface OpinionHit {
  token: number;
  value: number;
}

/** Is the aspect term at `i` (whose word code is `c`) denied ("no chemistry", "lacks any real story", "even less of a story")? */
function deniedTerm(lex: AspectLexicon, words: readonly string[], i: number, from: number, c: number): boolean {
  if (!(c & WORD.aspectTerm)) return false;
  for (let j = i - 1; j >= Math.max(from, i - 4); j--) {
    if (lex.deniers.has(words[j]!)) return true;
    if (!lex.denialBridge.has(words[j]!)) return false;
  }
  return false;
}

/** Base value of an opinion word, or 0. Hyphenated compounds read part by part ("not-very-funny"). */
export function opinionOf(lex: AspectLexicon, w: string): number {
  // Direct words first, then adverbs of opinion adjectives ("refreshingly" → "refreshing", "clumsily" → "clumsy").
  const v = lex.opinionValue.get(w);
  if (v !== undefined) return v;
  if (w.length < 5 || !w.includes('-')) return 0;
  return compoundOpinion(lex, w);
}

/** `opinionOf` a word whose code is `c`: the table's value, else a compound's, without a lookup for most words. */
function codedOpinion(lex: AspectLexicon, w: string, c: number): number {
  if (c & WORD.opinionValue) return lex.opinionValue.get(w)!;
  return c & HYPHEN && w.length >= 5 ? compoundOpinion(lex, w) : 0;
}

/** Value of a hyphenated compound with no value of its own, part by part. */
function compoundOpinion(lex: AspectLexicon, w: string): number {
  let sign = 1;
  let mult = 1;
  let out = 0;
  for (const part of w.split('-')) {
    const pv = lex.opinion.get(part) ?? lex.selfOpinion.get(part)?.[1];
    if (pv !== undefined) out = pv;
    else if (isNegator(lex, part)) sign = -0.8;
    else mult *= lex.intensifiers.get(part) ?? 1;
  }
  return out * sign * mult;
}

/** Where a "That's not to say … is bad" denial starts in tokens `[from, to)` (it covers the rest of the clause), else `to`. */
function denialFrom(words: readonly string[], codes: Uint16Array, from: number, to: number): number {
  for (let i = from; i + 2 < to; i++) {
    // "not" is a negator: its code spares the string test of every other word.
    if (codes[i]! & WORD.negator && words[i] === 'not' && words[i + 1] === 'to' && words[i + 2] === 'say') return i + 3;
  }
  return to;
}

/** A word with no opinion value of its own that still reads as a fault at `i` ("too long", "no chemistry"), or 0. */
function faultValue(lex: AspectLexicon, words: readonly string[], i: number, from: number, to: number, c: number): number {
  // "too long": length as a fault.
  if (words[i] === 'long' && i > from && (words[i - 1] === 'too' || words[i - 1] === 'overly' || predicateLong(lex, words, i, to))) return -0.7;
  // "no chemistry", "without any real story", "lacks humor": a denied aspect is a fault of it.
  return deniedTerm(lex, words, i, from, c) ? -0.6 : 0;
}

/** Returned by `idiomValue` for an opinion word that an idiom makes no hit at all. */
const NO_HIT = 2;

/**
 * The value of opinion word `w` at `i` when an idiom fixes it: -0.6 for a fault ("tries your patience", "takes its
 * sweet time"), NO_HIT when it is no judgement ("made fun of", "the original film"), else 0 (read it as usual).
 */
function idiomValue(lex: AspectLexicon, words: readonly string[], i: number, from: number, w: string): number {
  // "tries your patience", "tests the viewer's patience": the pace as a fault.
  if (w === 'patience' && i > from && (lex.patienceVerbs.has(words[i - 1]!) || (i >= 2 && lex.patienceVerbs.has(words[i - 2]!)) || (i >= 3 && lex.patienceVerbs.has(words[i - 3]!)))) return -0.6;
  // "made fun of", "poking fun at": mockery, not enjoyment.
  if (w === 'fun' && i > from && lex.mockVerbs.has(words[i - 1]!)) return NO_HIT;
  // "takes its sweet time": not sweetness.
  if (w === 'sweet' && wordAfter(words, i) === 'time') return -0.6;
  // "the original John Wick", "the original film": the first film, not a judgement.
  return w === 'original' && i > from && words[i - 1] === 'the' ? NO_HIT : 0;
}

/**
 * Opinion value `v` of the word at `i` after the degree and negation words before it, and the denial that covers
 * it (`denied`). Looks back over degree and function words only: "not a good film" is negated, "cannot save the
 * clumsy script" is not (the negator belongs to "save").
 */
function modifiedValue(lex: AspectLexicon, words: readonly string[], codes: Uint16Array, i: number, from: number, v: number, denied: boolean): number {
  let mult = 1;
  let negated = false;
  for (let j = i - 1; j >= Math.max(from, i - 4); j--) {
    const p = words[j]!;
    const cp = codes[j]!;
    const f = cp & WORD.intensifier ? lex.intensifiers.get(p) : undefined;
    if (f !== undefined) mult *= f;
    else if (p === 'too' && v > 0) v = -0.6 * v;
    // "the only funny moments": praise rationed is blame.
    else if (p === 'only' && v > 0 && j > 0 && words[j - 1] === 'the') v = -0.5 * v;
    else if (cp & (WORD.negator | WORD.denying) || p.endsWith("n't") || p === 'less' || p === 'least' || (p === 'from' && j > 0 && words[j - 1] === 'far')) {
      negated = !negated;
      break;
    } else if (!(cp & WORD.negationBridge) && codedOpinion(lex, p, cp) === 0) break;
  }
  v *= mult;
  if (denied) negated = !negated;
  if (negated) v *= -0.8;
  return Math.max(-1.5, Math.min(1.5, v));
}

/** Opinion hits of tokens `[from, to)`: negators flip within three tokens, degree words scale, "too" turns praise to excess.
 * `codes` (the doc's `wordCodes`) spares the lookups when the caller has them. */
export function opinionHits(ctx: Pick<ClauseView, 'words' | 'lexicon' | 'codes'>, from: number, to: number, codes = ctx.codes): OpinionHit[] {
  const { words } = ctx;
  const lex = ctx.lexicon.aspects;
  const cs = codes ?? rangeCodes(lex, words, from, to);
  const hits: OpinionHit[] = [];
  const deniedFrom = denialFrom(words, cs, from, to);
  for (let i = from; i < to; i++) {
    const c = cs[i]!;
    // One code rejects most words (a hyphenated word is read part by part).
    if (!(c & (WORD.hit | HYPHEN))) continue;
    const w = words[i]!;
    if (!(c & WORD.hit) && w.length < 5) continue;
    const v = codedOpinion(lex, w, c);
    if (v === 0) {
      const fault = faultValue(lex, words, i, from, to, c);
      if (fault !== 0) hits.push({ token: i, value: fault });
      continue;
    }
    const idiom = idiomValue(lex, words, i, from, w);
    if (idiom === NO_HIT) continue;
    if (idiom !== 0) {
      hits.push({ token: i, value: idiom });
      continue;
    }
    // A degree word before another opinion word ("pretty boring") is only a degree word.
    if (c & WORD.intensifier && i + 1 < to && codedOpinion(lex, words[i + 1]!, cs[i + 1]!) !== 0) continue;
    hits.push({ token: i, value: modifiedValue(lex, words, cs, i, from, v, i >= deniedFrom) });
  }
  return hits;
}

/** The model's polarity of a clause (tokens `[a, b)`). */
export type ClausePolarity = (a: number, b: number) => number;

/**
 * A ClausePolarity for one doc that remembers what it read (one per review, shared by aspects and targets).
 * `readings`: the sentiment stage's unrounded sentence polarities (SentimentResult), reused for a clause that is
 * a whole sentence (most clauses of a snippet) instead of reading its tokens again.
 */
export function clausePolarities(doc: Doc, model: Model, readings?: Float64Array): ClausePolarity {
  const seen = new Map<number, number>();
  const stride = doc.tokens.count + 1;
  // Named, so that a profile shows it by name.
  return function clausePolarity(a: number, b: number): number {
    const key = a * stride + b;
    let p = seen.get(key);
    if (p === undefined) {
      p = readings ? sentenceReading(doc, readings, a, b) : NaN;
      if (Number.isNaN(p)) p = spanPolarity(doc, model, a, b);
      seen.set(key, p);
    }
    return p;
  };
}

/** The reading of the sentence whose tokens are exactly `[a, b)`, or NaN (none, or not read). */
function sentenceReading(doc: Doc, readings: Float64Array, a: number, b: number): number {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ss[mid]!.tokenStart <= a) lo = mid;
    else hi = mid - 1;
  }
  const s = ss[lo];
  return s && s.tokenStart === a && s.tokenEnd === b ? readings[lo]! : NaN;
}
