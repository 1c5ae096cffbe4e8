/**
 * Candidate names: capitalised runs over the entity stage's Words, each judged by its shape, its context, the
 * word lists and the person tagger's margins (2 sure, 1 likely, 0 not).
 */
import type { CreditRole } from '../card.ts';
import { TokenKind } from '../text/index.ts';
import type { Words } from './words.ts';
import { nameTokens } from './film-index.ts';
import { WORD_KIND, wordKinds } from './person-tagger.ts';

/** A run of capitalised tokens: a candidate name. */
export interface Run {
  /** Tokens `[from, to)` of the name (leading articles, ranks of persons and role words removed). */
  from: number;
  to: number;
  name: string;
  words: string[];
  /** `words` and `name` in lower case (made once: the judgements ask for them many times). */
  lowers: string[];
  lowName: string;
  /** Led by "the"/"a" (written or just before): a character or a thing, never a person. */
  article: boolean;
  /** Led by a rank or honorific ("Agent", "Captain"): a character more often than a person. */
  rank: boolean;
  /** A role word stood right before or at the head ("director Ted Post", "Director Roger Donaldson"). */
  role: CreditRole | null;
  possessive: boolean;
  quoted: boolean;
  /** An adjective made from the name follows ("Looney Tunes-esque"). */
  adjective: boolean;
  sentenceInitial: boolean;
  /** A place's name, as written or with the words stripped off its front ("New York" read as "York"). */
  place: boolean;
  /** Person judgement: 2 sure, 1 likely (by context), 0 not. */
  person: number;
  /** Index of the person (in the output) this run refers to, or -1. */
  ref: number;
  /** The rules' judgement (judgeRules) as judgeRuns made it, so that rejudge need not work it out again. */
  rule: number;
}

const MC = /^(?:Mc|Mac|O['’]|D['’]|Fitz)\p{Lu}/u;
const SUBTITLE_MARKS = new Set([':', '-', '–', '—']);
const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']);
const SEQUEL_NUMBER = /^(?:\d{1,2}|II|III|IV|VI|VII|VIII)$/;

function isNameTok(w: Words, i: number): boolean {
  return w.kind[i] === TokenKind.word && (w.shape[i] === 1 || (w.shape[i] === 3 && w.lex.suffixes.has(w.word[i]!)) || syllableName(w, i));
}

// A hyphenated given name of syllables, "Kar-wai", "Joon-ho", "Chan-wook", "Yun-fat" (shape 4, not a name alone).
const SYLLABLES = /^\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,4}$/u;

/** "Wong Kar-wai", "Bong Joon-ho": a hyphenated given name beside a capitalised name word of its sentence. */
function syllableName(w: Words, i: number): boolean {
  if (w.shape[i] !== 4 || !SYLLABLES.test(w.word[i]!)) return false;
  // ("Also-ran Spielberg", "Self-made Cash": a function word first. "Sang" of Hong Sang-soo is an English word too.)
  const head = w.lower[i]!.slice(0, w.lower[i]!.indexOf('-'));
  if (w.lex.stop.has(head) || head === 'self') return false;
  const beside = (j: number): boolean => j >= 0 && j < w.n && w.sentence[j] === w.sentence[i] && w.kind[j] === TokenKind.word && w.shape[j] === 1;
  return beside(i - 1) || beside(i + 1);
}

function isParticle(w: Words, i: number): boolean {
  if (i + 1 >= w.n || !isNameTok(w, i + 1) || w.sentence[i + 1] !== w.sentence[i] || w.possessive[i]) return false;
  const word = w.word[i]!;
  return w.lex.particles.has(word) || w.lex.capParticles.has(word);
}

const DOTTED_INITIALS = /^\p{Lu}(?:\.\p{Lu}){1,3}$/u;

/** An initial: "C", "C." or "M.C." inside a name, followed by a name token. */
function initialLength(w: Words, i: number): number {
  if (w.possessive[i] || (w.shape[i] !== 2 && !(w.shape[i] === 3 && DOTTED_INITIALS.test(w.word[i]!)))) return 0;
  let j = i + 1;
  if (j < w.n && w.word[j] === '.' && w.start[j] === w.end[i]) j++;
  return j < w.n && w.sentence[j] === w.sentence[i] && isNameTok(w, j) ? j - i : 0;
}

/**
 * A name written in capitals that the film index knows as a person's ("starring DORIS DAY, RUTH ROMAN"): the end of
 * its two or three words from token i, or i when there is none. (Capitals are otherwise titles or shouting.)
 */
