/**
 * @module Quotes: ranked pull-quote candidates, and spoiler sentences.
 *
 * A pull quote is a sentence (or its opening clause when the sentence is too long) of 8–35 words that
 * stands on its own (no dangling "it"/"this"/"he" or unresolved "But" at the start), sides with the
 * verdict, and is vivid: strong opinion words, superlatives, concrete film nouns and names.
 * Spoilers are sentences with cue words of endings, deaths, twists, cameos and reveals.
 */
import type { PullQuote, Spoiler } from '../card.ts';
import { clauseRanges, opinionHits } from '../clauses/index.ts';
import type { DocContext } from '../context.ts';
import type { SentimentResult } from '../sentiment/index.ts';
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';

const MIN_WORDS = 8;
const MAX_WORDS = 35;
/** How many candidates a card keeps. */
const MAX_QUOTES = 5;

const NO_SENTIMENT: SentimentResult = { verdict: null, sentences: new Float32Array(0) };

/** Does the character at `at` start with a capital letter (a name, a title)? */
function isUpper(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[at]!;
  return ch !== ch.toLowerCase();
}

/** Number of word and number tokens in `[a, b)`. */
function wordCount(doc: Doc, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (doc.tokens.kind[i] !== TokenKind.punct) n++;
  return n;
}

/** First token of `[a, b)` that is a word or number, skipping opening quotes and brackets. */
function firstWord(doc: Doc, a: number, b: number): number {
  let i = a;
  while (i < b && doc.tokens.kind[i] === TokenKind.punct) i++;
  return i;
}

/** The review's side: the verdict when there is one, else the sign of the summed sentence polarity (or lexicon). */
function reviewSide(ctx: QuoteContext, sentiment: SentimentResult): number {
  const { doc } = ctx;
  if (sentiment.verdict) return sentiment.verdict.fresh ? 1 : -1;
  let sum = 0;
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!;
    if (s.repeatOf >= 0) continue;
    const p = sentiment.sentences[i] ?? 0;
    if (p !== 0) sum += Math.sign(p);
    else for (const h of opinionHits(ctx, s.tokenStart, s.tokenEnd)) sum += Math.sign(h.value);
  }
  return sum >= 0 ? 1 : -1;
}

/** A kept pull-quote candidate: its character span and score. */
interface Candidate {
  start: number;
  end: number;
  score: number;
}

/** What the pull-quote scan reads for every sentence (passed to `sentenceQuote` rather than closed over). */
interface QuoteScan {
  readonly ctx: QuoteContext;
  readonly sentiment: SentimentResult;
  readonly side: number;
  readonly lastParagraph: number;
  /** The best MAX_QUOTES so far, best first (score, then earlier start). */
  readonly best: Candidate[];
}

/**
 * The end of the opening clause of a long sentence (tokens `[a, b)`) that makes a quote of MIN_WORDS to MAX_WORDS
 * words ("X is great, and …"), trailing punctuation but "!" and "." dropped; -1 when none fits.
 */
function openingClauseEnd(ctx: QuoteContext, a: number, b: number): number {
  const { doc, words } = ctx;
  // Only the opening stretch can hold a quote of at most MAX_WORDS words (tokens ≥ words); a stretch cut
  // short by that limit is not a clause.
  const limit = Math.min(b, a + 3 * MAX_WORDS);
  const ranges = clauseRanges(ctx, a, limit);
  if (limit < b) ranges.pop();
  let end = -1;
  for (const [, e] of ranges) {
    const n = wordCount(doc, a, e);
    if (n >= MIN_WORDS && n <= MAX_WORDS) end = e;
  }
  if (end < 0) return -1;
  while (end > a && doc.tokens.kind[end - 1] === TokenKind.punct && words[end - 1] !== '!' && words[end - 1] !== '.') end--;
  return end;
}

/** Sentence `si` as a pull quote, ranked into `scan.best` when it is one. */
function sentenceQuote(scan: QuoteScan, si: number): void {
  const { ctx, sentiment, side } = scan;
  const { doc, words } = ctx;
  const s = doc.sentences[si]!;
  let a = firstWord(doc, s.tokenStart, s.tokenEnd);
  let b = s.tokenEnd;
  if (a >= b) return;
  if (ctx.lexicon.quotes.dangling.has(words[a]!)) return;
  // A long sentence may still open with a quotable clause ("X is great, and …"): cut at the first clause end that fits.
  if (wordCount(doc, a, b) > MAX_WORDS) {
    b = openingClauseEnd(ctx, a, b);
    if (b < 0) return;
  }
  const n = wordCount(doc, a, b);
  if (n < MIN_WORDS || n > MAX_WORDS) return;
  const QUOTE_FLAGS = ctx.lexicon.quotes.quoteFlags;
  let questions = false;
  let brackets = 0;
  let firstPerson = 0;
  let concrete = 0;
  let superlative = 0;
  for (let i = a; i < b; i++) {
    const w = words[i]!;
    const f = QUOTE_FLAGS.get(w) ?? 0;
    if (w === '?') questions = true;
    else if (w === '(' || w === '[') brackets++;
    else if (f & 1) firstPerson++;
    else if (f & 2) superlative++;
    if (f & 4) concrete++;
    else if (i > a && doc.tokens.kind[i] === TokenKind.word && isUpper(doc.text, doc.tokens.start[i]!)) concrete += 0.5;
  }
  if (questions) return;
  let aligned = 0;
  let against = 0;
  for (const h of opinionHits(ctx, a, b)) {
    if (Math.sign(h.value) === side) aligned += Math.abs(h.value);
    else against += Math.abs(h.value);
  }
  const model = (sentiment.sentences[si] ?? 0) * side;
  // On the verdict's side: the lexicon and the model must not pull the other way. A sentence without opinion
  // words may still serve when the model reads it clearly on the verdict's side, ranked below the vivid ones.
  if (aligned < against || model < -0.2) return;
  if (aligned === 0 && model < 0.5) return;
  let score = Math.min(2.5, aligned - 0.7 * against) + 0.8 * model + 0.3 * Math.min(3, concrete) + 0.4 * Math.min(2, superlative);
  if (aligned === 0) score -= 1;
  if (s.paragraph === scan.lastParagraph && doc.paragraphCount > 1) score += 0.3;
  score -= 0.3 * firstPerson + 0.4 * brackets + 0.02 * Math.abs(n - 18);
  [a, b] = withQuoteMarks(words, a, b, s.tokenStart, s.tokenEnd);
  keepBest(scan.best, { start: doc.tokens.start[a]!, end: doc.tokens.end[b - 1]!, score: Math.round(score * 1000) / 1000 });
}

