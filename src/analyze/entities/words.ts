/**
 * Token views for the entity stage: word strings, capitalisation, possessives, sentence positions, quotes.
 * Built once per document from the Doc's token arrays (no regex over the whole text).
 */
import type { Span } from '../card.ts';
import type { Doc, DocSentence } from '../text/index.ts';
import { TokenKind } from '../text/index.ts';
import type { EntityLexicon } from '../lexicon.ts';
import type { Gazetteers } from './person-tagger.ts';

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;

function isUpperChar(c: number, s: string): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(s);
}

function isLowerChar(c: number, s: string): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER.test(s);
}

export interface Words {
  /** The entity stage's word tables (the model's). */
  lex: EntityLexicon;
  text: string;
  n: number;
  /** Token text with a possessive ending removed ("Wiseman’s" → "Wiseman"). */
  word: string[];
  lower: string[];
  /** Character end of `word` (before the possessive ending). */
  wordEnd: Int32Array;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  /** 1: capitalised word with lower-case letters after ("Reeves", "McShane"); 2: a single capital ("C");
   *  3: all capitals ("DALLAS"); 4: capitalised with a lower-case hyphen part ("Tunes-esque"); 0: other. */
  shape: Uint8Array;
  possessive: Uint8Array;
  /** Sentence index of each token. */
  sentence: Int32Array;
  /** 1 when the token is the first word of its sentence (after any opening punctuation). */
  initial: Uint8Array;
  /** 1 inside double quotes or emphasis (titles), 0 outside. */
  quoted: Uint8Array;
  /** 1 inside parentheses or square brackets. */
  paren: Uint8Array;
  /** Cue flags of each token (CUE in ../lexicon.ts): later scans test a byte, not a string. */
  cue: Uint8Array;
  /** Work space of the people pass (markRuns: the run at each token), made with the other views: one allocation less per doc. */
  runAt: Int32Array;
  /** Short quoted or emphasised stretches, as token ranges `[from, to)`. */
  quotes: [number, number][];
  /** The person tagger's margin per token (person-tagger.ts personMargins: > 0 in a name), when one is loaded. */
  personMargin: Float32Array | null;
  /** The tagger's gazetteers (names of the film data), when one is loaded. */
  gaz: Gazetteers | null;
  /** Whether the film index credits someone of this name key (`nameTokens` joined), when one is loaded. */
  credited: ((key: string) => boolean) | null;
}

const OPEN_PARENS = new Set(['(', '[']);
const CLOSE_PARENS = new Set([')', ']']);
const OPEN_QUOTES = new Set(['"', '“', '«']);
const CLOSE_QUOTES = new Set(['"', '”', '»']);

/** A word's bit among 512 by its first code unit and its length. */
function cueSlot(x: string): number {
  return ((x.charCodeAt(0) & 31) << 4) | (x.length & 15);
}

/** The cue words' (first letter, length) pairs as bits: most words miss them and skip the map (a miss costs a
 * string hash). A shared bit only sends a word on to the map. */
function cueBits(cueFlags: ReadonlyMap<string, number>): Uint32Array {
  const seen = new Uint32Array(16);
  for (const k of cueFlags.keys()) {
    const b = cueSlot(k);
    seen[b >>> 5] = seen[b >>> 5]! | (1 << (b & 31));
  }
  return seen;
}

/** `Words.shape` of a word whose first letter is a capital (see there). */
function capitalShape(w: string): number {
  if (w.length === 1) return 2;
  let hasLower = false;
  let hyphenLower = false;
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (isLowerChar(c, w[k]!)) hasLower = true;
    else if (c === 45 && k + 1 < w.length && isLowerChar(w.charCodeAt(k + 1), w[k + 1]!)) hyphenLower = true;
    else if (c >= 48 && c <= 57) hyphenLower = true; // digits: not a name
  }
  return hyphenLower ? 4 : hasLower ? 1 : 3;
}

/** Is word token `i` (text `w`, ending at `e`) a possessive with its "'" as a token of its own ("Wiseman' film")? */
function detachedPossessive(text: string, t: Doc['tokens'], i: number, w: string, e: number): boolean {
  const n = t.count;
  return i + 1 < n && t.start[i + 1] === e && (text[e] === "'" || text[e] === '’') && w.endsWith('s') && !(i + 2 < n && t.start[i + 2] === e + 1);
}

/** The views `buildWords` fills sentence by sentence (passed to `sentenceViews` rather than closed over). */
interface SentenceScan {
  readonly t: Doc['tokens'];
  readonly word: readonly string[];
  readonly sentence: Int32Array;
  readonly initial: Uint8Array;
  readonly quoted: Uint8Array;
  readonly paren: Uint8Array;
  readonly quotes: [number, number][];
  /** The doc's emphasised spans, by start. */
  readonly emphasis: readonly Span[];
}

/**
 * Sentence `si`'s views: sentence index, first word, brackets and quoted stretches. `emphasisIndex` is the first
 * emphasised span not yet passed; returns it for the next sentence.
 */
