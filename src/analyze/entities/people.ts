/**
 * People and credits: capitalised runs over the Doc's tokens, judged by shape, context and two optional word
 * lists, then linked (surnames and short forms to the full name used elsewhere in the review).
 */
import type { Credit, CreditRole, Person, Span } from '../card.ts';
import { TokenKind } from '../text/index.ts';
import { CUE } from '../lexicon.ts';
import type { Words } from './words.ts';
import { isCharacterName, wordKinds } from './person-tagger.ts';

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
  /** Person judgement: 2 sure, 1 likely (by context), 0 not. */
  person: number;
  /** Index of the person (in the output) this run refers to, or -1. */
  ref: number;
  /** The rules' judgement (judgeRules) as judgeRuns made it, so that rejudge need not work it out again. */
  rule: number;
}

const MC = /^(?:Mc|Mac|O['’]|D['’]|Fitz)\p{Lu}/u;
const SUBTITLE_MARKS = new Set([':', '-', '–', '—']);
const CREW_DETERMINERS = new Set(['a', 'an', 'the', 'one', 'no', 'this']);
// Words allowed between a name and its verb of playing ("P, who also plays C"), and the joiners of coordinated names.
const PLAY_LEADS = new Set([',', 'who', 'also', 'now', 'here', 'ably', 'then', 'deftly', 'brilliantly', 'convincingly', 'wonderfully']);
const COORD_JOINERS = new Set(['and', ', and', '&', 'or', 'nor']);
// Verbs after two coordinated names that make both people ("Fassbender and Vikander are").
const COORD_VERBS = new Set(['are', 'were', 'have', 'square', 'star', 'co-star', 'shine']);
const DESCRIBING_STOPS = new Set(['great', 'good', 'best', 'better', 'fine', 'excellent', 'perfect', 'funny', 'wonderful']);
const SEQUEL_NUMBER = /^(?:\d{1,2}|II|III|IV|VI|VII|VIII)$/;

function isNameTok(w: Words, i: number): boolean {
  return w.kind[i] === TokenKind.word && (w.shape[i] === 1 || (w.shape[i] === 3 && w.lex.suffixes.has(w.word[i]!)));
}

function isParticle(w: Words, i: number): boolean {
  if (i + 1 >= w.n || !isNameTok(w, i + 1) || w.sentence[i + 1] !== w.sentence[i] || w.possessive[i]) return false;
  const word = w.word[i]!;
  return w.lex.particles.has(word) || w.lex.capParticles.has(word);
}

/** An initial: "C" or "C." inside a name, followed by a name token. */
function initialLength(w: Words, i: number): number {
  if (w.shape[i] !== 2 || w.possessive[i]) return 0;
  let j = i + 1;
  if (j < w.n && w.word[j] === '.' && w.start[j] === w.end[i]) j++;
  return j < w.n && w.sentence[j] === w.sentence[i] && isNameTok(w, j) ? j - i : 0;
}