const OPENING_MARKS = new Set(['"', '“']);
const CLOSING_MARKS = new Set(['"', '”']);

/**
 * A quote that holds one mark of a pair of double quotes takes in the other from just outside it, so that no pull
 * quote reads `Seeing Other People" is a daring comedy` (the sentence's opening mark skipped with its punctuation).
 */
function withQuoteMarks(words: readonly string[], a: number, b: number, from: number, to: number): [number, number] {
  let marks = 0;
  for (let i = a; i < b; i++) if (OPENING_MARKS.has(words[i]!) || CLOSING_MARKS.has(words[i]!)) marks++;
  if (marks % 2 === 0) return [a, b];
  if (a > from && OPENING_MARKS.has(words[a - 1]!)) return [a - 1, b];
  if (b < to && CLOSING_MARKS.has(words[b]!)) return [a, b + 1];
  return [a, b];
}

/** Ranks `c` into `best` (at most MAX_QUOTES, best first): what sorting every candidate and keeping the first
 * MAX_QUOTES gives. Candidates come in text order, so one that ties a kept score ranks after it. */
function keepBest(best: Candidate[], c: Candidate): void {
  let at = best.length;
  while (at > 0 && c.score > best[at - 1]!.score) at--;
  if (at >= MAX_QUOTES) return;
  best.splice(at, 0, c);
  if (best.length > MAX_QUOTES) best.pop();
}

/** Pull-quote candidates, best first. */
export function selectQuotes(ctx: QuoteContext & { readonly sentiment?: SentimentResult | undefined }): PullQuote[] {
  const { doc } = ctx;
  // Without the sentiment stage, the side is the lexicon's.
  const sentiment = ctx.sentiment ?? NO_SENTIMENT;
  const scan: QuoteScan = { ctx, sentiment, side: reviewSide(ctx, sentiment), lastParagraph: doc.paragraphCount - 1, best: [] };
  // The text is sliced only for the candidates kept.
  for (let si = 0; si < doc.sentences.length; si++) if (doc.sentences[si]!.repeatOf < 0) sentenceQuote(scan, si);
  const out: PullQuote[] = [];
  for (const q of scan.best) out.push({ start: q.start, end: q.end, text: doc.text.slice(q.start, q.end), score: q.score });
  return out;
}

type Reason = Spoiler['reason'];

/** What the quote and spoiler finders read of the document context. */
export type QuoteContext = Pick<DocContext, 'doc' | 'words' | 'lexicon'>;

const PRIORITY: Record<Reason, number> = { twist: 5, death: 4, cameo: 3, ending: 2, reveal: 1 };

/** The weightier of a sentence's reason so far and a new one. */
const urgent = (reason: Reason | null, r: Reason): Reason => (!reason || PRIORITY[r] > PRIORITY[reason] ? r : reason);

/** Sentences that give the plot away, each with its reason. */
export function findSpoilers(ctx: QuoteContext): Spoiler[] {
  const { doc, words } = ctx;
  const { spoilerWords: SPOILER_WORDS, events: EVENTS, spoilerSingle: SINGLE, pairFirst: PAIR_FIRST, spoilerPairs: PAIRS, spoilerTriples: TRIPLE_NEEDS } = ctx.lexicon.quotes;
  const out: Spoiler[] = [];
  for (const s of doc.sentences) {
    if (s.repeatOf >= 0) continue;
    let reason: Reason | null = null;
    let explicit = false;
    let event = false;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const w = words[i]!;
      if (!SPOILER_WORDS.has(w)) continue;
      if (EVENTS.has(w)) event = true;
      // A capitalised cue inside a sentence is a name ("Oliver Twist"), not the event.
      const r1 = i > s.tokenStart && isUpper(doc.text, doc.tokens.start[i]!) ? undefined : SINGLE.get(w);
      if (r1 === 'reveal') explicit = true;
      else if (r1) reason = urgent(reason, r1);
      if (i + 1 < s.tokenEnd && PAIR_FIRST.has(w)) {
        const pair = `${w} ${words[i + 1]}`;
        const r2 = PAIRS.get(pair);
        if (!r2) continue;
        const needs = TRIPLE_NEEDS.get(pair);
        if (needs && !(i + 2 < s.tokenEnd && needs.has(words[i + 2]!))) continue;
        reason = urgent(reason, r2);
      }
    }
    if (reason === 'ending' && !event) reason = null;
    if (!reason && explicit) reason = 'reveal';
    if (reason) out.push({ start: s.start, end: s.end, reason });
  }
  return out;
}
