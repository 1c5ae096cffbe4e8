/**
 * @module Aspects: per-aspect opinion at clause level, and opinion towards people and characters.
 *
 * Each sentence (a repeated pull-quote line skipped) is cut into clauses at contrast words and clause
 * punctuation. An aspect term in a clause counts only when the clause also holds evaluative language
 * (the model's opinion lexicon, models/lexicons/, with negation and degree words), so plot summary is not
 * opinion. Polarity combines the lexicon's score, weighted by closeness to the term, with the trained
 * model's polarity of the clause (`spanPolarity`) when a model is loaded.
 */
import type { AspectId, AspectOpinion, CreditRole, Span, TargetOpinion } from '../card.ts';
import { ASPECT_IDS } from '../card.ts';
import { HYPHEN, opinionHits, opinionOf, predicateLong, wordAfter, wordCodes, wordCodesInto, type ClausePolarity, type OpinionHit } from '../clauses/index.ts';
import type { DocContext } from '../context.ts';
import type { Entities } from '../entities/index.ts';
import { WORD, type AspectLexicon, type EntityLexicon } from '../lexicon.ts';
import type { Model } from '../model.ts';
import { clauseUnits, forEachClause, HeadSums, scoreUnit, weakBuckets, HEADS, type AspectModel, type ClauseUnit, type FeatureInput, type Gate, ruleAspects, type WeakModel, type WordVectors } from './learned.ts';
import type { Doc, DocSentence } from '../text/index.ts';
import { TokenKind } from '../text/tokens.ts';

/** What the aspect and target finders read of the document context (the model for its learned aspect part). */
export type AspectContext = Pick<DocContext, 'doc' | 'words' | 'lexicon' | 'clausePolarity' | 'clausesOf'> & { readonly entities?: Entities | undefined; readonly model?: Model; readonly codes?: Uint16Array };

/** The doc's word codes: the context's when it keeps them, else read now. */
const codesOf = (ctx: AspectContext): Uint16Array => ctx.codes ?? wordCodes(ctx.lexicon.aspects, ctx.doc, ctx.words);

/** Below this lexicon score a clause's mention of an aspect is not an opinion (0.25 before the fourth set; lowered once precision ran well above recall). */
const MIN_SCORE = 0.2;
/** The same for a named person or character: the name itself is a sure target, so less opinion is needed. */
const TARGET_MIN_SCORE = 0.15;
/** Share of the lexicon in a mention's polarity; the rest is the model's clause polarity. */
const LEXICON_SHARE = 0.7;
/** Weight of an opinion in a clause that speaks of another film (the franchise, a predecessor). */
const OTHER_FILM_WEIGHT = 0.3;

/** One aspect opinion found in one clause. */
interface AspectMention {
  aspect: AspectId;
  sentence: number;
  /** Token range of the clause. */
  tokenStart: number;
  tokenEnd: number;
  /** The aspect term's token. */
  token: number;
  /** Lexicon score (unbounded, signed). */
  score: number;
  polarity: number;
  weight: number;
}

const POSSESSIVE = /'s$|s'$/i;
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;
const isS = (c: number): boolean => c === 115 || c === 83;
/** Does the text `[start, end)` end in "'s" or "s'" (either apostrophe, either case)? POSSESSIVE without a string. */
function possessiveEnd(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const a = text.charCodeAt(end - 2);
  const b = text.charCodeAt(end - 1);
  return (isApostrophe(a) && isS(b)) || (isS(a) && isApostrophe(b));
}
/** The aspect a token (whose word code is `c`) names, looking at its neighbours for two-word terms and genre labels. */
function aspectAt(lex: AspectLexicon, words: readonly string[], i: number, from: number, to: number, c: number): AspectId | null {
  if (!(c & (WORD.candidate | HYPHEN))) return null;
  const w = words[i]!;
  const next = i + 1 < to ? words[i + 1]! : '';
  const prev = i > from ? words[i - 1]! : '';
  const near = neighbourAspect(lex, words, i, to, w, prev, next);
  if (near !== undefined) return near;
  // The word's code tells whether the tables hold it (most candidates are in neither).
  const a = c & WORD.aspectTerm ? lex.aspectTerms.get(w) : undefined;
  // "you get the idea": an idiom, not the film's idea.
  if (a) return w === 'idea' && prev === 'the' && i >= from + 2 && words[i - 2] === 'get' ? null : a;
  // "looks great": the look of the film, when an opinion word follows.
  if ((w === 'looks' || w === 'look' || w === 'looked') && next && lex.opinion.has(next)) return 'visuals';
  const self = c & WORD.selfOpinion ? lex.selfOpinion.get(w) : undefined;
  if (self) return self[0];
  return w.length > 3 && w.includes('-') ? compoundAspect(lex, w) : null;
}

/**
 * The aspect word `w` at `i` names by its neighbours `prev` and `next` ('' at the clause's ends): "too long",
 * "an action movie", two-word terms, "beautifully shot"; null when they make it no term, undefined when they
 * settle nothing.
 */