function sentenceViews(v: SentenceScan, sent: DocSentence, si: number, emphasisIndex: number): number {
  const { t, word, quoted, emphasis } = v;
  let first = true;
  let quoteFrom = -1;
  let depth = 0;
  for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
    v.sentence[i] = si;
    const w = word[i]!;
    if (depth > 0) v.paren[i] = 1;
    if (t.kind[i] === TokenKind.punct) {
      if (OPEN_PARENS.has(w)) depth++;
      else if (CLOSE_PARENS.has(w) && depth > 0) depth--;
      if (quoteFrom >= 0 && CLOSE_QUOTES.has(w)) {
        // A short quoted stretch is a title or a phrase; a long one is dialogue and keeps its names.
        if (i - quoteFrom <= 10 && i > quoteFrom) {
          for (let k = quoteFrom; k < i; k++) quoted[k] = 1;
          v.quotes.push([quoteFrom, i]);
        }
        quoteFrom = -1;
      } else if (OPEN_QUOTES.has(w)) quoteFrom = i + 1;
      else if ((w === "'" || w === '‘') && quoteFrom < 0 && (i === 0 || t.end[i - 1]! < t.start[i]!) && i + 1 < t.count && t.start[i + 1] === t.end[i]) singleQuoted(v, sent, i);
      continue;
    }
    if (first) {
      v.initial[i] = 1;
      first = false;
    }
    const s = t.start[i]!;
    while (emphasisIndex < emphasis.length && emphasis[emphasisIndex]!.end <= s) emphasisIndex++;
    if (emphasisIndex < emphasis.length && emphasis[emphasisIndex]!.start <= s && t.end[i]! <= emphasis[emphasisIndex]!.end) quoted[i] = 1;
  }
  return emphasisIndex;
}

/** A single quote at `i` opening a short title: 'NSNA'. Closed by a single quote right after a word. */
function singleQuoted(v: SentenceScan, sent: DocSentence, i: number): void {
  const { t, word } = v;
  let k = i + 1;
  while (k < sent.tokenEnd && k - i <= 10 && !((word[k] === "'" || word[k] === '’') && t.start[k] === t.end[k - 1])) k++;
  if (k < sent.tokenEnd && k - i <= 10 && k > i + 1) {
    for (let q = i + 1; q < k; q++) v.quoted[q] = 1;
    v.quotes.push([i + 1, k]);
  }
}

/** The doc's emphasised spans by start (a copy only when there are two or more to order). */
function emphasisByStart(spans: readonly Span[]): readonly Span[] {
  return spans.length < 2 ? spans : [...spans].sort(byStart);
}

const byStart = (a: Span, b: Span): number => a.start - b.start;

export function buildWords(doc: Doc, lex: EntityLexicon): Words {
  const cueFlags = lex.cueFlags;
  const cueSeen = cueBits(cueFlags);
  const { text } = doc;
  const t = doc.tokens;
  const n = t.count;
  const word: string[] = new Array<string>(n);
  const lower: string[] = new Array<string>(n);
  // One allocation for all the typed views (three Int32 arrays, six byte arrays).
  const store = new ArrayBuffer(n * 18);
  const wordEnd = new Int32Array(store, 0, n);
  const sentence = new Int32Array(store, n * 4, n);
  const runAt = new Int32Array(store, n * 8, n);
  const shape = new Uint8Array(store, n * 12, n);
  const possessive = new Uint8Array(store, n * 13, n);
  const initial = new Uint8Array(store, n * 14, n);
  const quoted = new Uint8Array(store, n * 15, n);
  const paren = new Uint8Array(store, n * 16, n);
  const cue = new Uint8Array(store, n * 17, n);
  const quotes: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const s = t.start[i]!;
    let e = t.end[i]!;
    let w = text.slice(s, e);
    const isWord = t.kind[i] === TokenKind.word;
    if (isWord) {
      const len = w.length;
      // The flag is stored for every word (a store first met in a rare branch would throw away the compiled loop).
      let poss = 0;
      if (len > 2 && (w.endsWith("'s") || w.endsWith('’s')) && !lex.contractions.has(w.slice(0, len - 2).toLowerCase())) {
        w = w.slice(0, len - 2);
        e -= 2;
        poss = 1;
      } else if (detachedPossessive(text, t, i, w, e)) poss = 1;
      possessive[i] = poss;
      if (isUpperChar(w.charCodeAt(0), w[0]!)) shape[i] = capitalShape(w);
    }
    word[i] = w;
    const lw = w.toLowerCase();
    lower[i] = lw;
    if (isWord) {
      const b = cueSlot(lw);
      if ((cueSeen[b >>> 5]! >>> (b & 31)) & 1) cue[i] = cueFlags.get(lw) ?? 0;
    }
    wordEnd[i] = e;
  }
  // Sentences, sentence-initial words and quoted stretches.
  const emphasis = emphasisByStart(doc.meta.emphasis);
  const scan: SentenceScan = { t, word, sentence, initial, quoted, paren, quotes, emphasis };
  let emphasisIndex = 0;
  for (let si = 0; si < doc.sentences.length; si++) emphasisIndex = sentenceViews(scan, doc.sentences[si]!, si, emphasisIndex);
  // Emphasised spans (HTML <i>, Markdown *…*) are quotes too.
  let ti = 0;
  for (const em of emphasis) {
    while (ti < n && t.start[ti]! < em.start) ti++;
    let b = ti;
    while (b < n && t.end[b]! <= em.end) b++;
    if (b > ti && b - ti <= 10) quotes.push([ti, b]);
  }
  // The tagger's fields are set later by the entity stage, but present from the start: one object shape for every
  // review, so that the functions reading `w` are not deoptimised by a second one.
  return { lex, text, n, word, lower, wordEnd, start: t.start, end: t.end, kind: t.kind, shape, possessive, sentence, initial, quoted, paren, cue, runAt, quotes, personMargin: null, gaz: null, credited: null };
}

/** Whether any token of `[from, to)` is marked (a per-token 0/1 table: title tokens, person tokens). */
export function anyMarked(marks: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (marks[i]) return true;
  return false;
}
