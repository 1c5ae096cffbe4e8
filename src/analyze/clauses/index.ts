/**
 * Clause-level opinion reading over the Doc's token arrays: normalised words, clause spans, opinion hits with
 * negation and degree words applied, and the model's polarity of each clause. Shared by aspects, targets and
 * quotes; the words it knows are the model's (models/lexicons/aspects.json, opinion-sst.json).
 */
import type { AspectLexicon, Lexicon } from '../lexicon.ts';
import type { Model } from '../model.ts';
import { spanPolarity } from '../sentiment/index.ts';
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';

/** What the clause machinery reads of a document context. */
export interface ClauseView {
  readonly doc: Doc;
  readonly words: readonly string[];
  readonly lexicon: Lexicon;
}

/** Lower-cased token strings of the whole doc (curly apostrophes read as straight ones). */
export function docWords(doc: Doc): string[] {
  const { text, tokens } = doc;
  const out = new Array<string>(tokens.count);
  for (let i = 0; i < tokens.count; i++) {
    const w = text.slice(tokens.start[i], tokens.end[i]).toLowerCase();
    out[i] = w.includes('’') ? w.replaceAll('’', "'") : w;
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

/** Token ranges `[start, end)` of the clauses of tokens `[from, to)`, cut at contrast words and clause punctuation. */
export function clauseRanges(ctx: ClauseView, from: number, to: number): [number, number][] {
  const { doc, words } = ctx;
  const lex = ctx.lexicon.aspects;
  const out: [number, number][] = [];
  let start = from;
  const cut = (at: number): void => {
    if (at > start) out.push([start, at]);
    start = at;
  };
  for (let i = from; i < to; i++) {
    if (i - start >= MAX_CLAUSE_TOKENS) cut(i);
    const w = words[i]!;
    if (doc.tokens.kind[i] === TokenKind.punct) {
      if (lex.clausePunct.has(w) || (w === '-' && words[i + 1] === '-')) {
        cut(i);
        start = i + 1;
      } else if (w === ',' && (words[i + 1] === 'and' || words[i + 1] === 'but' || words[i + 1] === 'though') && !opinionFollows(lex, words, i + 2, to)) {
        cut(i);
        start = i + 1;
      }
    } else if (lex.clauseWords.has(w) && i > start && !opinionFollows(lex, words, i + 1, to)) {
      // "even though", "but also": the break goes before the whole connective.
      cut(words[i - 1] === 'even' && i - 1 > start ? i - 1 : i);
    }
  }
  cut(to);
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

/** Is the aspect term at `i` denied ("no chemistry", "lacks any real story", "even less of a story")? */
function deniedTerm(lex: AspectLexicon, words: readonly string[], i: number, from: number): boolean {
  if (!lex.aspectTerms.has(words[i]!)) return false;
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

/** Opinion hits of tokens `[from, to)`: negators flip within three tokens, degree words scale, "too" turns praise to excess. */
export function opinionHits(ctx: Pick<ClauseView, 'words' | 'lexicon'>, from: number, to: number): OpinionHit[] {
  const { words } = ctx;
  const lex = ctx.lexicon.aspects;
  const hitWords = lex.hitWords;
  const hits: OpinionHit[] = [];
  // "That's not to say … is bad": the denial covers the rest of the clause.
  let deniedFrom = to;
  for (let i = from; i + 2 < to; i++) {
    if (words[i] === 'not' && words[i + 1] === 'to' && words[i + 2] === 'say') {
      deniedFrom = i + 3;
      break;
    }
  }
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    // One lookup rejects most words (opinionOf reads a hyphenated word part by part).
    if (!hitWords.has(w) && !(w.length >= 5 && w.includes('-'))) continue;
    let v = opinionOf(lex, w);
    // "too long": length as a fault.
    if (v === 0 && w === 'long' && i > from && (words[i - 1] === 'too' || words[i - 1] === 'overly' || predicateLong(lex, words, i, to))) {
      hits.push({ token: i, value: -0.7 });
      continue;
    }
    // "no chemistry", "without any real story", "lacks humor": a denied aspect is a fault of it.
    if (v === 0 && deniedTerm(lex, words, i, from)) {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    if (v === 0) continue;
    // "tries your patience", "tests the viewer's patience": the pace as a fault.
    if (w === 'patience' && i > from && (lex.patienceVerbs.has(words[i - 1]!) || lex.patienceVerbs.has(words[i - 2] ?? '') || lex.patienceVerbs.has(words[i - 3] ?? ''))) {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    // "made fun of", "poking fun at": mockery, not enjoyment.
    if (w === 'fun' && i > from && lex.mockVerbs.has(words[i - 1]!)) continue;
    // "takes its sweet time": not sweetness.
    if (w === 'sweet' && words[i + 1] === 'time') {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    // "the original John Wick", "the original film": the first film, not a judgement.
    if (w === 'original' && i > from && words[i - 1] === 'the') continue;
    // A degree word before another opinion word ("pretty boring") is only a degree word.
    if (lex.intensifiers.has(w) && i + 1 < to && opinionOf(lex, words[i + 1]!) !== 0) continue;
    let mult = 1;
    let negated = false;
    // Look back over degree and function words only: "not a good film" is negated, "cannot save the clumsy
    // script" is not (the negator belongs to "save").
    for (let j = i - 1; j >= Math.max(from, i - 4); j--) {
      const p = words[j]!;
      const f = lex.intensifiers.get(p);
      if (f !== undefined) mult *= f;
      else if (p === 'too' && v > 0) v = -0.6 * v;
      // "the only funny moments": praise rationed is blame.
      else if (p === 'only' && v > 0 && words[j - 1] === 'the') v = -0.5 * v;
      else if (isNegator(lex, p) || p === 'less' || p === 'least' || lex.denying.has(p) || (p === 'from' && words[j - 1] === 'far')) {
        negated = !negated;
        break;
      } else if (!lex.negationBridge.has(p) && opinionOf(lex, p) === 0) break;
    }
    v *= mult;
    if (i >= deniedFrom) negated = !negated;
    if (negated) v *= -0.8;
    hits.push({ token: i, value: Math.max(-1.5, Math.min(1.5, v)) });
  }
  return hits;
}

/** The model's polarity of a clause (tokens `[a, b)`). */
export type ClausePolarity = (a: number, b: number) => number;

/** A ClausePolarity for one doc that remembers what it read (one per review, shared by aspects and targets). */
export function clausePolarities(doc: Doc, model: Model): ClausePolarity {
  const seen = new Map<number, number>();
  const stride = doc.tokens.count + 1;
  return (a, b) => {
    const key = a * stride + b;
    let p = seen.get(key);
    if (p === undefined) seen.set(key, (p = spanPolarity(doc, model, a, b)));
    return p;
  };
}