function neighbourAspect(lex: AspectLexicon, words: readonly string[], i: number, to: number, w: string, prev: string, next: string): AspectId | null | undefined {
  if (w === 'long' && (prev === 'too' || prev === 'overly' || predicateLong(lex, words, i, to))) return 'pacing';
  // "takes its sweet time": slowness.
  if (w === 'time' && prev === 'sweet') return 'pacing';
  // "action" and "comedy" are aspects unless they label the genre ("an action movie", "a teen comedy").
  if (w === 'action') return lex.genreHeads.has(next) || prev === 'an' || prev === 'of' ? null : 'action';
  if ((w === 'telling' || w === 'comedy') && (POSSESSIVE.test(prev) || prev === 'the' || prev === 'its' || prev === 'their')) return w === 'telling' ? 'story' : 'humor';
  if (w === 'comedy' && (prev === 'physical' || prev === 'slapstick' || prev === 'visual' || prev === 'broad')) return 'humor';
  // Two-word terms: the key string is built only when both words can be part of one.
  if (next && lex.bigramFirst.has(w) && lex.bigramSecond.has(next)) {
    const bi = lex.aspectBigrams.get(`${w}_${next}`);
    if (bi) return bi;
  }
  if (prev && lex.bigramSecond.has(w) && lex.bigramFirst.has(prev)) {
    const bi = lex.aspectBigrams.get(`${prev}_${w}`);
    if (bi) return bi;
  }
  // "beautifully shot", "handsomely lit": the camera's work when an adverb of opinion comes before.
  if ((w === 'shot' || w === 'filmed' || w === 'framed' || w === 'lit') && prev.length > 4 && prev.endsWith('ly') && lex.opinion.has(prev.endsWith('ily') ? `${prev.slice(0, -3)}y` : prev.slice(0, -2))) return 'visuals';
  // "one good line", "the best lines": lines of dialogue when judged.
  if ((w === 'line' || w === 'lines') && prev && lex.opinion.has(prev)) return 'story';
  return undefined;
}

/** The aspect of a hyphenated compound the tables do not hold ("songs-the", "scene-cutting"), by its parts. */
function compoundAspect(lex: AspectLexicon, w: string): AspectId | null {
  const parts = w.split('-');
  // "Tunes-esque", "noir-style": a likeness, not the thing.
  if (lex.likeness.has(parts[parts.length - 1]!)) return null;
  for (const part of parts) {
    const p = lex.aspectTerms.get(part) ?? lex.selfOpinion.get(part)?.[0];
    if (p) return p;
  }
  return null;
}

function weightOfClause(codes: Uint16Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (codes[i]! & WORD.otherFilm) return OTHER_FILM_WEIGHT;
  return 1;
}

/** An aspect term in a clause. */
interface Term {
  token: number;
  aspect: AspectId;
}

/** Distance (in tokens) at which an opinion word's weight halves. */
const DECAY = 4;
/** Share of an opinion word's value that reaches a term it is not attached to (coordinated terms). */
const UNATTACHED = 0.3;

/** No punctuation between tokens `a` and `b` (always, without token kinds to go by). */
function joined(kind: Uint8Array | undefined, a: number, b: number): boolean {
  if (!kind) return true;
  for (let i = a + 1; i < b; i++) if (kind[i] === TokenKind.punct) return false;
  return true;
}

/**
 * The term an opinion word at token `h` attaches to when it is neither a term nor right before one: the nearest
 * term before an adverb of opinion that modifies a verb ("[Eastwood] masterfully gives the story …" judges
 * the verb's subject), else the nearest term (the first of two as near).
 */
function nearestTerm(lex: AspectLexicon, terms: readonly Term[], h: number, words: readonly string[] | undefined): number {
  if (words && words[h]!.endsWith('ly') && opinionOf(lex, wordAfter(words, h)) === 0) {
    for (let k = terms.length - 1; k >= 0; k--) if (terms[k]!.token < h) return k;
  }
  let attach = -1;
  let bestD = Infinity;
  for (let k = 0; k < terms.length; k++) {
    const d = Math.abs(terms[k]!.token - h);
    if (d < bestD) {
      bestD = d;
      attach = k;
    }
  }
  return attach;
}

/**
 * Scores of the terms of one clause. Each opinion word attaches to one term: itself when it is one
 * ("funny"), else the term it directly precedes ("convincing performance"), else the nearest. An attached
 * opinion counts fully, with distance decay; the others reach a term at a reduced share.
 */
function termScores(lex: AspectLexicon, terms: readonly Term[], hits: readonly OpinionHit[], kind?: Uint8Array, words?: readonly string[]): number[] {
  const scores: number[] = [];
  for (let k = 0; k < terms.length; k++) scores.push(0);
  for (const h of hits) {
    let attach = -1;
    // A word that is a term and an opinion before another term ("plodding action sequences") judges both.
    let modified = -1;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!.token;
      if (attach < 0 && t === h.token) attach = k;
      if (modified < 0 && t > h.token && t - h.token <= 2 && joined(kind, h.token, t)) modified = k;
    }
    if (attach < 0) attach = modified;
    if (attach < 0) attach = nearestTerm(lex, terms, h.token, words);
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!.token;
      const decay = h.value / (1 + Math.abs(t - h.token) / DECAY);
      scores[k]! += k === attach || k === modified || t === h.token ? decay : UNATTACHED * decay;
    }
  }
  return scores;
}

/** Index of the token that starts at or contains character `offset` (binary search), or -1. */
export function tokenAt(doc: Doc, offset: number): number {
  const { start, end, count } = doc.tokens;
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (end[mid]! <= offset) lo = mid + 1;
    else if (start[mid]! > offset) hi = mid - 1;
    else return mid;
  }
  return lo < count ? lo : -1;
}