function shoutedName(w: Words, i: number): number {
  // (Not in brackets, where capitals list films: "Max Steiner (KING KONG, GWTW)", and "KING KONG" is a cast entry.)
  if (!w.credited || w.shape[i] !== 3 || w.kind[i] !== TokenKind.word || w.paren[i] || w.lex.common.has(w.lower[i]!) || w.lex.stop.has(w.lower[i]!)) return i;
  let key = w.lower[i]!;
  for (let to = i + 1; to < w.n && to - i < 3 && w.shape[to] === 3 && w.kind[to] === TokenKind.word && w.sentence[to] === w.sentence[i]; to++) {
    key += ` ${w.lower[to]!}`;
    if (w.credited(key) && !(to + 1 < w.n && w.shape[to + 1] === 3 && w.kind[to + 1] === TokenKind.word && w.credited(`${key} ${w.lower[to + 1]!}`))) return to + 1;
  }
  return i;
}

/** All capitalised runs of the document, in order. */
export function findRuns(w: Words): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < w.n) {
    const startsName = isNameTok(w, i) || isParticle(w, i) || initialLength(w, i) > 0;
    if (!startsName) {
      const shouted = shoutedName(w, i);
      if (shouted > i) {
        runs.push(makeRun(w, i, shouted, w.possessive[shouted - 1] === 1));
        i = shouted;
      } else i++;
      continue;
    }
    const from = i;
    const sent = w.sentence[i];
    let to = i;
    let possessive = false;
    while (to < w.n && w.sentence[to] === sent) {
      if (isNameTok(w, to) || isParticle(w, to)) {
        // Stop before a word that starts a new sentence-like unit: none here; a possessive ends the run.
        to++;
        if (w.possessive[to - 1]) {
          possessive = true;
          break;
        }
        continue;
      }
      const il = initialLength(w, to);
      if (il > 0) {
        to += il;
        continue;
      }
      break;
    }
    if (to === from) {
      i++;
      continue;
    }
    runs.push(makeRun(w, from, to, possessive));
    i = to;
  }
  return runs;
}

/** Whether the capitalised words [f, to) are a person's name the film index knows ("June Haver": a month first). */
function indexName(w: Words, f: number, to: number): boolean {
  // (Not a group the index lists in a cast: "The Monkees", "Three Stooges".)
  if (!w.credited || to - f < 2 || w.shape[f] !== 1 || w.lex.determiners.has(w.lower[f]!) || NUMBER_WORDS.has(w.lower[f]!)) return false;
  let key = '';
  for (let k = f; k < to; k++) {
    if (w.kind[k] !== TokenKind.word) return false;
    key += (k > f ? ' ' : '') + w.lower[k]!;
  }
  return w.credited(key);
}

function makeRun(w: Words, from: number, to: number, possessive: boolean): Run {
  let article = false;
  let rank = false;
  let role: CreditRole | null = null;
  const sentenceInitial = w.initial[from] === 1;
  let f = from;
  // Leading function words, sentence-initial common words and role words are not part of a name.
  while (f < to - 1 || (f < to && to - from === 1)) {
    const lw = w.lower[f]!;
    const roleNoun = w.lex.roleNouns.get(lw);
    // "Star Wars": a capitalised cast word inside a sentence heads a title more often than it names a role.
    const titleHead = roleNoun === 'cast' && !w.initial[f] && to - f === 2;
    if (roleNoun && f + 1 < to && !titleHead) {
      role = roleNoun;
      f++;
      continue;
    }
    // "That's James Cromwell", "He's": a contraction is no part of a name.
    if ((w.lex.stop.has(lw) && !w.lex.given.has(w.word[f]!) && !indexName(w, f, to)) || isContraction(w, lw)) {
      if (lw === 'the' || lw === 'a' || lw === 'an') article = true;
      f++;
      continue;
    }
    if (f === from && sentenceInitial && w.lex.common.has(lw) && !w.lex.given.has(w.word[f]!) && f + 1 < to && !indexName(w, f, to)) {
      f++;
      continue;
    }
    // "Recognizing Jennifer Lynch's name", "Surprisingly Tom Hanks": a sentence-initial verb form or adverb
    // before a name of two or more words ("Channing Tatum" keeps its first word).
    if (f === from && sentenceInitial && to - f >= 3 && lw.length > 5 && (lw.endsWith('ing') || lw.endsWith('ly')) && !w.lex.given.has(w.word[f]!)) {
      f++;
      continue;
    }
    break;
  }
  if (f >= to) f = to - 1;
  // The stop of a dropped initial ("R. Michael Stringer" with "R" dropped) does not start the name.
  while (f + 1 < to && w.kind[f] !== TokenKind.word) f++;
  if (w.lex.ranks.has(w.lower[f]!) && f + 1 < to) rank = true;
  const prev = from - 1;
  if (prev >= 0 && w.sentence[prev] === w.sentence[from]) {
    const pl = w.lower[prev]!;
    if (w.lex.determiners.has(pl)) article = true;
    const roleNoun = w.lex.roleNouns.get(pl);
    if (roleNoun && !role) role = roleNoun;
    // "director and screenwriter Derek Cianfrance": the first of two joined role words, when it is directing.
    if (roleNoun && prev >= 2 && (w.lower[prev - 1] === 'and' || w.word[prev - 1] === '&') && w.lex.roleNouns.get(w.lower[prev - 2]!) === 'director') role = 'director';
  }
  const words: string[] = [];
  const lowers: string[] = [];
  let name = '';
  let dots = false;
  for (let k = f; k < to; k++) {
    if (w.kind[k] !== TokenKind.word) {
      name += '.';
      dots = true;
      continue;
    }
    words.push(w.word[k]!);
    lowers.push(w.lower[k]!);
    // (A space before every word but the first; testing the growing string's end would flatten it each time.)
    name = name.length > 0 ? name + ' ' + w.word[k]! : w.word[k]!;
  }
  let quoted = false;
  for (let k = f; k < to; k++) if (w.quoted[k]) quoted = true;
  const next = to;
  const adjective = next < w.n && w.shape[next] === 4 && w.start[next] === w.end[to - 1] + 1;
  if (dots) name = name.replace(/\s+\./g, '.');
  const place = w.lex.places.size > 0 && (w.lex.places.has(name) || (f > from && w.lex.places.has(w.text.slice(w.start[from]!, w.wordEnd[to - 1]!))));
  return { from: f, to, name, words, lowers, lowName: name.toLowerCase(), article, rank, role, possessive, quoted, adjective, sentenceInitial: f === from && sentenceInitial, place, person: 0, ref: -1, rule: 0 };
}

