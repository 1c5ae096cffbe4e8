/**
 * Clause-level opinion reading over the Doc's token arrays: normalised words, clause spans, and opinion
 * hits with negation and degree words applied. Shared by aspects, targets and quotes.
 */
import type { Doc } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';
import { ASPECT_TERMS, CLAUSE_PUNCT, CLAUSE_WORDS, INTENSIFIERS, NEGATORS, OPINION, SELF_OPINION } from './lexicon.ts';

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

/** Words a negation reaches across ("not a good", "isn't as good", "never really that funny"). */
const NEGATION_BRIDGE = new Set('a an the be been being is was are were as that this all even exactly at any one so very really quite overly terribly particularly especially much of in and or nor himself herself itself enough have has had feel feels seem seems look looks nearly quite'.split(' '));

const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't");

/** Words that deny what follows ("missing a funny bone", "bereft of inspiration", "devoid of wit"). */
const DENYING: ReadonlySet<string> = new Set('missing lacks lacking lack bereft devoid absent'.split(' '));

/** Does an opinion word come at `i` (after at most one degree word)? Then "familiar but compelling", ", and plain
 * stupid" coordinate words of one clause rather than start a new one. */
function opinionFollows(words: readonly string[], i: number, to: number): boolean {
  if (i >= to) return false;
  if (opinionOf(words[i]!) !== 0) return true;
  return INTENSIFIERS.has(words[i]!) || words[i] === 'plain' ? i + 1 < to && opinionOf(words[i + 1]!) !== 0 : false;
}

/** Token ranges `[start, end)` of the clauses of tokens `[from, to)`, cut at contrast words and clause punctuation. */
export function clauseRanges(doc: Doc, words: readonly string[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  const cut = (at: number): void => {
    if (at > start) out.push([start, at]);
    start = at;
  };
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (doc.tokens.kind[i] === TokenKind.punct) {
      if (CLAUSE_PUNCT.has(w) || (w === '-' && words[i + 1] === '-')) {
        cut(i);
        start = i + 1;
      } else if (w === ',' && (words[i + 1] === 'and' || words[i + 1] === 'but' || words[i + 1] === 'though') && !opinionFollows(words, i + 2, to)) {
        cut(i);
        start = i + 1;
      }
    } else if (CLAUSE_WORDS.has(w) && i > start && !opinionFollows(words, i + 1, to)) {
      // "even though", "but also": the break goes before the whole connective.
      cut(words[i - 1] === 'even' && i - 1 > start ? i - 1 : i);
    }
  }
  cut(to);
  return out;
}

const LONG_BEFORE: ReadonlySet<string> = new Set(['and', 'is', 'was', 'being', 'so', 'very', 'seems', 'feels', 'plain']);

/** "uneven and long.", "it feels long,": "long" said of the film at the end of a clause is a fault of its length. */
export function predicateLong(words: readonly string[], i: number, to: number): boolean {
  if (words[i] !== 'long' || i === 0) return false;
  const next = i + 1 < to ? words[i + 1]! : '.';
  return LONG_BEFORE.has(words[i - 1]!) && (next === '.' || next === ',' || next === '!' || next === ';' || next === 'and');
}

const MOCK_VERBS: ReadonlySet<string> = new Set(['make', 'makes', 'made', 'making', 'poke', 'pokes', 'poked', 'poking']);
const PATIENCE_VERBS: ReadonlySet<string> = new Set(['try', 'tries', 'tried', 'trying', 'test', 'tests', 'tested', 'testing', 'tax', 'taxes', 'taxing', 'strain', 'strains']);

/** One opinion word in a clause, its value after negation and degree words. */
export interface OpinionHit {
  token: number;
  value: number;
}

const DENIERS = new Set(['no', 'without', 'lacks', 'lack', 'lacking', 'zero', 'less']);
const DENIAL_BRIDGE = new Set(['any', 'real', 'a', 'much', 'of', 'the', 'genuine', 'discernible']);

/** Is the aspect term at `i` denied ("no chemistry", "lacks any real story", "even less of a story")? */
function deniedTerm(words: readonly string[], i: number, from: number): boolean {
  if (!ASPECT_TERMS.has(words[i]!)) return false;
  for (let j = i - 1; j >= Math.max(from, i - 4); j--) {
    if (DENIERS.has(words[j]!)) return true;
    if (!DENIAL_BRIDGE.has(words[j]!)) return false;
  }
  return false;
}

/** The words that read back to `base` as adverbs ("…ily" → "…y", else "…ly" dropped), longer than six letters. */
function adverbsOf(base: string): string[] {
  const candidates = [`${base}ly`, ...(base.endsWith('y') ? [`${base.slice(0, -1)}ily`] : [])];
  return candidates.filter((w) => w.length > 6 && (w.endsWith('ily') ? `${w.slice(0, -3)}y` : w.slice(0, -2)) === base);
}