/** All capitalised runs of the document, in order. */
function findRuns(w: Words): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < w.n) {
    const startsName = isNameTok(w, i) || isParticle(w, i) || initialLength(w, i) > 0;
    if (!startsName) {
      i++;
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
    if ((w.lex.stop.has(lw) && !w.lex.given.has(w.word[f]!)) || ((lw.endsWith("'s") || lw.endsWith('’s')) && w.lex.contractions.has(lw.slice(0, -2)))) {
      if (lw === 'the' || lw === 'a' || lw === 'an') article = true;
      f++;
      continue;
    }
    if (f === from && sentenceInitial && w.lex.common.has(lw) && !w.lex.given.has(w.word[f]!) && f + 1 < to) {
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
  return { from: f, to, name, words, lowers, lowName: name.toLowerCase(), article, rank, role, possessive, quoted, adjective, sentenceInitial: f === from && sentenceInitial, person: 0, ref: -1, rule: 0 };
}

/** A run that can be a name by its words: no function words, no common words unless it starts with a given name. */
function nameLike(w: Words, r: Run): boolean {
  // (The words without particles, counted in one pass.)
  let n = 0;
  let first = '';
  let common = false;
  for (let k = 0; k < r.words.length; k++) {
    const x = r.words[k]!;
    if (w.lex.particles.has(x) || w.lex.capParticles.has(x)) continue;
    const lx = r.lowers[k]!;
    if (w.lex.stop.has(lx) && !w.lex.given.has(x)) return false;
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
function judge(w: Words, r: Run, rule = judgeRules(w, r)): number {
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
  if (wordKinds(w.gaz, r.lowers[0]!) & 2) return true;
  for (let i = r.from; i < r.to; i++) if (w.personMargin[i]! < T_SURE) return false;
  return true;
}

/** A run the rules turned down that the tagger may make a person: no article, rank, quotes or function word; a
 *  single word only when it is neither a given name (characters go by first names) nor a common word. */
function promotable(w: Words, r: Run): boolean {
  if (r.article || r.rank || r.quoted || r.adjective || r.words.length > 4) return false;
  for (let k = 0; k < r.words.length; k++) if (w.lex.stop.has(r.lowers[k]!) && !w.lex.given.has(r.words[k]!)) return false;
  if (r.words.length === 1) return !w.lex.given.has(r.words[0]!) && !w.lex.common.has(r.lowers[0]!);
  return true;
}

/** Judgement of a run by its own shape and its immediate context. */
function judgeRules(w: Words, r: Run): number {
  const words = r.words;
  const lowers = r.lowers;
  const givenFirst = words.length >= 2 && w.lex.given.has(words[0]!) && !w.lex.common.has(lowers[1]!) === true;
  // "a Shirley MacLaine vehicle", "the Charlie Chaplin classic": an article before a full name.
  const modifier = r.to < w.n && w.sentence[r.to] === w.sentence[r.from] && (w.shape[r.to] === 0 || w.kind[r.to] === TokenKind.number);
  const article = r.article && !(givenFirst && !r.rank && modifier);
  if (article || r.rank || r.quoted || r.adjective) return 0;
  let nWords = 0;
  for (const x of words) if (!w.lex.particles.has(x) && !w.lex.capParticles.has(x)) nWords++;
  if (nWords === 0 || words.length > 5) return 0;
  for (let k = 0; k < words.length; k++) if (w.lex.stop.has(lowers[k]!) && !w.lex.given.has(words[k]!)) return 0;
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
    if (w.lex.given.has(words[0]!)) return 2;
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
function afterRun(w: Words, r: Run): number {
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

export interface PeopleResult {
  people: Person[];
  credits: Credit[];
  runs: Run[];
}

interface Draft {
  name: string;
  words: string[];
  lowers: string[];
  mentions: Span[];
  sure: boolean;
}

interface DraftCredit {
  person: Run;
  role: CreditRole;
  character: Run | undefined;
  evidence: Span;
}

/**
 * One findPeople call's state. The passes below are top-level functions over it rather than closures inside
 * findPeople: V8 compiles small functions apart, so a rare pattern met late deoptimises its own pass, not the
 * whole stage (a closure-laden findPeople was compiled again some twenty times per process, ~300 ms each).
 */
interface Scan {
  w: Words;
  runs: Run[];
  /** Index of the run that covers each token, or -1. */
  runAt: Int32Array;
  /** Per run: within the review's title, or a name already known as a title. */
  isTitle: Uint8Array;
  /** Per run: may be an actor or a crew member (see markRuns). */
  actor: Uint8Array;
  credits: DraftCredit[];
  characters: Set<string>;
}

function sameSent(w: Words, a: number, b: number): boolean {
  return a < w.n && b < w.n && w.sentence[a] === w.sentence[b];
}

function titleWord(s: Scan, r: Run): boolean {
  return s.isTitle[s.runAt[r.from]!] === 1;
}

function actorLike(s: Scan, r: Run): boolean {
  return s.actor[s.runAt[r.from]!] === 1;
}

/** The run that starts at token i, or null. */
function runAfter(s: Scan, i: number): Run | null {
  return i < s.w.n && s.runAt[i]! >= 0 && s.runs[s.runAt[i]!]!.from === i ? s.runs[s.runAt[i]!]! : null;
}

/** The run at token i, allowing a leading "the"/"The" (kept in the character's name). */
function characterAfter(s: Scan, i: number): Run | null {
  if (i >= s.w.n) return null;
  if (s.runAt[i]! >= 0) return s.runs[s.runAt[i]!]!;
  if (s.w.lower[i] === 'the') return runAfter(s, i + 1);
  return null;
}

/**
 * "as his always angry boss, Tony Vincenzo": a determiner, a few lower-case describing words, a comma, a name
 * that ends its clause.
 */
function appositiveAfter(s: Scan, i: number): Run | null {
  const w = s.w;
  if (i >= w.n || !w.lex.determiners.has(w.lower[i]!)) return null;
  let j = i + 1;
  while (j < w.n && j - i <= 4 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && sameSent(w, j, i)) j++;
  if (j === i + 1 || j >= w.n || w.word[j] !== ',') return null;
  const c = runAfter(s, j + 1);
  if (!c || !sameSent(w, c.from, i) || c.article || c.quoted || !nameLike(w, c)) return null;
  return c.to >= w.n || !sameSent(w, c.to, c.from) || w.kind[c.to] === TokenKind.punct ? c : null;
}

function addCredit(s: Scan, person: Run, role: CreditRole, evidenceFrom: number, evidenceTo: number, character?: Run): void {
  const w = s.w;
  // "as Mr. …" cut at the full stop, "As portrayed by …": no character's name.
  if (character && character.words.length === 1 && (w.lex.ranks.has(character.lowers[0]!) || w.lex.stop.has(character.lowers[0]!))) return;
  if (person.person < 2) person.person = 2;
  if (character) {
    character.person = 0;
    s.characters.add(character.lowName);
  }
  s.credits.push({ person, role, character, evidence: { start: w.start[evidenceFrom]!, end: w.end[evidenceTo - 1]! } });
}

function hasCredit(s: Scan, person: Run): boolean {
  for (const c of s.credits) if (c.person === person) return true;
  return false;
}

function isAlias(w: Words, r: Run): boolean {
  const b = r.from - 1;
  if (b < 0) return false;
  if (w.lower[b] === 'aka' || w.lower[b] === 'a.k.a') return true;
  return b > 0 && w.lower[b] === 'as' && w.lex.aliasVerbs.has(w.lower[b - 1]!);
}

/** The runs and the per-run readings the passes ask for many times (fixed until the runs' words change). */
function markRuns(w: Words, runs: Run[], notPeople: ReadonlySet<string>, titleTokens: Uint8Array | undefined, judged: readonly number[] | undefined): Scan {
  for (const r of runs) r.ref = -1;
  const runAt = (w.runAt ?? new Int32Array(w.n)).fill(-1);
  for (let k = 0; k < runs.length; k++) for (let i = runs[k]!.from; i < runs[k]!.to; i++) runAt[i] = k;
  const isTitle = new Uint8Array(runs.length);
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    isTitle[k] = inTitle(r, titleTokens) || notPeople.has(r.lowName) || r.lowers.every((x) => notPeople.has(x)) ? 1 : 0;
  }
  // `judged`: judge()'s reading of `known` under the same `w` (unchanged runs), so not worked out again.
  for (let k = 0; k < runs.length; k++) runs[k]!.person = isTitle[k] === 1 ? 0 : judged ? judged[k]! : judge(w, runs[k]!);
  const actor = new Uint8Array(runs.length);
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    actor[k] = !r.article && !r.quoted && isTitle[k] !== 1 && !(r.words.length === 1 && w.lex.common.has(r.lowers[0]!) && !w.lex.given.has(r.words[0]!)) && r.words.length <= 4 ? 1 : 0;
  }
  return { w, runs, runAt, isTitle, actor, credits: [], characters: new Set() };
}

function inTitle(r: Run, titleTokens: Uint8Array | undefined): boolean {
  if (!titleTokens) return false;
  for (let i = r.from; i < r.to; i++) if (!titleTokens[i]) return false;
  return true;
}

/**
 * Find people and credits. `notPeople` are lower-case names already known to be titles (the film, the franchise).
 */
export function findPeople(w: Words, notPeople: ReadonlySet<string>, titleTokens?: Uint8Array, known?: Run[], judged?: readonly number[]): PeopleResult {
  const s = markRuns(w, known ?? findRuns(w), notPeople, titleTokens, judged);
  for (let k = 0; k < s.runs.length; k++) {
    const r = s.runs[k]!;
    const after = afterRun(w, r);
    const la = after < w.n ? w.lower[after]! : '';
    bracketCredits(s, r, after, la);
    asCredits(s, r, k, after, la);
    copulaCredits(s, r, after, la);
    playCredits(s, r, after, la);
    crewCredits(s, r, after, la);
    possessiveCredits(s, r, after, la);
  }
  directingCredits(s);
  pronounCredits(s);
  // "The characters of Nan and Kitty were portrayed by Rachael Stirling and Kelley Hawes respectively",
  // "A and B play C and D respectively": two lists of equal length, paired in order.
  // (The word's length first: a typed-array read rather than a string comparison for every token.)
  for (let i = 0; i < w.n; i++) if (w.wordEnd[i]! - w.start[i]! === 12 && w.lower[i] === 'respectively') respectively(s, i);
  markCharacters(s);
  coordinate(s);
  shareSurnames(s);
  return buildPeople(s);
}

/** C (P), C (played by P), P (as C); "(P)" or "(P, Q)" after a lower-case noun: the people are actors. */
function bracketCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  // P (C) is rarer in reviews and not read.
  if (la === '(' && sameSent(w, after, r.from)) {
    let j = after + 1;
    let playedBy = false;
    if (j + 1 < w.n && w.lex.byRoles.get(w.lower[j]!) === 'cast' && w.lower[j + 1] === 'by') {
      j += 2;
      playedBy = true;
    }
    // "Marc Kudisch (as Conrad)": P (as C).
    if (w.lower[j] === 'as' && r.person >= 1 && actorLike(s, r)) {
      const c = characterAfter(s, j + 1);
      if (c && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.quoted && c.to < w.n && w.word[c.to] === ')') addCredit(s, r, 'cast', r.from, c.to + 1, c);
    }
    // "Vic Moretti (late great Anthony Franciosa)": describing words before the actor.
    const j0 = j;
    while (j < w.n && j - j0 < 3 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!)) && sameSent(w, j, r.from)) j++;
    if (j > j0 && (runAfter(s, j)?.words.length ?? 0) < 2) j = j0;
    const p = runAfter(s, j);
    if (p && actorLike(s, p) && nameLike(w, p) && (playedBy || p.to >= w.n || w.word[p.to] === ')' || w.word[p.to] === ',' || w.word[p.to] === ';')) {
      const c = r.role ? null : r;
      if (c) addCredit(s, p, 'cast', r.from, Math.min(w.n, p.to + 1), c);
      else if (p.person < 1) p.person = 1;
    }
  }
  if (r.from > 0 && (w.word[r.from - 1] === '(' || (w.word[r.from - 1] === ',' && r.from > 1)) && actorLike(s, r) && r.person === 0 && !r.rank) {
    let j = r.from - 1;
    while (j > 0 && w.word[j] !== '(' && sameSent(w, j, r.from) && r.from - j < 12) j--;
    const close = r.to < w.n && (w.word[r.to] === ')' || w.word[r.to] === ',');
    // Only full names: a lone word in brackets may be a character ("his father (Manny)"); a surname is
    // linked to its full name anyway.
    if (w.word[j] === '(' && close && !(j > 0 && s.runAt[j - 1]! >= 0) && r.words.length >= 2 && r.lowers.every((x) => !w.lex.stop.has(x) && !w.lex.common.has(x))) r.person = 1;
  }
}

/** P as C; "P returns … as C": the subject of the clause plays C. */
function asCredits(s: Scan, r: Run, k: number, after: number, la: string): void {
  const w = s.w;
  if (la === 'as' && actorLike(s, r) && r.person >= 1) {
    const c = characterAfter(s, after + 1) ?? appositiveAfter(s, after + 1);
    if (c && sameSent(w, after + 1, r.from) && !c.possessive) addCredit(s, r, 'cast', r.from, c.to, c);
  }
  if (r.from > 0 && w.lower[r.from - 1] === 'as' && !r.possessive && r.words.length >= 2 && !r.quoted && !isAlias(w, r) && !(r.from > 1 && w.lower[r.from - 2] === 'such')) {
    let p: Run | null = null;
    let at = -1;
    for (let q = k - 1; q >= 0; q--) {
      const cand = s.runs[q]!;
      if (!sameSent(w, cand.from, r.from) || r.from - cand.to > 14) break;
      p = cand;
      at = q;
    }
    if (p && p !== r && p.person >= 1 && actorLike(s, p) && at === k - 1 && !s.credits.some((c) => c.character === r)) addCredit(s, p, 'cast', p.from, r.to, r);
  }
}

/** "P is C", "P is one director who …", "P was perfect as C". */
function copulaCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  // "David Suchet is Agatha Christie's mustached detective Hercule Poirot": a sure full name, "is", then a
  // name at the end of its clause, after at most an owner and a few lower-case describing words.
  if ((la === 'is' || la === 'becomes') && !r.possessive && r.person >= 2 && r.words.length >= 2 && actorLike(s, r)) {
    let j = after + 1;
    const owner = runAfter(s, j);
    if (owner && owner.possessive) j = afterRun(w, owner);
    let skipped = 0;
    // "is the rumpled lieutenant Frank Columbo": an article only before describing words.
    const article = !owner && (w.lower[j] === 'the' || w.lower[j] === 'a') && j + 1 < w.n && w.shape[j + 1] === 0 && !w.lex.stop.has(w.lower[j + 1]!);
    if (article) j++;
    while (j < w.n && skipped < 3 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.stop.has(w.lower[j]!)) {
      j++;
      skipped++;
    }
    const c = runAfter(s, j);
    const endOk = c && (c.to >= w.n || !sameSent(w, c.to, c.from) || w.kind[c.to] === TokenKind.punct || w.lower[c.to] === 'in');
    if (c && endOk && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.article && !c.quoted && nameLike(w, c) && !titleWord(s, c)) {
      // A name that reads like a real person's ("Frank Columbo") only after an owner or an article and a
      // describing noun ("the rumpled lieutenant Frank Columbo").
      if (c.person < 2 || (skipped > 0 && (article || owner?.possessive))) addCredit(s, r, 'cast', r.from, c.to, c);
    }
  }
  if ((la !== 'was' && la !== 'is') || r.possessive || r.article || r.rank || r.quoted) return;
  // "Walters is one director who …", "Adrienne was a marvelously talented writer-director": a name, "is"/"was",
  // a determiner, at most three describing words, a crew word.
  if (actorLike(s, r) && after + 2 < w.n && CREW_DETERMINERS.has(w.lower[after + 1]!)) {
    let j = after + 2;
    while (j < w.n && j - after <= 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.roleNouns.has(w.lower[j]!) && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!))) j++;
    const role = j < w.n && sameSent(w, j, r.from) ? w.lex.roleNouns.get(w.lower[j]!) : undefined;
    if (role && role !== 'cast') addCredit(s, r, role, r.from, j + 1);
  }
  // "Stuart was perfect as Lestat", "Jones is superb as Ruth": a name (a lone first name too), "was", one or two
  // describing words, "as", a name.
  if ((r.person >= 1 || (r.words.length === 1 && w.lex.given.has(r.words[0]!))) && actorLike(s, r)) {
    let j = after + 1;
    // ("great" and "good" are function words of titles, but describe here.)
    while (j < w.n && j - after <= 2 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!))) j++;
    if (j > after + 1 && j < w.n && w.lower[j] === 'as') {
      const c = characterAfter(s, j + 1);
      if (c && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.quoted && nameLike(w, c) && !titleWord(s, c)) addCredit(s, r, 'cast', r.from, c.to, c);
    }
  }
}