/**
 * A run that can be a name by its words: no function words (unless the film index knows the name), no common words
 * unless it starts with a given name.
 */
export function nameLike(w: Words, r: Run): boolean {
  // (The words without particles, counted in one pass.)
  let n = 0;
  let first = '';
  let common = false;
  for (let k = 0; k < r.words.length; k++) {
    const x = r.words[k]!;
    if (w.lex.particles.has(x) || w.lex.capParticles.has(x)) continue;
    const lx = r.lowers[k]!;
    // (A function word in a name the film index knows as a person's is a given name: "June Haver".)
    if (w.lex.stop.has(lx) && !w.lex.given.has(x)) return r.words.length >= 2 && !!w.credited?.(r.lowName);
    if (w.lex.common.has(lx)) common = true;
    if (n++ === 0) first = x;
  }
  if (n >= 2 && !w.lex.given.has(first) && common) return false;
  return n > 0;
}

function nameShape(word: string): boolean {
  return MC.test(word);
}

/** The tagger's reading of a run: 1 every token tagged person, -1 none, 0 some (or no tagger). */
function taggerVote(w: Words, r: Run): number {
  const m = w.personMargin;
  if (!m) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = r.from; i < r.to; i++) {
    lo = Math.min(lo, m[i]!);
    hi = Math.max(hi, m[i]!);
  }
  return lo > T_UP ? 1 : hi < -T_DOWN ? -1 : 0;
}

/** Margins (perceptron units) beyond which the tagger's reading counts; chosen on the development sets. */
const T_UP = 10;
const T_DOWN = 0;
/** The margin beyond which a lone word the film data does not know as a surname counts (see surnameLike). */
const T_SURE = 50;

/**
 * First judgement of a run: its rule judgement, corrected by the tagger where one is loaded. A run the tagger
 * reads as a name becomes a likely person when the rules turned it down for want of a cue (a surname on its own,
 * "Doris Day"); a run the tagger reads as no name loses a likely judgement; a sure one (a cue, a credit) stays.
 */
export function judge(w: Words, r: Run, rule = judgeRules(w, r)): number {
  const vote = taggerVote(w, r);
  if (vote > 0) return rule === 0 ? (promotable(w, r) && surnameLike(w, r) ? 1 : 0) : rule;
  if (vote < 0) return rule === 2 ? 2 : 0;
  return rule;
}

/**
 * A lone word the tagger reads as a name is a person's only when the film data knows it as a surname, or the
 * tagger is very sure: reviews name actors by surname and characters by first name ("Akasha", "Kitty", "Ursula").
 */