const ROLE_ASPECT: Partial<Record<CreditRole, AspectId>> = {
  cast: 'acting',
  director: 'direction',
  writer: 'story',
  composer: 'sound',
  cinematographer: 'visuals',
  editor: 'pacing',
};

/**
 * People the entities stage found, as aspect terms at the last token of each mention: a judgement of an
 * actor is one of the acting, of the director one of the direction ("Dench is brilliant as …" → acting).
 * A person without a credit reads as cast, the commonest case in criticism.
 */
function personTerms(lex: AspectLexicon, doc: Doc, entities: Pick<Entities, 'people' | 'credits'> | undefined): Map<number, AspectId> {
  const out = new Map<number, AspectId>();
  if (!entities || entities.people.length === 0) return out;
  const roleOf = new Map<string, CreditRole>();
  for (const c of entities.credits) if (!roleOf.has(c.person) || c.role === 'cast') roleOf.set(c.person, c.role);
  for (const p of entities.people) {
    // A well-known filmmaker named without a credit is one of the direction ("Romero delivers the goods").
    const last = p.name.split(' ').at(-1)!.toLowerCase();
    const role = roleOf.get(p.name) ?? (lex.filmmakers.has(last) ? 'director' : 'cast');
    const aspect = ROLE_ASPECT[role];
    if (!aspect) continue;
    for (const m of p.mentions) {
      const t = tokenAt(doc, Math.max(m.start, m.end - 1));
      if (t < 0) continue;
      // "Eli Roth's spookfest", "Pfeiffer's performance": the noun that follows is what is judged.
      if (possessiveEnd(doc.text, doc.tokens.start[t]!, doc.tokens.end[t]!) || doc.text[doc.tokens.end[t]!] === '’' || doc.text[doc.tokens.end[t]!] === "'") continue;
      out.set(t, aspect);
    }
  }
  return out;
}

function personCue(lex: AspectLexicon, words: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to && i < from + 8; i++) {
    if (lex.personCues.has(words[i]!)) return true;
    if (words[i] === ',' || words[i] === ';') return false;
  }
  return false;
}

/** Is the character at `at` an upper-case letter (ASCII fast path)? */
function upperAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[at]!;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Names the entities stage may not resolve in a short snippet: a capitalised word that is no common English
 * word, standing as the subject of a clause ("Dench is brilliant", "Hitchcock fails", "[Russell] seems …"),
 * or a well-known filmmaker's surname anywhere. A filmmaker, or a name followed by a verb of directing
 * ("Haynes crafts"), is a term of the direction; any other name one of the acting. Tokens in `skip` (the
 * film's and references' mentions) are titles, not names.
 */
function nameTerms(ctx: AspectContext, skip: Uint8Array | null, codes: Uint16Array): Map<number, AspectId> {
  const { doc } = ctx;
  const scan: NameScan = { doc, words: ctx.words, lex: ctx.lexicon.aspects, entities: ctx.lexicon.entities, codes };
  const out = new Map<number, AspectId>();
  const { kind, start } = doc.tokens;
  // Text written all in lower case (as some corpora are) has no capitals to go by: only the filmmakers then.
  const caseless = !/[A-Z]/.test(doc.text);
  for (const s of doc.sentences) {
    if (s.repeatOf >= 0) continue;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (kind[i] !== TokenKind.word || (skip && skip[i])) continue;
      // Cheap test first: most tokens are lower-case words.
      const upper = upperAt(doc.text, start[i]!);
      if (!upper && !caseless) continue;
      if (!upper && !(codes[i]! & WORD.filmmaker)) continue;
      const a = nameTermAt(scan, s, i, upper);
      if (a) out.set(i, a);
    }
  }
  return out;
}

/** What `nameTerms` reads at each candidate token. */
interface NameScan {
  readonly doc: Doc;
  readonly words: readonly string[];
  readonly lex: AspectLexicon;
  readonly entities: EntityLexicon;
  readonly codes: Uint16Array;
}

/** The aspect of a capitalised word (or a filmmaker's name) at `i` of sentence `s`, standing as a name, or null. */
function nameTermAt(scan: NameScan, s: DocSentence, i: number, upper: boolean): AspectId | null {
  const { doc, words, lex } = scan;
  const c = scan.codes[i]!;
  let w = words[i]!;
  const possessive = w.endsWith("'s") || w.endsWith("s'");
  if (possessive) w = w.slice(0, -2);
  if (possessive ? lex.filmmakers.has(w) : c & WORD.filmmaker) {
    // "Hitchcock's", "a Bergman film": the work that follows is what is judged.
    return !possessive && !lex.titleHeads.has(wordAfter(words, i)) ? 'direction' : null;
  }
  if (possessive || w.length < 3 || !upper || c & (WORD.opinion | WORD.aspectTerm | WORD.selfOpinion)) return null;
  const { kind, start } = doc.tokens;
  // The last word of a run of capitalised words ("Toni Collette"), at most three long (tested before the word lists: cheaper).
  if (i + 1 < s.tokenEnd && kind[i + 1] === TokenKind.word && upperAt(doc.text, start[i + 1]!)) return null;
  const { common, stop } = scan.entities;
  if (stop.has(w) || common.has(w)) return null;
  let r0 = i;
  while (r0 > s.tokenStart && r0 > i - 2 && kind[r0 - 1] === TokenKind.word && upperAt(doc.text, start[r0 - 1]!) && !stop.has(words[r0 - 1]!)) r0--;
  if (r0 > s.tokenStart && !lex.beforeSubject.has(words[r0 - 1]!)) return null;
  let n = i + 1;
  while (n < s.tokenEnd && (words[n] === ']' || words[n] === ')' || words[n] === ',' || words[n] === '"')) n++;
  const next = n < s.tokenEnd ? words[n]! : '';
  if (!verbish(lex, doc, next, n)) return null;
  // "X is …" opens as many sentences about a film ("Jaws is exciting") as about a person: a copula needs a
  // person's cue in the clause ("Dench is brilliant as the adult Philomena", "… his", "… her").
  if (lex.copulas.has(next) && !personCue(lex, words, n + 1, s.tokenEnd)) return null;
  return lex.directingVerbs.has(next) ? 'direction' : 'acting';
}