/** P plays C / P plays the <noun>, C; C played by P (with or without a comma). */
function playCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  let v = after;
  while (v < w.n && v - after < 4 && PLAY_LEADS.has(w.lower[v]!)) v++;
  if (v < w.n && w.lex.playVerbs.has(w.lower[v]!) && sameSent(w, v, r.from) && actorLike(s, r) && r.person >= 1) {
    let c = characterAfter(s, v + 1);
    if (!c) {
      // Appositive: "plays the antagonist, Captain Howdy".
      let j = v + 1;
      while (j < w.n && j < v + 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0) j++;
      if (j < w.n && w.word[j] === ',') c = characterAfter(s, j + 1);
    }
    if (c && sameSent(w, c.from, r.from) && !c.possessive && c !== r) addCredit(s, r, 'cast', r.from, c.to, c);
    else if (r.person < 2) r.person = 2;
  }
  // "the character of Stewart Worthy played by Christopher Lloyd": C played by P, without a comma.
  if (after + 2 < w.n && w.lex.byRoles.get(la) === 'cast' && w.lower[after + 1] === 'by' && !r.possessive && !r.quoted && sameSent(w, after, r.from)) {
    const p = runAfter(s, after + 2);
    if (p && actorLike(s, p) && p !== r) addCredit(s, p, 'cast', r.from, p.to, r);
  }
  // C, played by P.
  if (la === ',' && after + 3 < w.n && w.lex.byRoles.get(w.lower[after + 1]!) === 'cast' && w.lower[after + 2] === 'by') {
    const p = runAfter(s, after + 3);
    if (p && actorLike(s, p)) addCredit(s, p, 'cast', r.from, p.to, r);
  }
}