function surnameLike(w: Words, r: Run): boolean {
  if (r.words.length !== 1 || !w.gaz || !w.personMargin) return true;
  if (wordKinds(w.gaz, r.lowers[0]!) & WORD_KIND.surname) return true;
  for (let i = r.from; i < r.to; i++) if (w.personMargin[i]! < T_SURE) return false;
  return true;
}

/** A run the rules turned down that the tagger may make a person: no article, rank, quotes or function word; a
 *  single word only when it is neither a given name (characters go by first names) nor a common word. */
function promotable(w: Words, r: Run): boolean {
  if (r.article || r.rank || r.quoted || r.adjective || r.place || r.words.length > 4 || w.lex.orgTails.has(r.words[r.words.length - 1]!)) return false;
  for (let k = 0; k < r.words.length; k++) if (w.lex.stop.has(r.lowers[k]!) && !w.lex.given.has(r.words[k]!)) return false;
  if (r.words.length === 1) return !w.lex.given.has(r.words[0]!) && !w.lex.common.has(r.lowers[0]!);
  return true;
}

/** "he's", "that's"; "we're", "you'll", "i'd" (a function word before the apostrophe). */
export function isContraction(w: Words, lw: string): boolean {
  const a = Math.max(lw.lastIndexOf("'"), lw.lastIndexOf('’'));
  if (a <= 0) return false;
  const tail = lw.slice(a + 1);
  if (tail === 's') return w.lex.contractions.has(lw.slice(0, a));
  const stem = lw.slice(0, a);
  return (tail === 're' || tail === 've' || tail === 'll' || tail === 'd' || tail === 'm') && (stem === 'i' || w.lex.stop.has(stem));
}


/** Judgement of a run by its own shape and its immediate context. */
function judgeRules(w: Words, r: Run): number {
  const words = r.words;
  const lowers = r.lowers;
  const givenFirst = words.length >= 2 && w.lex.given.has(words[0]!) && !w.lex.common.has(lowers[1]!) === true;
  // A full name the film index credits ("Uwe Boll", "a Bette Davis picture"), no word of it common.
  // (The index is asked only about a name whose words after the first are no function or common words.)
  let tailPlain = words.length >= 2 && words.length <= 4 && w.credited !== null && !r.place;
  for (let k = 1; k < lowers.length && tailPlain; k++) if (w.lex.common.has(lowers[k]!) || w.lex.stop.has(lowers[k]!)) tailPlain = false;
  // A credited name counts even when its first word alone is a function or common word ("May Robson", "Tuesday Weld",
  // "Meat Loaf"); `known`, for the article rule, only when no word of it is.
  const credited = tailPlain && w.credited!(nameTokens(r.name).join(' '));
  const known = credited && !w.lex.common.has(lowers[0]!) && !w.lex.stop.has(lowers[0]!);
  // "a Shirley MacLaine vehicle", "the Charlie Chaplin classic": an article before a full name.
  const modifier = r.to < w.n && w.sentence[r.to] === w.sentence[r.from] && (w.shape[r.to] === 0 || w.kind[r.to] === TokenKind.number);
  const article = r.article && !((givenFirst || known) && !r.rank && modifier);
  if (article || r.rank || r.quoted || r.adjective || r.place) return 0;
  // A name in capitals that the film index knows ("DORIS DAY"): findRuns made it a run only for that.
  if (words.length >= 2 && w.shape[r.from] === 3 && w.shape[r.to - 1] === 3 && w.credited?.(lowers.join(' '))) return 2;
  let nWords = 0;
  for (const x of words) if (!w.lex.particles.has(x) && !w.lex.capParticles.has(x)) nWords++;
  if (nWords === 0 || words.length > 5) return 0;
  if (!credited) for (let k = 0; k < words.length; k++) if (w.lex.stop.has(lowers[k]!) && !w.lex.given.has(words[k]!)) return 0;
  // "He's", "That's": a contraction left as a run of its own; "Mr" or "Dr" without a name.
  if (words.length === 1 && (isContraction(w, lowers[0]!) || w.lex.ranks.has(lowers[0]!))) return 0;
  const prev = r.from - 1;
  if (prev >= 0 && w.sentence[prev] === w.sentence[r.from] && (w.lex.placeBefore.has(w.lower[prev]!) || w.lex.titleBefore.has(w.lower[prev]!)) && !w.lex.given.has(words[0]!)) return 0;
  // "Earth Wind & Fire": a name joined to another by "&" is a group or a title.
  if (words.length >= 2 && r.to + 1 < w.n && w.word[r.to] === '&' && w.shape[r.to + 1] === 1) return 0;
  // "Dirty Dancing 2: Havana Nights": a subtitle after a numbered title.
  let sb = r.from - 1;
  while (sb > r.from - 3 && sb > 0 && SUBTITLE_MARKS.has(w.word[sb]!)) sb--;
  if (sb < r.from - 1 && sb >= 0 && w.kind[sb] === TokenKind.number) return 0;
  // "the performance of Keenen Ivory Wayans": a person, common words in the name or not.
  if (r.from >= 2 && w.lower[r.from - 1] === 'of' && (w.lower[r.from - 2] === 'performance' || w.lower[r.from - 2] === 'performances') && words.length <= 4 && !r.possessive) return 2;
  // "Manchester Utd", "Warner Bros": a company or a club.
  if (w.lex.orgTails.has(words[words.length - 1]!)) return 0;
  // "El Padrino II", "Iron Eagle 4": a numbered title.
  if (r.to < w.n && w.sentence[r.to] === w.sentence[r.from] && SEQUEL_NUMBER.test(w.word[r.to]!)) return 0;
  const hasParticle = words.length > nWords;
  if (nWords >= 2) {
    if (w.lex.given.has(words[0]!) || credited) return 2;
    let commons = 0;
    for (const x of lowers) if (w.lex.common.has(x)) commons++;
    if (commons === 0) return hasParticle || words.some(nameShape) || cue(w, r) === 2 || pronounFollows(w, r) ? 2 : 1;
    return 0;
  }
  // A single word: a surname, a first name, a title, a place or a thing.
  const x = words[0]!;
  if (w.lex.given.has(x) && !hasParticle) return 0;
  if (w.lex.common.has(lowers[0]!) && !hasParticle) return 0;
  if (hasParticle || nameShape(x)) return 2;
  const c = cue(w, r);
  return c === 2 || pronounFollows(w, r, true) ? 2 : c;
}

