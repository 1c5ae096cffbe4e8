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

/**
 * Find people and credits. `notPeople` are lower-case names already known to be titles (the film, the franchise).
 */
export function findPeople(w: Words, notPeople: ReadonlySet<string>, titleTokens?: Uint8Array, known?: Run[], judged?: readonly number[]): PeopleResult {
  const runs = known ?? findRuns(w);
  for (const r of runs) r.ref = -1;
  const runAt = (w.runAt ?? new Int32Array(w.n)).fill(-1);
  runs.forEach((r, k) => {
    for (let i = r.from; i < r.to; i++) runAt[i] = k;
  });
  const inTitle = (r: Run): boolean => {
    if (!titleTokens) return false;
    for (let i = r.from; i < r.to; i++) if (!titleTokens[i]) return false;
    return true;
  };
  // Asked many times per run: read once (runs do not overlap, so runAt[r.from] is the run's index).
  const isTitle = new Uint8Array(runs.length);
  runs.forEach((r, k) => {
    isTitle[k] = inTitle(r) || notPeople.has(r.lowName) || r.lowers.every((x) => notPeople.has(x)) ? 1 : 0;
  });
  const titleWord = (r: Run): boolean => isTitle[runAt[r.from]!] === 1;
  // `judged`: judge()'s reading of `known` under the same `w` (unchanged runs), so not worked out again.
  runs.forEach((r, k) => {
    r.person = titleWord(r) ? 0 : judged ? judged[k]! : judge(w, r);
  });

  const credits: { person: Run; role: CreditRole; character?: Run; evidence: Span }[] = [];
  const characters = new Set<string>();
  const runAfter = (i: number): Run | null => (i < w.n && runAt[i]! >= 0 && runs[runAt[i]!]!.from === i ? runs[runAt[i]!]! : null);
  // The run that starts at token i, allowing a leading "the"/"The" (kept in the character's name).
  const characterAfter = (i: number): Run | null => {
    if (i >= w.n) return null;
    const direct = runAt[i]! >= 0 ? runs[runAt[i]!]! : null;
    if (direct) return direct;
    if (w.lower[i] === 'the') return runAfter(i + 1);
    return null;
  };
  // "as his always angry boss, Tony Vincenzo": a determiner, a few lower-case describing words, a comma, a name
  // that ends its clause.
  const appositiveAfter = (i: number): Run | null => {
    if (i >= w.n || !w.lex.determiners.has(w.lower[i]!)) return null;
    let j = i + 1;
    while (j < w.n && j - i <= 4 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && sameSent(j, i)) j++;
    if (j === i + 1 || j >= w.n || w.word[j] !== ',') return null;
    const c = runAfter(j + 1);
    if (!c || !sameSent(c.from, i) || c.article || c.quoted || !nameLike(w, c)) return null;
    return c.to >= w.n || !sameSent(c.to, c.from) || w.kind[c.to] === TokenKind.punct ? c : null;
  };
  // Asked many times per run, and fixed until the runs' words change (after every use): read once.
  const actor = new Uint8Array(runs.length);
  runs.forEach((r, k) => {
    actor[k] = !r.article && !r.quoted && isTitle[k] !== 1 && !(r.words.length === 1 && w.lex.common.has(r.lowers[0]!) && !w.lex.given.has(r.words[0]!)) && r.words.length <= 4 ? 1 : 0;
  });
  const actorLike = (r: Run): boolean => actor[runAt[r.from]!] === 1;
  const add = (person: Run, role: CreditRole, evidenceFrom: number, evidenceTo: number, character?: Run): void => {
    // "as Mr. …" cut at the full stop, "As portrayed by …": no character's name.
    if (character && character.words.length === 1 && (w.lex.ranks.has(character.lowers[0]!) || w.lex.stop.has(character.lowers[0]!))) return;
    if (person.person < 2) person.person = 2;
    if (character) {
      character.person = 0;
      characters.add(character.lowName);
    }
    credits.push({ person, role, ...(character ? { character } : {}), evidence: { start: w.start[evidenceFrom]!, end: w.end[evidenceTo - 1]! } });
  };
  const sameSent = (a: number, b: number): boolean => a < w.n && b < w.n && w.sentence[a] === w.sentence[b];
  const isAlias = (r: Run): boolean => {
    const b = r.from - 1;
    if (b < 0) return false;
    if (w.lower[b] === 'aka' || w.lower[b] === 'a.k.a') return true;
    return b > 0 && w.lower[b] === 'as' && w.lex.aliasVerbs.has(w.lower[b - 1]!);
  };
  /** The runs of a list that ends at run k (walking back) or starts at run k (walking on). */
  const listAt = (k: number, step: 1 | -1): Run[] => {
    const out = [runs[k]!];
    for (let q = k + step; q >= 0 && q < runs.length; q += step) {
      const a = step === 1 ? out[out.length - 1]! : runs[q]!;
      const b = step === 1 ? runs[q]! : out[out.length - 1]!;
      if (!sameSent(a.from, b.from) || b.from - a.to < 1 || b.from - a.to > 3) break;
      let joined = true;
      for (let t = a.to; t < b.from; t++) if (!w.lex.listJoiners.has(w.lower[t]!)) joined = false;
      if (!joined) break;
      out.push(runs[q]!);
    }
    return step === 1 ? out : out.reverse();
  };
  const respectively = (i: number): void => {
    // The verb: "played/portrayed by" (characters first) or "play/portray/as" (people first).
    let v = -1;
    let charactersFirst = false;
    for (let t = i - 1; t > 0 && sameSent(t, i) && i - t < 30; t--) {
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
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k]!;
      if (r.to <= verbFrom && sameSent(r.from, v) && verbFrom - r.to <= 4) kb = k;
      if (ka < 0 && r.from > v && r.from - v <= 3 && r.to <= i && sameSent(r.from, v)) ka = k;
    }
    if (kb < 0 || ka < 0) return;
    const before = listAt(kb, -1);
    const afterList = listAt(ka, 1).filter((r) => r.to <= i);
    if (before.length < 2 || before.length !== afterList.length) return;
    const actors = charactersFirst ? afterList : before;
    const roles = charactersFirst ? before : afterList;
    if (!actors.every(actorLike) || roles.some((r) => r.possessive || r.quoted)) return;
    for (let q = 0; q < actors.length; q++) add(actors[q]!, 'cast', Math.min(actors[q]!.from, roles[q]!.from), i + 1, roles[q]!);
  };

  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    const after = afterRun(w, r);
    const la = after < w.n ? w.lower[after]! : '';
    // C (P) and C (played by P); P (C) is rarer in reviews and not read.
    if (la === '(' && sameSent(after, r.from)) {
      let j = after + 1;
      let playedBy = false;
      if (j + 1 < w.n && w.lex.byRoles.get(w.lower[j]!) === 'cast' && w.lower[j + 1] === 'by') {
        j += 2;
        playedBy = true;
      }
      // "Marc Kudisch (as Conrad)": P (as C).
      if (w.lower[j] === 'as' && r.person >= 1 && actorLike(r)) {
        const c = characterAfter(j + 1);
        if (c && c !== r && sameSent(c.from, r.from) && !c.possessive && !c.quoted && c.to < w.n && w.word[c.to] === ')') add(r, 'cast', r.from, c.to + 1, c);
      }
      // "Vic Moretti (late great Anthony Franciosa)": describing words before the actor.
      const j0 = j;
      while (j < w.n && j - j0 < 3 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!)) && sameSent(j, r.from)) j++;
      if (j > j0 && (runAfter(j)?.words.length ?? 0) < 2) j = j0;
      const p = runAfter(j);
      if (p && actorLike(p) && nameLike(w, p) && (playedBy || p.to >= w.n || [')', ',', ';'].includes(w.word[p.to]!))) {
        const c = r.role ? null : r;
        if (c) add(p, 'cast', r.from, Math.min(w.n, p.to + 1), c);
        else if (p.person < 1) p.person = 1;
      }
    }
    // "(P)" or "(P, Q)" after a lower-case noun: the people are actors.
    if (r.from > 0 && (w.word[r.from - 1] === '(' || (w.word[r.from - 1] === ',' && r.from > 1)) && actorLike(r) && r.person === 0 && !r.rank) {
      let j = r.from - 1;
      while (j > 0 && w.word[j] !== '(' && sameSent(j, r.from) && r.from - j < 12) j--;
      const close = r.to < w.n && [')', ','].includes(w.word[r.to]!);
      // Only full names: a lone word in brackets may be a character ("his father (Manny)"); a surname is
      // linked to its full name anyway.
      if (w.word[j] === '(' && close && !(j > 0 && runAt[j - 1]! >= 0) && r.words.length >= 2 && r.lowers.every((x) => !w.lex.stop.has(x) && !w.lex.common.has(x))) r.person = 1;
    }
    // P as C.
    if (la === 'as' && actorLike(r) && r.person >= 1) {
      const c = characterAfter(after + 1) ?? appositiveAfter(after + 1);
      if (c && sameSent(after + 1, r.from) && !c.possessive) add(r, 'cast', r.from, c.to, c);
    }
    // "P returns … as C": the subject of the clause plays C.
    if (r.from > 0 && w.lower[r.from - 1] === 'as' && !r.possessive && r.words.length >= 2 && !r.quoted && !isAlias(r) && !(r.from > 1 && w.lower[r.from - 2] === 'such')) {
      let p: Run | null = null;
      for (let q = k - 1; q >= 0; q--) {
        const cand = runs[q]!;
        if (!sameSent(cand.from, r.from) || r.from - cand.to > 14) break;
        p = cand;
      }
      if (p && p !== r && p.person >= 1 && actorLike(p) && runs.indexOf(p) === k - 1 && !credits.some((c) => c.character === r)) add(p, 'cast', p.from, r.to, r);
    }
    // "David Suchet is Agatha Christie's mustached detective Hercule Poirot": a sure full name, "is", then a
    // name at the end of its clause, after at most an owner and a few lower-case describing words.
    if ((la === 'is' || la === 'becomes') && !r.possessive && r.person >= 2 && r.words.length >= 2 && actorLike(r)) {
      let j = after + 1;
      const owner = runAfter(j);
      if (owner && owner.possessive) j = afterRun(w, owner);
      let skipped = 0;
      // "is the rumpled lieutenant Frank Columbo": an article only before describing words.
      const article = !owner && (w.lower[j] === 'the' || w.lower[j] === 'a') && j + 1 < w.n && w.shape[j + 1] === 0 && !w.lex.stop.has(w.lower[j + 1]!);
      if (article) j++;
      while (j < w.n && skipped < 3 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.stop.has(w.lower[j]!)) {
        j++;
        skipped++;
      }
      const c = runAfter(j);
      const endOk = c && (c.to >= w.n || !sameSent(c.to, c.from) || w.kind[c.to] === TokenKind.punct || w.lower[c.to] === 'in');
      if (c && endOk && c !== r && sameSent(c.from, r.from) && !c.possessive && !c.article && !c.quoted && nameLike(w, c) && !titleWord(c)) {
        // A name that reads like a real person's ("Frank Columbo") only after an owner or an article and a
        // describing noun ("the rumpled lieutenant Frank Columbo").
        if (c.person < 2 || (skipped > 0 && (article || owner?.possessive))) add(r, 'cast', r.from, c.to, c);
      }
    }
    // "Walters is one director who …", "Adrienne was a marvelously talented writer-director": a name, "is"/"was",
    // a determiner, at most three describing words, a crew word.
    if ((la === 'was' || la === 'is') && !r.possessive && !r.article && !r.rank && !r.quoted && actorLike(r) && after + 2 < w.n && CREW_DETERMINERS.has(w.lower[after + 1]!)) {
      let j = after + 2;
      while (j < w.n && j - after <= 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.roleNouns.has(w.lower[j]!) && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!))) j++;
      const role = j < w.n && sameSent(j, r.from) ? w.lex.roleNouns.get(w.lower[j]!) : undefined;
      if (role && role !== 'cast') add(r, role, r.from, j + 1);
    }
    // "Stuart was perfect as Lestat", "Jones is superb as Ruth": a name (a lone first name too), "was", one or two
    // describing words, "as", a name.
    if ((la === 'was' || la === 'is') && !r.possessive && !r.article && !r.rank && !r.quoted && (r.person >= 1 || (r.words.length === 1 && w.lex.given.has(r.words[0]!))) && actorLike(r)) {
      let j = after + 1;
      // ("great" and "good" are function words of titles, but describe here.)
      while (j < w.n && j - after <= 2 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && (!w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!))) j++;
      if (j > after + 1 && j < w.n && w.lower[j] === 'as') {
        const c = characterAfter(j + 1);
        if (c && c !== r && sameSent(c.from, r.from) && !c.possessive && !c.quoted && nameLike(w, c) && !titleWord(c)) add(r, 'cast', r.from, c.to, c);
      }
    }
    // P plays C / P plays the <noun>, C.
    let v = after;
    while (v < w.n && v - after < 4 && PLAY_LEADS.has(w.lower[v]!)) v++;
    if (v < w.n && w.lex.playVerbs.has(w.lower[v]!) && sameSent(v, r.from)) {
      if (actorLike(r) && r.person >= 1) {
        let c = characterAfter(v + 1);
        if (!c) {
          // Appositive: "plays the antagonist, Captain Howdy".
          let j = v + 1;
          while (j < w.n && j < v + 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0) j++;
          if (j < w.n && w.word[j] === ',') c = characterAfter(j + 1);
        }
        if (c && sameSent(c.from, r.from) && !c.possessive && c !== r) add(r, 'cast', r.from, c.to, c);
        else if (r.person < 2) r.person = 2;
      }
    }
    // "the character of Stewart Worthy played by Christopher Lloyd": C played by P, without a comma.
    if (after + 2 < w.n && w.lex.byRoles.get(la) === 'cast' && w.lower[after + 1] === 'by' && !r.possessive && !r.quoted && sameSent(after, r.from)) {
      const p = runAfter(after + 2);
      if (p && actorLike(p) && p !== r) add(p, 'cast', r.from, p.to, r);
    }
    // C, played by P.
    if (la === ',' && after + 3 < w.n && w.lex.byRoles.get(w.lower[after + 1]!) === 'cast' && w.lower[after + 2] === 'by') {
      const p = runAfter(after + 3);
      if (p && actorLike(p)) add(p, 'cast', r.from, p.to, r);
    }
    // Crew: "directed by P (and Q)", "score by P".
    const b1 = r.from - 1;
    if (b1 > 0 && w.lower[b1] === 'by' && actorLike(r)) {
      const role = w.lex.byRoles.get(w.lower[b1 - 1]!);
      if (role && role !== 'cast') add(r, role, b1 - 1, r.to);
      else if (role === 'cast') add(r, 'cast', b1 - 1, r.to);
    } else if (b1 > 0 && (w.lower[b1] === 'and' || w.word[b1] === '&') && actorLike(r) && r.person >= 1) {
      const prevRun = runAt[b1 - 1]! >= 0 ? runs[runAt[b1 - 1]!]! : null;
      const prevCredit = prevRun ? credits.find((c) => c.person === prevRun && c.role !== 'cast') : undefined;
      if (prevCredit) add(r, prevCredit.role, prevRun!.from, r.to);
    }
    // Role word before or at the head: "director Ted Post", "series director Chad Stahelski".
    if (r.role && r.role !== 'cast' && actorLike(r) && !r.rank) add(r, r.role, Math.max(0, r.from - 1), r.to);
    // "P directs", "P directed the film" (not "directed by"), "P's direction".
    if (actorLike(r) && r.person >= 1) {
      if ((la === 'directs' || la === 'directed' || la === 'co-directed') && w.lower[after + 1] !== 'by') add(r, 'director', r.from, after + 1);
      if (r.possessive && (la === 'direction' || la === 'directing')) add(r, 'director', r.from, after + 1);
    }
    // "Ian McShane's Winston": a sure person's possessive before a name that reads as a character's.
    if (r.possessive && (r.person >= 2 || (r.person >= 1 && r.words.length >= 2)) && actorLike(r)) {
      const c = runAfter(after);
      if (c && sameSent(c.from, r.from) && !c.article && !c.quoted && !c.possessive && c.person < 2 && c.words.length <= 3 && nameLike(w, c) && w.lex.given.has(c.words[0]!) && !titleWord(c)) {
        add(r, 'cast', r.from, c.to, c);
      }
    }
    // "Patrick's character Johnny", "Hanks's role, Forrest": a person's character named.
    if (r.possessive && (la === 'character' || la === 'role') && actorLike(r)) {
      const j = w.word[after + 1] === ',' ? after + 2 : after + 1;
      const c = runAfter(j);
      if (c && c !== r && sameSent(c.from, r.from) && !c.possessive && !c.quoted && c.words.length <= 3 && nameLike(w, c)) add(r, 'cast', r.from, c.to, c);
    }
    // "his performance as C", "P's turn as C", "P's role as the wicked sleazeball, C", "P's performance of C".
    if ((la === 'performance' || la === 'turn' || la === 'role') && (w.lower[after + 1] === 'as' || (la === 'performance' && w.lower[after + 1] === 'of'))) {
      const c = characterAfter(after + 2) ?? (w.lower[after + 1] === 'as' ? appositiveAfter(after + 2) : null);
      if (c && r.possessive && r.person >= 1 && !c.possessive && !c.quoted && c.words.length <= 3 && nameLike(w, c)) add(r, 'cast', r.from, c.to, c);
    }
  }
  // "Dee Snider did very well for his first time directing", "X's directorial debut": the only person
  // named before the word in its sentence directed.
  for (let i = 0; i < w.n; i++) {
    if (!(w.cue[i]! & CUE.directing)) continue;
    if (i + 1 < w.n && w.lower[i + 1] === 'by') continue;
    const before = runs.filter((r) => r.to <= i && sameSent(r.from, i) && r.person >= 1);
    if (before.length === 1 && actorLike(before[0]!)) add(before[0]!, 'director', before[0]!.from, i + 1);
  }
  // Pronoun subjects: "his performance as C", "He also plays C" → the last person named before.
  for (let i = 0; i + 2 < w.n; i++) {
    if (!(w.cue[i]! & CUE.pronoun)) continue;
    const l = w.lower[i]!;
    let c: Run | null = null;
    if ((l === 'his' || l === 'her') && ['performance', 'turn', 'role'].includes(w.lower[i + 1]!) && w.lower[i + 2] === 'as') {
      c = characterAfter(i + 3);
    } else if ((l === 'he' || l === 'she') && w.initial[i]) {
      let v = i + 1;
      while (v < w.n && ['also', 'now', 'here'].includes(w.lower[v]!)) v++;
      if (v < w.n && w.lex.playVerbs.has(w.lower[v]!)) {
        c = characterAfter(v + 1);
        if (!c) {
          let j = v + 1;
          while (j < w.n && j < v + 5 && w.kind[j] === TokenKind.word && w.shape[j] === 0) j++;
          if (j < w.n && w.word[j] === ',') c = characterAfter(j + 1);
        }
      }
    }
    if (!c || c.possessive || !sameSent(c.from, i)) continue;
    const evEnd = c.to;
    let p: Run | null = null;
    for (const r of runs) {
      if (r.from >= i) break;
      const local = sameSent(r.from, i) && r.words.length === 1 && w.lex.given.has(r.words[0]!) && !r.article;
      if ((r.person >= 1 || local) && !characters.has(r.lowName) && r !== c) p = r;
    }
    if (p) add(p, 'cast', i, evEnd, c);
  }
  // "The characters of Nan and Kitty were portrayed by Rachael Stirling and Kelley Hawes respectively",
  // "A and B play C and D respectively": two lists of equal length, paired in order.
  // (The word's length first: a typed-array read rather than a string comparison for every token.)
  for (let i = 0; i < w.n; i++) if (w.wordEnd[i]! - w.start[i]! === 12 && w.lower[i] === 'respectively') respectively(i);
  // "Billy Jayne (credited as Billy Jacoby)": another name of the person just named, not a second person.
  for (const r of runs) if (isAlias(r)) r.person = 0;
  // "a kid named Roy", "the character Norman Bates", "the role of Nan": a character, even when the name reads
  // like a real person's.
  for (const r of runs) {
    const b = r.from - 1;
    if (b < 0 || r.possessive || r.role || !sameSent(b, r.from)) continue;
    const l = w.lower[b]!;
    const named = l === 'named' || l === 'called' || l === 'character' || l === 'characters' || (l === 'of' && b > 0 && (w.lower[b - 1] === 'character' || w.lower[b - 1] === 'characters' || w.lower[b - 1] === 'role'));
    if (named && !credits.some((c) => c.person === r)) {
      r.person = 0;
      characters.add(r.lowName);
    }
  }
  // A two-word name the film data knows as a character's and not as a person's ("Norman Bates", "Roy Batty"),
  // unless a credit makes it an actor.
  if (w.gaz) {
    for (const r of runs) {
      if (r.person < 1 || r.words.length !== 2 || r.role || !isCharacterName(w.gaz, r.lowers[0]!, r.lowers[1]!)) continue;
      if (credits.some((c) => c.person === r)) continue;
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
  // Coordination: "Fassbender and Vikander are", "McShane, Huston, and the late Lance Reddick".
  for (let k = 0; k + 1 < runs.length; k++) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (!sameSent(a.from, b.from)) continue;
    const gap = b.from - a.to;
    const joiner = gap === 1 ? w.lower[a.to]! : gap === 2 ? `${w.lower[a.to]!} ${w.lower[a.to + 1]!}` : '';
    if (!COORD_JOINERS.has(joiner) || a.possessive) continue;
    const ok = (r: Run): boolean => !r.article && !r.rank && !r.quoted && !titleWord(r) && r.lowers.every((x) => !w.lex.common.has(x)) && !(r.words.length === 1 && w.lex.given.has(r.words[0]!));
    if (a.person >= 1 && b.person === 0 && ok(b)) b.person = 1;
    else if (b.person >= 1 && a.person === 0 && ok(a)) a.person = 1;
    else if (a.person === 0 && b.person === 0 && ok(a) && ok(b) && b.to < w.n && ['are', 'were', 'have', 'square', 'star', 'co-star', 'shine'].includes(w.lower[b.to]!)) {
      a.person = 1;
      b.person = 1;
    }
  }
  // Second pass for coordination chains (A, B, and C): propagate once more backwards.
  for (let k = runs.length - 2; k >= 0; k--) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (!sameSent(a.from, b.from) || a.person > 0 || b.person === 0 || a.possessive) continue;
    const gap = b.from - a.to;
    const joiner = gap === 1 ? w.lower[a.to]! : '';
    const listGoesOn = b.to < w.n && (w.word[b.to] === ',' || w.lower[b.to] === 'and');
    if (joiner === ',' && listGoesOn && !a.article && !a.rank && !a.quoted && !titleWord(a) && a.lowers.every((x) => !w.lex.common.has(x)) && !(a.words.length === 1 && w.lex.given.has(a.words[0]!))) a.person = 1;
  }

  // "Dick and Barry Van Dyke": a lone first name joined to a full name shares its surname.
  for (let k = 0; k + 1 < runs.length; k++) {
    const a = runs[k]!;
    const b = runs[k + 1]!;
    if (a.words.length !== 1 || !w.lex.given.has(a.words[0]!) || a.possessive || a.article || a.rank || a.quoted) continue;
    if (b.from - a.to !== 1 || w.lower[a.to] !== 'and' || b.words.length < 2 || !w.lex.given.has(b.words[0]!) || b.person < 1) continue;
    if (characters.has(a.lowName) || w.lex.given.has(b.words[1]!)) continue;
    const words = [a.words[0]!, ...b.words.slice(1)];
    a.words = words;
    a.lowers = [a.lowers[0]!, ...b.lowers.slice(1)];
    a.name = words.join(' ');
    a.lowName = a.name.toLowerCase();
    a.person = Math.max(a.person, 1);
  }
  // Build people: full names first, then link short forms (surnames, first names, "de Armas") to them.
  const drafts: Draft[] = [];
  const byName = new Map<string, number>();
  const span = (r: Run): Span => ({ start: w.start[r.from]!, end: w.wordEnd[r.to - 1]! });
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
    let found = -1;
    for (let d = 0; d < drafts.length; d++) {
      const dw = drafts[d]!.words;
      if (endsWithWords(drafts[d]!.lowers, r.lowers) || (r.words.length === 1 && dw[0] === r.words[0] && dw.length >= 2)) {
        found = d;
        break;
      }
    }
    if (found >= 0) r.ref = found;
  }
  // Single-word people with no full name: they stand as they are ("Reeves").
  for (const r of runs) {
    if (r.ref >= 0 || r.person < 1) continue;
    const key = r.lowName;
    let idx = byName.get(key);
    if (idx === undefined) {
      idx = drafts.length;
      drafts.push({ name: r.name, words: r.words, lowers: r.lowers, mentions: [], sure: r.person >= 2 });
      byName.set(key, idx);
    }
    r.ref = idx;
  }
  // Other mentions of a single-word person ("Stahelski" named again without a cue).
  for (const r of runs) {
    if (r.ref >= 0 || r.article || r.rank || r.quoted) continue;
    const idx = byName.get(r.lowName);
    if (idx !== undefined && !characters.has(r.lowName)) r.ref = idx;
  }
  for (const r of runs) if (r.ref >= 0) drafts[r.ref]!.mentions.push(span(r));
  const people: Person[] = drafts
    .filter((d) => d.mentions.length > 0 && !characters.has(d.name.toLowerCase()))
    .map((d) => ({ name: d.name, mentions: d.mentions.sort((a, b) => a.start - b.start) }));
  const nameOf = (r: Run): string => (r.ref >= 0 ? drafts[r.ref]!.name : r.name);
  const seen = new Set<string>();
  const outCredits: Credit[] = [];
  for (const c of credits) {
    const person = nameOf(c.person);
    const character = c.character ? characterName(w, c.character) : undefined;
    const key = `${person}|${c.role}|${character ?? ''}`;
    if (seen.has(key) || characters.has(person.toLowerCase())) continue;
    // A cast credit without a character adds nothing to one with a character.
    if (c.role === 'cast' && !character && credits.some((o) => o.role === 'cast' && o.character && nameOf(o.person) === person)) continue;
    seen.add(key);
    outCredits.push({ person, role: c.role, ...(character ? { character } : {}), evidence: c.evidence });
  }
  return { people, credits: outCredits, runs };
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