/** "directed by P (and Q)", "score by P", "director Ted Post", "P directs", "P's direction". */
function crewCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  const b1 = r.from - 1;
  if (b1 > 0 && w.lower[b1] === 'by' && actorLike(s, r)) {
    const role = w.lex.byRoles.get(w.lower[b1 - 1]!);
    if (role && role !== 'cast') addCredit(s, r, role, b1 - 1, r.to);
    else if (role === 'cast') addCredit(s, r, 'cast', b1 - 1, r.to);
  } else if (b1 > 0 && (w.lower[b1] === 'and' || w.word[b1] === '&') && actorLike(s, r) && r.person >= 1) {
    const prevRun = s.runAt[b1 - 1]! >= 0 ? s.runs[s.runAt[b1 - 1]!]! : null;
    const prevCredit = prevRun ? s.credits.find((c) => c.person === prevRun && c.role !== 'cast') : undefined;
    if (prevCredit) addCredit(s, r, prevCredit.role, prevRun!.from, r.to);
  }
  // Role word before or at the head: "director Ted Post", "series director Chad Stahelski".
  if (r.role && r.role !== 'cast' && actorLike(s, r) && !r.rank) addCredit(s, r, r.role, Math.max(0, r.from - 1), r.to);
  // "P directs", "P directed the film" (not "directed by"), "P's direction".
  if (actorLike(s, r) && r.person >= 1) {
    if ((la === 'directs' || la === 'directed' || la === 'co-directed') && w.lower[after + 1] !== 'by') addCredit(s, r, 'director', r.from, after + 1);
    if (r.possessive && (la === 'direction' || la === 'directing')) addCredit(s, r, 'director', r.from, after + 1);
  }
}