/** Does `next` (token `n`) read as the verb of a subject before it: a known verb, or a lower-case word in -s? */
function verbish(lex: AspectLexicon, doc: Doc, next: string, n: number): boolean {
  if (lex.subjectVerbs.has(next) || lex.directingVerbs.has(next)) return true;
  return next.length >= 4 && next.endsWith('s') && !next.endsWith('ss') && !next.endsWith('us') && !upperAt(doc.text, doc.tokens.start[n]!) && !lex.opinion.has(next) && !lex.aspectTerms.has(next);
}

/** Index of the word before the capitalised run that ends at `i` (or `from`). */
function nameStart(doc: Doc, words: readonly string[], i: number, from: number): number {
  let j = i;
  while (j > from && doc.tokens.kind[j - 1] === TokenKind.word && upperAt(doc.text, doc.tokens.start[j - 1]!)) j--;
  return j - 1;
}

const PEOPLE_ASPECTS: ReadonlySet<AspectId> = new Set(['acting', 'direction']);

/** First word token of `[a, b)`, skipping fronted connectives ("Also,", "But"), or -1. */
function firstWordAt(doc: Doc, words: readonly string[], a: number, b: number): number {
  for (let i = a; i < b && i < a + 3; i++) {
    if (doc.tokens.kind[i] === TokenKind.punct) continue;
    if (words[i] === 'but' || words[i] === 'and' || words[i] === 'also' || words[i] === 'still') continue;
    return i;
  }
  return -1;
}

/** What `aspectMentions` reads and fills, clause after clause (passed to its steps rather than closed over). */
interface MentionScan {
  readonly ctx: AspectContext;
  readonly lex: AspectLexicon;
  readonly people: ReadonlyMap<number, AspectId>;
  /** Most docs name no people: no lookup per token then. */
  readonly hasPeople: boolean;
  readonly termsOut: (AspectId | undefined)[] | undefined;
  readonly hitsOut: Map<number, OpinionHit[]> | undefined;
  readonly only: readonly AspectId[] | null;
  readonly allHits: boolean;
  readonly codes: Uint16Array;
  readonly readClause: ClausePolarity;
  readonly out: AspectMention[];
}

/** The aspect terms of clause `[a, b)`: people's names and the words `aspectAt` reads as terms. */
function clauseTerms(scan: MentionScan, a: number, b: number): Term[] {
  const { ctx, lex, codes } = scan;
  const { doc, words } = ctx;
  const terms: Term[] = [];
  for (let i = a; i < b; i++) {
    let aspect: AspectId | null | undefined = scan.hasPeople ? scan.people.get(i) : undefined;
    // "the lives of Anne Frank", "seeing Kurt Russell so young": a name after a preposition or a verb of
    // seeing is talked about, not judged as a performer or filmmaker.
    if (aspect && i > a) {
      const cue = nameStart(doc, words, i, a);
      if (lex.nameObjectCues.has(cue >= 0 ? words[cue]! : '')) aspect = undefined;
    }
    if (!aspect && codes[i]! & (WORD.candidate | HYPHEN)) aspect = aspectAt(lex, words, i, a, b, codes[i]!);
    if (aspect) {
      terms.push({ token: i, aspect });
      if (scan.termsOut) scan.termsOut[i] = aspect;
    }
  }
  return terms;
}

/** The distinct aspects of `terms`, in order of first mention. */
function distinctAspects(terms: readonly Term[]): AspectId[] {
  const out: AspectId[] = [];
  for (const t of terms) if (!out.includes(t.aspect)) out.push(t.aspect);
  return out;
}

/** Does any term name one of `only`'s aspects? */
function namesAny(terms: readonly Term[], only: readonly AspectId[]): boolean {
  for (const t of terms) if (only.includes(t.aspect)) return true;
  return false;
}

/** Is there an opinion hit at most two tokens before `token`? */
function hitJustBefore(hits: readonly OpinionHit[], token: number): boolean {
  for (const h of hits) if (h.token < token && token - h.token <= 2) return true;
  return false;
}

/** "a story of incredible triumph", "a hero of great courage": the words after "of" tell what the story is about;
 * the story is judged only by an opinion word right before it ("a gripping story of …"). Drops the others. */
function dropStoriesOf(words: readonly string[], terms: Term[], hits: readonly OpinionHit[]): void {
  for (let k = terms.length - 1; k >= 0; k--) {
    const t = terms[k]!;
    const next = wordAfter(words, t.token);
    if ((t.aspect !== 'story' && t.aspect !== 'characters') || (next !== 'of' && next !== 'about')) continue;
    if (!hitJustBefore(hits, t.token)) terms.splice(k, 1);
  }
}