/**
 * Every word with a value of its own, in one table: OPINION, then SELF_OPINION, then the adverbs of OPINION's
 * words (each only where the word has no value of its own), so that most words cost one lookup.
 */
const OPINION_VALUE: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const [base, v] of OPINION) {
    for (const adverb of adverbsOf(base)) m.set(adverb, v);
  }
  for (const [w, [, v]] of SELF_OPINION) m.set(w, v);
  for (const [w, v] of OPINION) m.set(w, v);
  return m;
})();

/** Base value of an opinion word, or 0. Hyphenated compounds read part by part ("not-very-funny"). */
export function opinionOf(w: string): number {
  // Direct words first, then adverbs of opinion adjectives ("refreshingly" → "refreshing", "clumsily" → "clumsy").
  const v = OPINION_VALUE.get(w);
  if (v !== undefined) return v;
  if (w.length < 5 || !w.includes('-')) return 0;
  let sign = 1;
  let mult = 1;
  let out = 0;
  for (const part of w.split('-')) {
    const pv = OPINION.get(part) ?? SELF_OPINION.get(part)?.[1];
    if (pv !== undefined) out = pv;
    else if (isNegator(part)) sign = -0.8;
    else mult *= INTENSIFIERS.get(part) ?? 1;
  }
  return out * sign * mult;
}

/** Words that can make a hit: opinion words, aspect terms (denied: "no chemistry") and "long"; hyphenated ones aside. */
const HIT_WORDS: ReadonlySet<string> = new Set([...OPINION_VALUE.keys(), ...ASPECT_TERMS.keys(), 'long']);

/** Opinion hits of tokens `[from, to)`: negators flip within three tokens, degree words scale, "too" turns praise to excess. */
export function opinionHits(words: readonly string[], from: number, to: number): OpinionHit[] {
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
    if (!HIT_WORDS.has(w) && !(w.length >= 5 && w.includes('-'))) continue;
    let v = opinionOf(w);
    // "too long": length as a fault.
    if (v === 0 && w === 'long' && i > from && (words[i - 1] === 'too' || words[i - 1] === 'overly' || predicateLong(words, i, to))) {
      hits.push({ token: i, value: -0.7 });
      continue;
    }
    // "no chemistry", "without any real story", "lacks humor": a denied aspect is a fault of it.
    if (v === 0 && deniedTerm(words, i, from)) {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    if (v === 0) continue;
    // "tries your patience", "tests the viewer's patience": the pace as a fault.
    if (w === 'patience' && i > from && (PATIENCE_VERBS.has(words[i - 1]!) || PATIENCE_VERBS.has(words[i - 2] ?? '') || PATIENCE_VERBS.has(words[i - 3] ?? ''))) {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    // "made fun of", "poking fun at": mockery, not enjoyment.
    if (w === 'fun' && i > from && MOCK_VERBS.has(words[i - 1]!)) continue;
    // "takes its sweet time": not sweetness.
    if (w === 'sweet' && words[i + 1] === 'time') {
      hits.push({ token: i, value: -0.6 });
      continue;
    }
    // "the original John Wick", "the original film": the first film, not a judgement.
    if (w === 'original' && i > from && words[i - 1] === 'the') continue;
    // A degree word before another opinion word ("pretty boring") is only a degree word.
    if (INTENSIFIERS.has(w) && i + 1 < to && opinionOf(words[i + 1]!) !== 0) continue;
    let mult = 1;
    let negated = false;
    // Look back over degree and function words only: "not a good film" is negated, "cannot save the clumsy
    // script" is not (the negator belongs to "save").
    for (let j = i - 1; j >= Math.max(from, i - 4); j--) {
      const p = words[j]!;
      const f = INTENSIFIERS.get(p);
      if (f !== undefined) mult *= f;
      else if (p === 'too' && v > 0) v = -0.6 * v;
      // "the only funny moments": praise rationed is blame.
      else if (p === 'only' && v > 0 && words[j - 1] === 'the') v = -0.5 * v;
      else if (isNegator(p) || p === 'less' || p === 'least' || DENYING.has(p) || (p === 'from' && words[j - 1] === 'far')) {
        negated = !negated;
        break;
      } else if (!NEGATION_BRIDGE.has(p) && opinionOf(p) === 0) break;
    }
    v *= mult;
    if (i >= deniedFrom) negated = !negated;
    if (negated) v *= -0.8;
    hits.push({ token: i, value: Math.max(-1.5, Math.min(1.5, v)) });
  }
  return hits;
}