/** "Ian McShane's Winston", "Patrick's character Johnny", "P's turn as C", "his performance as C". */
function possessiveCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  // A sure person's possessive before a name that reads as a character's.
  if (r.possessive && (r.person >= 2 || (r.person >= 1 && r.words.length >= 2)) && actorLike(s, r)) {
    const c = runAfter(s, after);
    if (c && sameSent(w, c.from, r.from) && !c.article && !c.quoted && !c.possessive && c.person < 2 && c.words.length <= 3 && nameLike(w, c) && w.lex.given.has(c.words[0]!) && !titleWord(s, c)) {
      addCredit(s, r, 'cast', r.from, c.to, c);
    }
  }
  // "Hanks's role, Forrest": a person's character named.
  if (r.possessive && (la === 'character' || la === 'role') && actorLike(s, r)) {
    const j = w.word[after + 1] === ',' ? after + 2 : after + 1;
    const c = runAfter(s, j);
    if (c && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.quoted && c.words.length <= 3 && nameLike(w, c)) addCredit(s, r, 'cast', r.from, c.to, c);
  }
  // "P's role as the wicked sleazeball, C", "P's performance of C".
  if ((la === 'performance' || la === 'turn' || la === 'role') && (w.lower[after + 1] === 'as' || (la === 'performance' && w.lower[after + 1] === 'of'))) {
    const c = characterAfter(s, after + 2) ?? (w.lower[after + 1] === 'as' ? appositiveAfter(s, after + 2) : null);
    if (c && r.possessive && r.person >= 1 && !c.possessive && !c.quoted && c.words.length <= 3 && nameLike(w, c)) addCredit(s, r, 'cast', r.from, c.to, c);
  }
}