/** The mentions of clause `[a, b)` of sentence `si`, whose terms are `terms`, into `scan.out`. */
function clauseMentions(scan: MentionScan, si: number, a: number, b: number, terms: Term[]): void {
  const { ctx, lex, only, codes } = scan;
  // The learned reading reads every clause's opinion hits: read here, with the doc's word codes.
  let hits: OpinionHit[] | undefined;
  if (scan.allHits && scan.hitsOut) scan.hitsOut.set(a, (hits = opinionHits(ctx, a, b, codes)));
  if (terms.length === 0) return;
  // Mentions of some aspects only (a learned model reads no others): a clause that names none of them is done.
  if (only && !namesAny(terms, only)) return;
  if (!hits) {
    hits = opinionHits(ctx, a, b, codes);
    scan.hitsOut?.set(a, hits);
  }
  if (hits.length === 0) return;
  dropStoriesOf(ctx.words, terms, hits);
  if (terms.length === 0) return;
  const scores = termScores(lex, terms, hits, ctx.doc.tokens.kind, ctx.words);
  const best = new Map<AspectId, { token: number; score: number }>();
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    const prev = best.get(t.aspect);
    if (!prev || Math.abs(scores[k]!) > Math.abs(prev.score)) best.set(t.aspect, { token: t.token, score: scores[k]! });
  }
  let clausePolarity: number | null = null;
  const weight = weightOfClause(codes, a, b);
  for (const [aspect, { token, score }] of best) {
    if (Math.abs(score) < MIN_SCORE || (only && !only.includes(aspect))) continue;
    clausePolarity ??= scan.readClause(a, b);
    const lexical = Math.tanh(1.5 * score);
    const polarity = Math.max(-1, Math.min(1, LEXICON_SHARE * lexical + (1 - LEXICON_SHARE) * clausePolarity));
    scan.out.push({ aspect, sentence: si, tokenStart: a, tokenEnd: b, token, score, polarity, weight });
  }
}

/**
 * Every aspect opinion of the doc, clause by clause (repeated pull-quote lines skipped). `termsOut` receives the
 * aspect term of each token and `hitsOut` the opinion hits of each clause it reads. With `only`, the mentions are
 * those of these aspects, and a clause that names none of them is read for its terms alone (null: every aspect).
 */