/** A personal pronoun soon after the name ("Knowles that she's", "Raquel Welch. She was"), before any other name. */
function pronounFollows(w: Words, r: Run, single = false): boolean {
  if (r.possessive) return false;
  for (let i = r.to; i < w.n && i < r.to + 8; i++) {
    if (w.shape[i] === 1 && !w.initial[i]) return false;
    if (single && !w.lex.subjectPronouns.has(w.lower[i]!)) continue;
    if (w.lex.personal.has(w.lower[i]!)) return w.lower[i] !== 'who' || i === r.to || (i === r.to + 1 && w.word[r.to] === ',');
  }
  return false;
}

/** The token after a run, past the apostrophe of a possessive ("Fellowes' direction"). */
export function afterRun(w: Words, r: Run): number {
  return r.possessive && r.to < w.n && (w.word[r.to] === "'" || w.word[r.to] === '’') ? r.to + 1 : r.to;
}

/** Context cues that a capitalised run names a person: 2 strong ("Gallo's genius", "director X"), 1 weak ("X is"). */
function cue(w: Words, r: Run): number {
  if (r.role) return 2;
  const next = afterRun(w, r);
  const sameSentence = next < w.n && w.sentence[next] === w.sentence[r.from];
  if (!sameSentence) return 0;
  const nl = w.lower[next]!;
  if (r.possessive) return w.lex.personPossessed.has(nl) ? 2 : 0;
  if (w.kind[next] !== TokenKind.word) return 0;
  if (w.lex.strongAfter.has(nl)) return 2;
  return w.lex.personAfter.has(nl) ? 1 : 0;
}

/** Runs with a first judgement from their shape and context alone. */
export function judgeRuns(w: Words): Run[] {
  const runs = findRuns(w);
  for (const r of runs) {
    r.rule = judgeRules(w, r);
    r.person = judge(w, r, r.rule);
  }
  return runs;
}

/**
 * The sentences where the tagger's reading can change a judgement (a likely run, or one turned down that it may
 * promote), one byte per sentence; the tagger reads only those (sure runs and others stay as the rules have them).
 * `runs` judged by the rules alone.
 */
export function taggerSentences(w: Words, runs: readonly Run[], sentenceCount: number, targets?: Uint8Array): Uint8Array {
  const wanted = new Uint8Array(sentenceCount);
  for (const r of runs) {
    if (!(r.person === 1 || (r.person === 0 && promotable(w, r)))) continue;
    wanted[w.sentence[r.from]!] = 1;
    // `targets`: the tokens of those runs, the only ones whose margins judge() reads for them.
    if (targets) for (let i = r.from; i < r.to; i++) targets[i] = 1;
  }
  return wanted;
}

/** Judge the runs of judgeRuns again, unchanged since (after the tagger's margins are in `w`). */
export function rejudge(w: Words, runs: readonly Run[]): void {
  for (const r of runs) r.person = judge(w, r, r.rule);
}