/**
 * "Dee Snider did very well for his first time directing", "X's directorial debut": the only person named
 * before the word in its sentence directed. (The scan over the tokens is apart from the reading of a hit, which
 * is rare: its first meeting deoptimises only directedBy.)
 */
function directingCredits(s: Scan): void {
  const w = s.w;
  for (let i = 0; i < w.n; i++) if (w.cue[i]! & CUE.directing) directedBy(s, i);
}

function directedBy(s: Scan, i: number): void {
  const w = s.w;
  if (i + 1 < w.n && w.lower[i + 1] === 'by') return;
  let only: Run | null = null;
  let count = 0;
  for (const r of s.runs) {
    if (r.to <= i && sameSent(w, r.from, i) && r.person >= 1) {
      only = r;
      count++;
    }
  }
  if (count === 1 && actorLike(s, only!)) addCredit(s, only!, 'director', only!.from, i + 1);
}

/** Pronoun subjects: "his performance as C", "He also plays C" → the last person named before. */
function pronounCredits(s: Scan): void {
  const w = s.w;
  for (let i = 0; i + 2 < w.n; i++) if (w.cue[i]! & CUE.pronoun) pronounCredit(s, i);
}

function pronounCredit(s: Scan, i: number): void {
  const w = s.w;
  const c = pronounCharacter(s, i);
  if (!c || c.possessive || !sameSent(w, c.from, i)) return;
  let p: Run | null = null;
  for (const r of s.runs) {
    if (r.from >= i) break;
    const local = sameSent(w, r.from, i) && r.words.length === 1 && w.lex.given.has(r.words[0]!) && !r.article;
    if ((r.person >= 1 || local) && !s.characters.has(r.lowName) && r !== c) p = r;
  }
  if (p) addCredit(s, p, 'cast', i, c.to, c);
}

/** The character a pronoun at token i says its person plays, or null. */
function pronounCharacter(s: Scan, i: number): Run | null {
  const w = s.w;
  const l = w.lower[i]!;
  const next = w.lower[i + 1]!;
  if ((l === 'his' || l === 'her') && (next === 'performance' || next === 'turn' || next === 'role') && w.lower[i + 2] === 'as') return characterAfter(s, i + 3);
  if ((l !== 'he' && l !== 'she') || !w.initial[i]) return null;
  let v = i + 1;
  while (v < w.n && (w.lower[v] === 'also' || w.lower[v] === 'now' || w.lower[v] === 'here')) v++;
  if (!(v < w.n && w.lex.playVerbs.has(w.lower[v]!))) return null;
  const c = characterAfter(s, v + 1);
  if (c) return c;
  let j = v + 1;
  while (j < w.n && j < v + 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0) j++;
  return j < w.n && w.word[j] === ',' ? characterAfter(s, j + 1) : null;
}

/** The runs of a list that ends at run k (walking back) or starts at run k (walking on). */
function listAt(s: Scan, k: number, step: 1 | -1): Run[] {
  const w = s.w;
  const out = [s.runs[k]!];
  for (let q = k + step; q >= 0 && q < s.runs.length; q += step) {
    const a = step === 1 ? out[out.length - 1]! : s.runs[q]!;
    const b = step === 1 ? s.runs[q]! : out[out.length - 1]!;
    if (!sameSent(w, a.from, b.from) || b.from - a.to < 1 || b.from - a.to > 3) break;
    let joined = true;
    for (let t = a.to; t < b.from; t++) if (!w.lex.listJoiners.has(w.lower[t]!)) joined = false;
    if (!joined) break;
    out.push(s.runs[q]!);
  }
  return step === 1 ? out : out.reverse();
}

/** "A and B play C and D respectively", "C and D were portrayed by A and B respectively" (token i). */
function respectively(s: Scan, i: number): void {
  const w = s.w;
  // The verb: "played/portrayed by" (characters first) or "play/portray/as" (people first).
  let v = -1;
  let charactersFirst = false;
  for (let t = i - 1; t > 0 && sameSent(w, t, i) && i - t < 30; t--) {
    if (w.lower[t] === 'by' && w.lex.byRoles.get(w.lower[t - 1]!) === 'cast') {
      v = t;
      charactersFirst = true;
      break;
    }
    if (w.lex.playVerbs.has(w.lower[t]!) || w.lower[t] === 'play' || w.lower[t] === 'portray' || w.lower[t] === 'as') {
      v = t;
      break;
    }
  }
  if (v < 0) return;
  const verbFrom = charactersFirst ? v - 1 : v;
  let kb = -1;
  let ka = -1;
  for (let k = 0; k < s.runs.length; k++) {
    const r = s.runs[k]!;
    if (r.to <= verbFrom && sameSent(w, r.from, v) && verbFrom - r.to <= 4) kb = k;
    if (ka < 0 && r.from > v && r.from - v <= 3 && r.to <= i && sameSent(w, r.from, v)) ka = k;
  }
  if (kb < 0 || ka < 0) return;
  const before = listAt(s, kb, -1);
  const afterList = listAt(s, ka, 1).filter((r) => r.to <= i);
  if (before.length < 2 || before.length !== afterList.length) return;
  const actors = charactersFirst ? afterList : before;
  const roles = charactersFirst ? before : afterList;
  if (!actors.every((r) => actorLike(s, r)) || roles.some((r) => r.possessive || r.quoted)) return;
  for (let q = 0; q < actors.length; q++) addCredit(s, actors[q]!, 'cast', Math.min(actors[q]!.from, roles[q]!.from), i + 1, roles[q]!);
}