function aspectMentions(ctx: AspectContext, people: ReadonlyMap<number, AspectId>, termsOut: (AspectId | undefined)[] | undefined, hitsOut: Map<number, OpinionHit[]> | undefined, only: readonly AspectId[] | null, allHits: boolean, codes: Uint16Array): AspectMention[] {
  const { doc, words } = ctx;
  const lex = ctx.lexicon.aspects;
  const scan: MentionScan = { ctx, lex, people, hasPeople: people.size > 0, termsOut, hitsOut, only, allHits, codes, readClause: ctx.clausePolarity, out: [] };
  // Aspects named in the last clause of the previous sentence, for a next sentence that opens with a pronoun.
  let carried: AspectId[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    if (doc.sentences[si]!.repeatOf >= 0) continue;
    const clauses = ctx.clausesOf(si);
    const before = carried;
    carried = [];
    for (let ci = 0; ci < clauses.length; ci++) {
      const [a, b] = clauses[ci]!;
      const terms = clauseTerms(scan, a, b);
      if (ci === clauses.length - 1) carried = terms.length === 0 ? [] : distinctAspects(terms);
      // "Also, there's a flamethrower duel. It's as undeniably cool as it sounds.": the pronoun stands for the term.
      if (terms.length === 0 && ci === 0 && before.length === 1) {
        const p = firstWordAt(doc, words, a, b);
        if (p >= 0 && (lex.carryingPronouns.has(words[p]!) || (lex.personPronouns.has(words[p]!) && PEOPLE_ASPECTS.has(before[0]!)))) terms.push({ token: p, aspect: before[0]! });
      }
      clauseMentions(scan, si, a, b, terms);
    }
  }
  return scan.out;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Names of people as aspect terms (the entities stage's, then names found in the text), by token. */
function peopleTerms(ctx: AspectContext, codes: Uint16Array): Map<number, AspectId> {
  const { doc, entities } = ctx;
  const people = personTerms(ctx.lexicon.aspects, doc, entities);
  // Title mentions are not names, when the title is sure (given, or more than one word).
  let skip: Uint8Array | null = null;
  const film = entities?.film;
  const titleSpans = [...(film && (film.source !== 'text' || film.title.includes(' ')) ? film.mentions : []), ...(entities?.references ?? []).flatMap((r) => r.mentions)];
  if (titleSpans.length) {
    skip = new Uint8Array(doc.tokens.count);
    for (const sp of titleSpans) for (let t = tokenAt(doc, sp.start); t >= 0 && t < doc.tokens.count && doc.tokens.start[t]! < sp.end; t++) skip[t] = 1;
  }
  for (const [t, a] of nameTerms(ctx, skip, codes)) if (!people.has(t)) people.set(t, a);
  return people;
}

/** A clause of the learned reading, with the rule cascade's polarity of each aspect it found there. */
export interface AspectUnit extends ClauseUnit {
  rules: Map<AspectId, number>;
}

/** Options of `aspectUnits` that training sets (inference takes them from the loaded aspect model). */
export interface UnitOptions {
  clusters?: ReadonlyMap<string, number>;
  mask?: number;
  clauses?: boolean;
  drop?: ReadonlySet<string>;
  weak?: WeakModel | null;
  vectors?: WordVectors | null;
  gate?: Gate;
  /** The aspects whose rule-cascade mentions to read (null: all; the model's `ruleAspects` when absent). */
  cascade?: readonly AspectId[] | null;
}

/** The clauses of a doc as the learned model reads them, and the rule cascade's polarity of each aspect it found in each. */
interface ClauseReading {
  input: FeatureInput;
  /** The doc's word codes. */
  codes: Uint16Array;
  /** The cascade's polarity per aspect, by the first token of the clause it found it in. */
  rulesAt: ReadonlyMap<number, ReadonlyMap<AspectId, number>>;
}

const NO_RULES: ReadonlyMap<AspectId, number> = new Map();

/** The learned reading's input: the cascade runs once and hands over its aspect terms, opinion hits and mentions. */
function clauseReading(ctx: AspectContext, opts: UnitOptions): ClauseReading {
  const { doc } = ctx;
  const codes = codesOf(ctx);
  const people = peopleTerms(ctx, codes);
  const terms: (AspectId | undefined)[] = new Array(doc.tokens.count);
  const hits = new Map<number, OpinionHit[]>();
  const am = (ctx.model?.aspects as AspectModel | null | undefined) ?? null;
  const drop = opts.drop ?? am?.drop;
  // The features read every clause's opinion hits (unless dropped, or read by whole sentences): the cascade reads them once.
  const allHits = (opts.clauses ?? true) && !drop?.has('opinion');
  const mentions = aspectMentions(ctx, people, terms, hits, opts.cascade !== undefined ? opts.cascade : am ? ruleAspects(am) : null, allHits, codes);
  const input: FeatureInput = {
    ctx,
    terms,
    personTokens: new Set(people.keys()),
    rules: mentions,
    clusters: opts.clusters ?? am?.clusters ?? new Map(),
    mask: opts.mask ?? (am ? am.buckets - 1 : 0),
    clauses: opts.clauses ?? true,
    ...(opts.drop ? { drop: opts.drop } : am ? { drop: am.drop } : {}),
    weak: opts.weak !== undefined ? opts.weak : (am?.weak ?? null),
    caseless: !/[A-Z]/.test(doc.text),
    vectors: opts.vectors !== undefined ? opts.vectors : (am?.vectors ?? null),
    gate: opts.gate ?? am?.gate ?? 'all',
    ...(opts.clusters ? {} : am ? { table: am.clusterTable } : {}),
    hits,
  };
  // A mention starts at its clause's first token (clauses are disjoint): the mentions by that token.
  const rulesAt = new Map<number, Map<AspectId, number>>();
  for (const m of mentions) {
    let rules = rulesAt.get(m.tokenStart);
    if (!rules) rulesAt.set(m.tokenStart, (rules = new Map()));
    rules.set(m.aspect, m.polarity);
  }
  return { input, codes, rulesAt };
}

/** The clauses of a doc as the learned model reads them, with their features and the cascade's readings (training). */
export function aspectUnits(ctx: AspectContext, opts: UnitOptions = {}): AspectUnit[] {
  const { input, rulesAt } = clauseReading(ctx, opts);
  // A unit reads the mentions of the clauses it spans (a whole sentence read as one unit spans several), in order.
  return clauseUnits(input).map((u) => {
    let rules = (rulesAt.get(u.tokenStart) ?? NO_RULES) as Map<AspectId, number>;
    for (let t = u.tokenStart + 1; t < u.tokenEnd; t++) {
      const more = rulesAt.get(t);
      if (!more) continue;
      if (rules === NO_RULES) rules = new Map();
      else if (rules === rulesAt.get(u.tokenStart)) rules = new Map(rules);
      for (const [a, p] of more) rules.set(a, p);
    }
    return Object.assign(u, { rules });
  });
}

/** Training units of the weak-label model: each clause's masked words, labelled by the rule cascade's mentions. */
export function weakUnits(ctx: AspectContext, mask: number): { buckets: Int32Array; labels: number }[] {
  const { doc } = ctx;
  const codes = codesOf(ctx);
  const people = peopleTerms(ctx, codes);
  const terms: (AspectId | undefined)[] = new Array(doc.tokens.count);
  const mentions = aspectMentions(ctx, people, terms, undefined, null, false, codes);
  const out: { buckets: Int32Array; labels: number }[] = [];
  doc.sentences.forEach((s, si) => {
    if (s.repeatOf >= 0 || s.tokenEnd <= s.tokenStart) return;
    for (const [a, b] of ctx.clausesOf(si)) {
      let labels = 0;
      for (const m of mentions) if (m.sentence === si && m.tokenStart === a) labels |= 1 << ASPECT_IDS.indexOf(m.aspect);
      out.push({ buckets: weakBuckets(ctx.words, terms, a, b, mask), labels });
    }
  });
  return out;
}

/** What the learned model's clause decisions read and fill (passed to `decideClause` rather than closed over). */
interface LearnedScan {
  readonly am: AspectModel;
  readonly readClause: ClausePolarity;
  readonly codes: Uint16Array;
  readonly rulesAt: ReadonlyMap<number, ReadonlyMap<AspectId, number>>;
  readonly out: AspectMention[];
}

/** The mentions of the aspects of one clause whose probabilities `p` holds, into `scan.out`. */
function decideClause(scan: LearnedScan, p: ArrayLike<number>, sentence: number, tokenStart: number, tokenEnd: number): void {
  const { am, readClause } = scan;
  const rules = scan.rulesAt.get(tokenStart) ?? NO_RULES;
  // The clause's weight, read once for all its aspects (and only if one passes).
  let weight = -1;
  for (let k = 0; k < HEADS; k++) {
    const aspect = ASPECT_IDS[k]!;
    const rule = rules.size === 0 ? undefined : rules.get(aspect);
    const mode = am.modes[k]!;
    const byModel = p[k]! >= am.thresholds[k]!;
    if (!(mode === 0 ? byModel : mode === 1 ? rule !== undefined : byModel || rule !== undefined)) continue;
    // The cascade's polarity where it read the clause (blended with the clause model's unless ruleShare is 1), else the clause model's.
    const polarity = rule === undefined ? readClause(tokenStart, tokenEnd) : am.ruleShare === 1 ? rule : am.ruleShare * rule + (1 - am.ruleShare) * readClause(tokenStart, tokenEnd);
    if (weight < 0) weight = weightOfClause(scan.codes, tokenStart, tokenEnd);
    scan.out.push({ aspect, sentence, tokenStart, tokenEnd, token: tokenStart, score: Math.max(p[k]!, rule === undefined ? 0 : 0.5), polarity, weight });
  }
}

/** The mentions the learned model finds: each clause's aspects that pass their threshold (or the cascade, per aspect mode). */
function learnedMentions(ctx: AspectContext, am: AspectModel): AspectMention[] {
  const { input, codes, rulesAt } = clauseReading(ctx, {});
  const scan: LearnedScan = { am, readClause: ctx.clausePolarity, codes, rulesAt, out: [] };
  if (am.vectors) {
    // Dense clause features (a model trained with them): the general scorer.
    const p = new Float64Array(HEADS);
    for (const u of clauseUnits(input)) {
      scoreUnit(am, u.buckets, u.lex, p, u.dense);
      decideClause(scan, p, u.sentence, u.tokenStart, u.tokenEnd);
    }
  } else {
    // The weights are summed as the features are found: no bucket lists (and a plain array, see HeadSums).
    const sums = new HeadSums(am.weights);
    const p: number[] = new Array<number>(HEADS).fill(0);
    forEachClause(input, sums, function decideSummed(sentence, tokenStart, tokenEnd) {
      sums.probabilities(am, p);
      decideClause(scan, p, sentence, tokenStart, tokenEnd);
    });
  }
  return scan.out;
}

/**
 * Aspect opinions of the review: weighted mean polarity, mention count and evidence sentences, in ASPECT_IDS order.
 * With a learned aspect model (models/aspects.v1.*) the model decides which clauses judge which aspect; without
 * one, the rule cascade alone.
 */
export function findAspects(ctx: AspectContext): AspectOpinion[] {
  const { doc } = ctx;
  const am = (ctx.model?.aspects as AspectModel | null | undefined) ?? null;
  let mentions: AspectMention[];
  if (am) mentions = learnedMentions(ctx, am);
  else {
    const codes = codesOf(ctx);
    mentions = aspectMentions(ctx, peopleTerms(ctx, codes), undefined, undefined, null, false, codes);
  }
  const out: AspectOpinion[] = [];
  if (mentions.length === 0) return out;
  for (const aspect of ASPECT_IDS) {
    const ms = mentions.filter((m) => m.aspect === aspect);
    if (ms.length === 0) continue;
    let num = 0;
    let den = 0;
    const evidence: Span[] = [];
    const seen = new Set<number>();
    for (const m of ms) {
      const w = m.weight * (am ? m.score : 0.5 + Math.min(1.5, Math.abs(m.score)));
      num += w * m.polarity;
      den += w;
      if (!seen.has(m.sentence)) {
        seen.add(m.sentence);
        const s = doc.sentences[m.sentence]!;
        evidence.push({ start: s.start, end: s.end });
      }
    }
    out.push({ aspect, polarity: round3(den > 0 ? num / den : 0), mentions: ms.length, evidence });
  }
  return out;
}

/** Whether a span overlaps any of `spans`, in logarithmic time (spans sorted by start, with the running furthest end). */
function spanIndex(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const t of sorted) maxEnd.push(Math.max(t.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return function overlapsAny(span: Span): boolean {
    // The spans starting before span.end: the first k of them.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < span.end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > span.start;
  };
}

/** The clause of ordered, disjoint `clauses` that holds token `tok`, by binary search. */
function clauseAt(clauses: readonly (readonly [number, number])[], tok: number): readonly [number, number] | undefined {
  let lo = 0;
  let hi = clauses.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = clauses[mid]!;
    if (tok < c[0]) hi = mid - 1;
    else if (tok >= c[1]) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** Character spans of `name` in the text (whole words, case-sensitive as names are written). */
function findName(text: string, name: string): Span[] {
  const out: Span[] = [];
  if (name.length < 2) return out;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = at > 0 ? text[at - 1]! : ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) out.push({ start: at, end: at + name.length });
  }
  return out;
}

/** Index of the sentence that holds character `offset` (sentences are ordered and disjoint), or -1. */
function sentenceOf(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** A person or character to find opinions of, with the spans that name them. */
interface Named {
  name: string;
  kind: TargetOpinion['kind'];
  spans: Span[];
}

/** The people of the entities stage, then the credited characters found by name in the text. */
function namedTargets(text: string, entities: Entities): Named[] {
  const named: Named[] = [];
  for (const p of entities.people) named.push({ name: p.name, kind: 'person', spans: p.mentions });
  const characters = new Set<string>();
  for (const c of entities.credits) if (c.character && !characters.has(c.character)) characters.add(c.character);
  for (const ch of characters) {
    const spans = findName(text, ch);
    // "the Director": a character written with an article is still found by the name alone.
    const bare = ch.replace(/^the\s+/i, '');
    if (bare !== ch) for (const sp of findName(text, bare)) if (!covered(spans, sp)) spans.push(sp);
    named.push({ name: ch, kind: 'character', spans });
  }
  return named;
}

/** Does one of `spans` cover `sp`? */
function covered(spans: readonly Span[], sp: Span): boolean {
  for (const x of spans) if (x.start <= sp.start && x.end >= sp.end) return true;
  return false;
}

/** Does any credit name a character? */
function hasCharacters(entities: Entities): boolean {
  for (const c of entities.credits) if (c.character) return true;
  return false;
}

/** The mentions of the film and of the other films referred to. */
function titleMentions(entities: Entities): Span[] {
  const out: Span[] = [];
  for (const m of entities.film?.mentions ?? []) out.push(m);
  for (const r of entities.references) for (const m of r.mentions) out.push(m);
  return out;
}

/** A clause's opinion words and the aspect terms that compete for them (read once, however many names it holds). */
interface ClauseRead {
  hits: OpinionHit[];
  terms: Term[];
}

/** The opinion hits of `clause` and, when it has some, its aspect terms. */
function readTargetClause(ctx: AspectContext, lex: AspectLexicon, clause: readonly [number, number], codes: Uint16Array): ClauseRead {
  const terms: Term[] = [];
  const hits = opinionHits(ctx, clause[0], clause[1], codes);
  if (hits.length > 0) {
    for (let i = clause[0]; i < clause[1]; i++) {
      const a = aspectAt(lex, ctx.words, i, clause[0], clause[1], codes[i]!);
      if (a) terms.push({ token: i, aspect: a });
    }
  }
  return { hits, terms };
}

/** Has `evidence` a span starting at `start`? */
function hasStart(evidence: readonly Span[], start: number): boolean {
  for (const e of evidence) if (e.start === start) return true;
  return false;
}

/**
 * Opinions about named people and characters: for each mention (people's mentions from the entities stage;
 * characters found by their credited name), the opinion words of its clause that attach to it, with the
 * model's clause polarity. A name whose clauses hold no opinion is left out.
 */
export function findTargets(ctx: AspectContext): TargetOpinion[] {
  const { doc, words, entities } = ctx;
  const lex = ctx.lexicon.aspects;
  const readClause: ClausePolarity = ctx.clausePolarity;
  if (!entities) return [];
  // Nobody named (most snippets): nothing to judge.
  if (entities.people.length === 0 && !hasCharacters(entities)) return [];
  const named = namedTargets(doc.text, entities);
  const overlapsTitle = spanIndex(titleMentions(entities));
  const clauseRead = new Map<readonly [number, number], ClauseRead>();
  // The context's word codes when it keeps them, else those of the clauses read only (most of a review names no one).
  const shared = ctx.codes;
  let codes: Uint16Array | null = shared ?? null;
  const out: TargetOpinion[] = [];
  for (const n of named) {
    let num = 0;
    let den = 0;
    const evidence: Span[] = [];
    for (const span of n.spans) {
      const si = sentenceOf(doc, span.start);
      const s = doc.sentences[si];
      if (!s || s.repeatOf >= 0) continue;
      const tok = tokenAt(doc, Math.max(span.start, span.end - 1));
      // A name used as a title ("the John Wick franchise", "John Wick: Chapter 4") is not the person or character.
      if (s.tokenEnd > tok + 1 && lex.titleHeads.has(words[tok + 1]!)) continue;
      if (overlapsTitle(span)) continue;
      const clause = clauseAt(ctx.clausesOf(si), tok);
      if (!clause) continue;
      let read = clauseRead.get(clause);
      if (!read) {
        if (!shared) codes = wordCodesInto(lex, doc, words, clause[0], clause[1], codes ?? new Uint16Array(doc.tokens.count));
        clauseRead.set(clause, (read = readTargetClause(ctx, lex, clause, codes!)));
      }
      const { hits } = read;
      if (hits.length === 0) continue;
      // Other names and aspect terms of the clause compete for its opinion words.
      const terms: Term[] = [{ token: tok, aspect: 'acting' }];
      for (const t of read.terms) if (t.token !== tok) terms.push(t);
      const score = termScores(lex, terms, hits)[0]!;
      if (Math.abs(score) < TARGET_MIN_SCORE) continue;
      const polarity = LEXICON_SHARE * Math.tanh(1.5 * score) + (1 - LEXICON_SHARE) * readClause(clause[0], clause[1]);
      const w = 0.5 + Math.min(1.5, Math.abs(score));
      num += w * polarity;
      den += w;
      if (!hasStart(evidence, s.start)) evidence.push({ start: s.start, end: s.end });
    }
    if (den > 0) out.push({ name: n.name, kind: n.kind, polarity: round3(num / den), evidence });
  }
  return out;
}