/** Aliases, "a kid named Roy", names the film data knows as characters': not people, wherever named. */
function markCharacters(s: Scan): void {
  const { w, runs, characters } = s;
  // "Billy Jayne (credited as Billy Jacoby)": another name of the person just named, not a second person.
  for (const r of runs) if (isAlias(w, r)) r.person = 0;
  // "a kid named Roy", "the character Norman Bates", "the role of Nan": a character, even when the name reads
  // like a real person's.
  for (const r of runs) {
    const b = r.from - 1;
    if (b < 0 || r.possessive || r.role || !sameSent(w, b, r.from)) continue;
    const l = w.lower[b]!;
    const named = l === 'named' || l === 'called' || l === 'character' || l === 'characters' || (l === 'of' && b > 0 && (w.lower[b - 1] === 'character' || w.lower[b - 1] === 'characters' || w.lower[b - 1] === 'role'));
    if (named && !hasCredit(s, r)) {
      r.person = 0;
      characters.add(r.lowName);
    }
  }
  // A two-word name the film data knows as a character's and not as a person's ("Norman Bates", "Roy Batty"),
  // unless a credit makes it an actor.
  if (w.gaz) {
    for (const r of runs) {
      if (r.person < 1 || r.words.length !== 2 || r.role || !isCharacterName(w.gaz, r.lowers[0]!, r.lowers[1]!)) continue;
      if (hasCredit(s, r)) continue;
      characters.add(r.lowName);
    }
  }
  // A lone word of a character's name ("Calhoun" of "Eddy Calhoun") is the character, unless a person's name has it.
  if (characters.size) {
    const personWords = new Set<string>();
    for (const r of runs) if (r.person >= 1 && r.words.length >= 2 && !characters.has(r.lowName)) for (const x of r.lowers) personWords.add(x);
    const characterWords = new Set<string>();
    for (const c of characters) for (const x of c.split(' ')) if (x.length > 2 && !personWords.has(x) && !w.lex.ranks.has(x)) characterWords.add(x);
    for (const r of runs) if (r.words.length === 1 && characterWords.has(r.lowName)) characters.add(r.lowName);
  }
  // Characters are not people, wherever they are named.
  for (const r of runs) if (characters.has(r.lowName)) r.person = 0;
}

/** A run that may join a coordinated list of people. */
function coordinable(s: Scan, r: Run): boolean {
  const w = s.w;
  return !r.article && !r.rank && !r.quoted && !titleWord(s, r) && r.lowers.every((x) => !w.lex.common.has(x)) && !(r.words.length === 1 && w.lex.given.has(r.words[0]!));
}

/** Coordination: "Fassbender and Vikander are", "McShane, Huston, and the late Lance Reddick". */
function coordinate(s: Scan): void {
  const { w, runs } = s;
  for (let k = 0; k + 1 < runs.length; k++) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (!sameSent(w, a.from, b.from)) continue;
    const gap = b.from - a.to;
    const joiner = gap === 1 ? w.lower[a.to]! : gap === 2 ? `${w.lower[a.to]!} ${w.lower[a.to + 1]!}` : '';
    if (!COORD_JOINERS.has(joiner) || a.possessive) continue;
    if (a.person >= 1 && b.person === 0 && coordinable(s, b)) b.person = 1;
    else if (b.person >= 1 && a.person === 0 && coordinable(s, a)) a.person = 1;
    else if (a.person === 0 && b.person === 0 && coordinable(s, a) && coordinable(s, b) && b.to < w.n && COORD_VERBS.has(w.lower[b.to]!)) {
      a.person = 1;
      b.person = 1;
    }
  }
  // Second pass for coordination chains (A, B, and C): propagate once more backwards.
  for (let k = runs.length - 2; k >= 0; k--) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (!sameSent(w, a.from, b.from) || a.person > 0 || b.person === 0 || a.possessive) continue;
    const joiner = b.from - a.to === 1 ? w.lower[a.to]! : '';
    const listGoesOn = b.to < w.n && (w.word[b.to] === ',' || w.lower[b.to] === 'and');
    if (joiner === ',' && listGoesOn && coordinable(s, a)) a.person = 1;
  }
}

/** "Dick and Barry Van Dyke": a lone first name joined to a full name shares its surname. */
function shareSurnames(s: Scan): void {
  const { w, runs } = s;
  for (let k = 0; k + 1 < runs.length; k++) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (a.words.length !== 1 || !w.lex.given.has(a.words[0]!) || a.possessive || a.article || a.rank || a.quoted) continue;
    if (b.from - a.to !== 1 || w.lower[a.to] !== 'and' || b.words.length < 2 || !w.lex.given.has(b.words[0]!) || b.person < 1) continue;
    if (s.characters.has(a.lowName) || w.lex.given.has(b.words[1]!)) continue;
    const words = [a.words[0]!, ...b.words.slice(1)];
    a.words = words;
    a.lowers = [a.lowers[0]!, ...b.lowers.slice(1)];
    a.name = words.join(' ');
    a.lowName = a.name.toLowerCase();
    a.person = Math.max(a.person, 1);
  }
}

/** The people: full names first, then short forms (surnames, first names, "de Armas") linked to them; credits by name. */
function buildPeople(s: Scan): PeopleResult {
  const { w, runs, characters } = s;
  const drafts: Draft[] = [];
  const byName = new Map<string, number>();
  const multi = runs.filter((r) => r.person >= 1 && r.words.length >= 2).sort((a, b) => b.words.length - a.words.length);
  for (const r of multi) {
    const key = r.lowName;
    let idx = byName.get(key);
    if (idx === undefined) {
      // A shorter multi-word form of a longer name ("de Armas" of "Ana de Armas").
      idx = drafts.findIndex((d) => endsWithWords(d.lowers, r.lowers));
      if (idx < 0) {
        idx = drafts.length;
        drafts.push({ name: r.name, words: r.words, lowers: r.lowers, mentions: [], sure: r.person >= 2 });
      }
      byName.set(key, idx);
    }
    r.ref = idx;
  }
  // Link every run (any judgement) whose words are the tail or the head of a known full name.
  for (const r of runs) {
    if (r.ref >= 0 || r.article || r.rank || r.quoted || characters.has(r.lowName)) continue;
    for (let d = 0; d < drafts.length; d++) {
      const dw = drafts[d]!.words;
      if (endsWithWords(drafts[d]!.lowers, r.lowers) || (r.words.length === 1 && dw[0] === r.words[0] && dw.length >= 2)) {
        r.ref = d;
        break;
      }
    }
  }
  // Single-word people with no full name: they stand as they are ("Reeves").
  for (const r of runs) {
    if (r.ref >= 0 || r.person < 1) continue;
    let idx = byName.get(r.lowName);
    if (idx === undefined) {
      idx = drafts.length;
      drafts.push({ name: r.name, words: r.words, lowers: r.lowers, mentions: [], sure: r.person >= 2 });
      byName.set(r.lowName, idx);
    }
    r.ref = idx;
  }
  // Other mentions of a single-word person ("Stahelski" named again without a cue).
  for (const r of runs) {
    if (r.ref >= 0 || r.article || r.rank || r.quoted) continue;
    const idx = byName.get(r.lowName);
    if (idx !== undefined && !characters.has(r.lowName)) r.ref = idx;
  }
  for (const r of runs) if (r.ref >= 0) drafts[r.ref]!.mentions.push({ start: w.start[r.from]!, end: w.wordEnd[r.to - 1]! });
  const people: Person[] = drafts
    .filter((d) => d.mentions.length > 0 && !characters.has(d.name.toLowerCase()))
    .map((d) => ({ name: d.name, mentions: d.mentions.sort((a, b) => a.start - b.start) }));
  return { people, credits: creditsByName(s, drafts), runs };
}

/** The credits under the people's full names, each once; a cast credit without a character dropped beside one with. */
function creditsByName(s: Scan, drafts: readonly Draft[]): Credit[] {
  const nameOf = (r: Run): string => (r.ref >= 0 ? drafts[r.ref]!.name : r.name);
  const seen = new Set<string>();
  const out: Credit[] = [];
  for (const c of s.credits) {
    const person = nameOf(c.person);
    const character = c.character ? characterName(s.w, c.character) : undefined;
    const key = `${person}|${c.role}|${character ?? ''}`;
    if (seen.has(key) || s.characters.has(person.toLowerCase())) continue;
    if (c.role === 'cast' && !character && s.credits.some((o) => o.role === 'cast' && o.character && nameOf(o.person) === person)) continue;
    seen.add(key);
    out.push({ person, role: c.role, ...(character ? { character } : {}), evidence: c.evidence });
  }
  return out;
}

/** Whether `part` is a proper tail of `full` (both in lower case). */
function endsWithWords(full: string[], part: string[]): boolean {
  if (part.length >= full.length) return false;
  for (let k = 1; k <= part.length; k++) if (full[full.length - k] !== part[part.length - k]) return false;
  return true;
}

/** A character's name as written, with a leading "The" kept ("The Chancellor"). */
function characterName(w: Words, r: Run): string {
  const before = r.from - 1;
  if (before >= 0 && w.word[before] === 'The') return `The ${r.name}`;
  return r.name;
}
