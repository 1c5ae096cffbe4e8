/**
 * Credits as reviews state them, read over the judged runs: "P as C", "C (P)", "C, played by P", "P is C",
 * "directed by P", "director P", "P's turn as C", "He also plays C", "A and B play C and D respectively". Each
 * pattern is a function of its own over one scan state.
 */
import { nameTokens } from './film-index.ts';
import type { CreditRole, Span } from '../card.ts';
import { TokenKind } from '../text/index.ts';
import { CUE } from '../lexicon.ts';
import type { Words } from './words.ts';
import { afterRun, judge, nameLike, type Run } from './runs.ts';

const CREW_DETERMINERS = new Set(['a', 'an', 'the', 'one', 'no', 'this']);
// Words allowed between a name and its verb of playing ("P, who also plays C").
const PLAY_LEADS = new Set([',', 'who', 'also', 'now', 'here', 'ably', 'then', 'deftly', 'brilliantly', 'convincingly', 'wonderfully']);
// Nouns of playing before "of C by P".
const PORTRAYAL_OF = new Set(['portrayal', 'performance', 'interpretation', 'incarnation']);
const DESCRIBING_STOPS = new Set(['great', 'good', 'best', 'better', 'fine', 'excellent', 'perfect', 'funny', 'wonderful']);
// Function words that describe before a character's name ("a much improved Boss Hog", "a very good Alicia").
const DEGREE_WORDS = new Set([...DESCRIBING_STOPS, 'much', 'very', 'most', 'more', 'quite', 'really', 'truly', 'equally', 'so']);
// Words that open a list or a second clause after a name's comma, not an aside about the name.
const ASIDE_OPENERS = new Set(['and', 'or', 'but', 'nor', '&', 'as', 'then']);

interface DraftCredit {
  person: Run;
  role: CreditRole;
  character: Run | undefined;
  evidence: Span;
}

/**
 * One findPeople call's state. The passes, here and in people.ts, are top-level functions over it rather than
 * closures inside findPeople: V8 compiles small functions apart, so a rare pattern met late deoptimises its own
 * pass, not the whole stage (a closure-laden findPeople was compiled again some twenty times per process, ~300 ms
 * each).
 */
export interface Scan {
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

export function sameSent(w: Words, a: number, b: number): boolean {
  return a < w.n && b < w.n && w.sentence[a] === w.sentence[b];
}

export function titleWord(s: Scan, r: Run): boolean {
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

export function hasCredit(s: Scan, person: Run): boolean {
  for (const c of s.credits) if (c.person === person) return true;
  return false;
}

export function isAlias(w: Words, r: Run): boolean {
  const b = r.from - 1;
  if (b < 0) return false;
  if (w.lower[b] === 'aka' || w.lower[b] === 'a.k.a') return true;
  return b > 0 && w.lower[b] === 'as' && w.lex.aliasVerbs.has(w.lower[b - 1]!);
}

/** The runs and the per-run readings the passes ask for many times (fixed until the runs' words change). */
export function markRuns(w: Words, runs: Run[], notPeople: ReadonlySet<string>, titleTokens: Uint8Array | undefined, judged: readonly number[] | undefined): Scan {
  for (const r of runs) r.ref = -1;
  const runAt = w.runAt.fill(-1);
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
    actor[k] = !r.article && !r.quoted && !r.place && isTitle[k] !== 1 && !(r.words.length === 1 && w.lex.common.has(r.lowers[0]!) && !w.lex.given.has(r.words[0]!)) && r.words.length <= 4 ? 1 : 0;
  }
  return { w, runs, runAt, isTitle, actor, credits: [], characters: new Set() };
}

function inTitle(r: Run, titleTokens: Uint8Array | undefined): boolean {
  if (!titleTokens) return false;
  for (let i = r.from; i < r.to; i++) if (!titleTokens[i]) return false;
  return true;
}

/** Every credit the text states, into `s.credits` (and the characters they name, into `s.characters`). */
export function readCredits(s: Scan): void {
  const w = s.w;
  // Two lists paired in order come first, so that the one-pair patterns below do not pair across them.
  for (let i = 1; i < w.n; i++) {
    if (w.word[i] === '(') bracketedList(s, i);
    else if (w.kind[i] === TokenKind.word && w.shape[i] === 0 && s.runAt[i - 1]! >= 0) pairedLists(s, i);
  }
  for (let k = 0; k < s.runs.length; k++) {
    const r = s.runs[k]!;
    const after = afterRun(w, r);
    const la = after < w.n ? w.lower[after]! : '';
    bracketCredits(s, r, after, la);
    asCredits(s, r, k, after, la);
    copulaCredits(s, r, after, la);
    makesCredits(s, r, after, la);
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
}

/** C (P), C (played by P), P (as C); "(P)" or "(P, Q)" after a lower-case noun: the people are actors. */
function bracketCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  if (la === ',' && w.word[after + 1] === '(') commaBracketCredit(s, r, after + 1);
  // P (C) is rarer in reviews and not read.
  if (la === '(' && sameSent(w, after, r.from) && !nicknamed(s, r, after)) {
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
      // ("his 2002 film Distant (Uzak)": a title and its original, no character.)
      const before = r.from > 0 ? w.lower[r.from - 1]! : '';
      const c = r.role || w.lex.filmBy.has(before) || w.lex.seriesNouns.has(before) ? null : r;
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

/**
 * "Inspector Holloway, (John Bennett)" and "William Powell, (Philo Vance)": after a comma, either way round, so only
 * where the film data knows one of the two full names as a person and not the other.
 */
function commaBracketCredit(s: Scan, r: Run, open: number): void {
  const w = s.w;
  const inner = runAfter(s, open + 1);
  if (!w.credited || !inner || inner.to >= w.n || w.word[inner.to] !== ')' || !sameSent(w, inner.from, r.from)) return;
  if ((r.words.length < 2 && !r.rank) || inner.words.length < 2 || r.possessive || inner.possessive || r.quoted || inner.quoted || !nameLike(w, r) || !nameLike(w, inner)) return;
  const outerKnown = w.credited(r.lowName);
  const innerKnown = w.credited(inner.lowName);
  if (innerKnown && !outerKnown && !r.role) addCredit(s, inner, 'cast', r.from, inner.to + 1, r);
  else if (outerKnown && !innerKnown && !titleWord(s, inner)) addCredit(s, r, 'cast', r.from, inner.to + 1, inner);
}

/**
 * "Anthony (Tony) Curtis", "Jason (Herb) Evers", "Susan (Cindy) Olsen": one word, a bracketed word, a surname: one
 * person's name around a nickname or a role, not a character and its actor.
 */
function nicknamed(s: Scan, r: Run, open: number): boolean {
  const w = s.w;
  if (r.words.length !== 1 || w.word[open + 2] !== ')' || w.shape[open + 1] !== 1) return false;
  const next = runAfter(s, open + 3);
  return next !== null && sameSent(w, next.from, r.from) && next.words.length === 1 && !next.possessive && w.shape[next.from] === 1;
}

/** P as C; "P returns … as C": the subject of the clause plays C. */
function asCredits(s: Scan, r: Run, k: number, after: number, la: string): void {
  const w = s.w;
  if (la === 'as' && actorLike(s, r) && r.person >= 1) {
    const named = characterAfter(s, after + 1);
    // "as Timon's slightly crazy Uncle Max": an owner's name first.
    const c = (named?.possessive ? null : named) ?? appositiveAfter(s, after + 1) ?? describedCharacter(s, after + 1, r);
    // (Not a character that paired lists gave another actor: "Lemmon and Matthau as Felix and Oscar".)
    if (c && sameSent(w, after + 1, r.from) && !c.possessive && !s.credits.some((x) => x.character === c)) addCredit(s, r, 'cast', r.from, c.to, c);
  }
  if (la === ',') {
    asideCredit(s, r, after);
    asOpenerCredit(s, r, after);
  } else if (la === '(') bracketAsideCredit(s, r, after);
  // "the impressive Siriaque in the role of Umbopa", "P in the part of C".
  if (la === 'in' && actorLike(s, r) && w.lower[after + 1] === 'the' && (w.lower[after + 2] === 'role' || w.lower[after + 2] === 'part') && w.lower[after + 3] === 'of') {
    const c = characterAfter(s, after + 4);
    if (c && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.quoted && nameLike(w, c) && !titleWord(s, c)) addCredit(s, r, 'cast', r.from, c.to, c);
  }
  // "the portrayal of an older Alan Quatermain by Sean Connery": C, then "by P" closing the phrase.
  if (!r.possessive && !r.quoted && r.from > 1 && w.lower[after] === 'by' && nameLike(w, r) && !titleWord(s, r)) {
    // "of C", "of the C", "of an older C".
    let of = r.from - 1;
    while (of > r.from - 4 && of > 0 && w.lower[of] !== 'of' && w.shape[of] === 0 && w.kind[of] === TokenKind.word) of--;
    const p = of > 0 && w.lower[of] === 'of' && PORTRAYAL_OF.has(w.lower[of - 1]!) ? runAfter(s, after + 1) : null;
    if (p && p !== r && sameSent(w, p.from, r.from) && actorLike(s, p) && p.person >= 1) addCredit(s, p, 'cast', of - 1, p.to, r);
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

/**
 * "P, <an aside>, as C": "Jennifer Connelly, almost twenty years before she would go on to win an Oscar for
 * Beautiful Mind, as Natalie Becker", "Lincoln Kilpatrick, an underrated character actor, as Cresus", "Toni
 * Collette, as Emma's friend Harriet Smith". A full name; the aside (token `comma` + 1 on) at most 20 tokens of its
 * sentence, no list ("Conor Mullen, and Julian Rhind-Tutt, as Green"), no bracket or semicolon, no one else named.
 */
function asideCredit(s: Scan, r: Run, comma: number): void {
  const w = s.w;
  if (r.person < 1 || r.words.length < 2 || r.possessive || r.quoted || !actorLike(s, r)) return;
  const start = comma + 1;
  // "David Boreanaz, as Adam Carr, is …", "Walter Brennan, as Ben, steals it": the aside is the role itself.
  if (w.lower[start] === 'as') return creditAfterAside(s, r, start, true);
  if (start < w.n && ASIDE_OPENERS.has(w.lower[start]!)) return;
  let j = start;
  while (j < w.n && j - start <= 20 && w.word[j] !== ',' && sameSent(w, j, r.from)) {
    if (w.word[j] === '(' || w.word[j] === ';' || w.word[j] === ':') return;
    const k = s.runAt[j]!;
    if (k >= 0 && s.runs[k]!.person >= 1) return;
    j++;
  }
  if (j >= w.n || w.word[j] !== ',' || w.lower[j + 1] !== 'as' || !sameSent(w, j + 1, r.from)) return;
  creditAfterAside(s, r, j + 1);
}

/**
 * "P (<an aside>) as C": "Robert Guillame (is that how you spell it?) as Rafiki", "Olympia Dukakis (excellent) as
 * Capano", "Julie Kavner (\"The Simpsons\") as Timon's worry-wart mom". Not "C (P) as …", which the bracket read
 * already ("Mitch Wayne (Rock Hudson), as Charles Foster"), nor an aside that names someone else in full.
 */
function bracketAsideCredit(s: Scan, r: Run, open: number): void {
  const w = s.w;
  if (r.person < 1 || r.words.length < 2 || r.possessive || r.quoted || !actorLike(s, r) || s.credits.some((x) => x.character === r)) return;
  let j = open + 1;
  while (j < w.n && j - open <= 16 && w.word[j] !== ')' && sameSent(w, j, r.from)) {
    if (w.word[j] === '(') return;
    const k = s.runAt[j]!;
    if (k >= 0 && s.runs[k]!.person >= 1 && s.runs[k]!.words.length >= 2 && !s.runs[k]!.possessive) return;
    j++;
  }
  if (j >= w.n || w.word[j] !== ')') return;
  let as = j + 1;
  if (w.word[as] === ',') as++;
  if (w.lower[as] !== 'as' || !sameSent(w, as, r.from)) return;
  creditAfterAside(s, r, as);
}

/**
 * "As the Countess, Marion Leonard …", "As Ratso, Dustin Hoffman …": a sentence that opens with "As", a character,
 * a comma and a full name (`r` is the character, `comma` the token after it).
 */
function asOpenerCredit(s: Scan, r: Run, comma: number): void {
  const w = s.w;
  let a = r.from - 1;
  if (a >= 0 && w.lower[a] === 'the') a--;
  if (a < 0 || w.lower[a] !== 'as' || !w.initial[a] || r.possessive || r.quoted || !nameLike(w, r) || titleWord(s, r)) return;
  const p = runAfter(s, comma + 1);
  if (p && p !== r && p.words.length >= 2 && p.person >= 1 && !p.possessive && sameSent(w, p.from, r.from) && actorLike(s, p) && !s.credits.some((x) => x.character === r)) addCredit(s, p, 'cast', a, p.to, r);
}

/**
 * The character after an aside's "as" (token `as`), credited to `r`; after "the", only a name that ends its clause
 * ("as the Strangler", not "as the Satan worshiper" or "as the Presidential candidate"). `enclosed`: the role is
 * the aside itself ("P, as C, …"): a name right after "as" and before a comma, no plain common word ("as doctors,").
 */
function creditAfterAside(s: Scan, r: Run, as: number, enclosed = false): void {
  const w = s.w;
  const named = characterAfter(s, as + 1);
  const c = enclosed ? named : ((named?.possessive ? null : named) ?? describedCharacter(s, as + 1, r));
  if (!c || c === r || !sameSent(w, c.from, r.from) || c.possessive || c.quoted || !nameLike(w, c) || titleWord(s, c) || s.credits.some((x) => x.character === c)) return;
  if (enclosed ? w.word[c.to] !== ',' || (c.words.length === 1 && !c.rank && w.lex.common.has(c.lowers[0]!)) : w.lower[c.from - 1] === 'the' && !endsClause(w, c)) return;
  addCredit(s, r, 'cast', r.from, c.to, c);
}

/**
 * A character's name after an owner or an article and a few describing words, ending its clause: "Agatha Christie's
 * mustached detective Hercule Poirot", "the rumpled lieutenant Frank Columbo", "Timon's slightly crazy Uncle Max"
 * (token j; `r`, the actor, is not it).
 */
function describedName(s: Scan, j: number, r: Run): { c: Run; owner: boolean; article: boolean; skipped: number } | null {
  const w = s.w;
  const first = runAfter(s, j);
  const owner = first !== null && first.possessive;
  if (owner) j = afterRun(w, first);
  let skipped = 0;
  const describing = (i: number): boolean => i < w.n && w.kind[i] === TokenKind.word && w.shape[i] === 0 && (!w.lex.stop.has(w.lower[i]!) || DEGREE_WORDS.has(w.lower[i]!));
  // An article only before describing words.
  const article = !first && (w.lower[j] === 'the' || w.lower[j] === 'a' || w.lower[j] === 'an') && describing(j + 1);
  if (article) j++;
  while (skipped < 3 && describing(j)) {
    j++;
    skipped++;
  }
  const c = runAfter(s, j);
  if (!c || c === r || !endsClause(w, c) || !sameSent(w, c.from, r.from) || c.possessive || c.article || c.quoted || !nameLike(w, c) || titleWord(s, c)) return null;
  return { c, owner, article, skipped };
}

/** "as Timon's slightly crazy Uncle Max", "as the dimwit Prince George", "as klutzy crook Brooks": describing words first. */
function describedCharacter(s: Scan, j: number, r: Run): Run | null {
  const d = describedName(s, j, r);
  // Bare describing words only before a name that reads as no real person's ("as klutzy crook Brooks").
  return d && d.skipped > 0 && (d.owner || d.article || d.c.person < 2) ? d.c : null;
}

/** "Busy Phillips makes an excellent Alicia", "Burt Reynolds makes a much improved Boss Hog". */
function makesCredits(s: Scan, r: Run, after: number, la: string): void {
  if ((la !== 'makes' && la !== 'made') || r.possessive || r.article || r.quoted || r.person < 1 || !actorLike(s, r)) return;
  const d = describedName(s, after + 1, r);
  if (d && d.article && d.skipped > 0 && s.w.lower[after + 1] !== 'the') addCredit(s, r, 'cast', r.from, d.c.to, d.c);
}

/** The run ends its clause: the text, its sentence, punctuation, "in" ("Frank Columbo in …") or "and" follows. */
function endsClause(w: Words, c: Run): boolean {
  return c.to >= w.n || !sameSent(w, c.to, c.from) || w.kind[c.to] === TokenKind.punct || w.lower[c.to] === 'in' || w.lower[c.to] === 'and';
}

/** "P is C", "P is one director who …", "P was perfect as C". */
function copulaCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  // "David Suchet is Agatha Christie's mustached detective Hercule Poirot": a sure full name, "is", then a
  // name at the end of its clause, after at most an owner and a few lower-case describing words.
  if ((la === 'is' || la === 'becomes') && !r.possessive && r.person >= 1 && r.words.length >= 2 && actorLike(s, r)) {
    const d = describedName(s, after + 1, r);
    if (d) {
      const { c, owner, article, skipped } = d;
      // A name that reads like a real person's ("Frank Columbo") only after an owner or an article and a
      // describing noun ("the rumpled lieutenant Frank Columbo").
      // So does a sentence of the two names alone, as cast lists are written ("Robert Hays is Bob Seaver.").
      const bare = !owner && skipped === 0 && !article && (r.from === 0 || !sameSent(w, r.from - 1, r.from)) && (c.to >= w.n || !sameSent(w, c.to + 1, c.from));
      if (bare && la === 'is' && c.words.length >= 2) addCredit(s, r, 'cast', r.from, c.to, c);
      else if (r.person >= 2 && (c.person < 2 || (skipped > 0 && (article || owner)))) addCredit(s, r, 'cast', r.from, c.to, c);
    }
  }
  if ((la !== 'was' && la !== 'is' && la !== ',') || r.possessive || r.article || r.rank || r.quoted) return;
  // "Walters is one director who …", "Adrienne was a marvelously talented writer-director", "Ernst Marischka, one
  // of the most respected Austrian directors": a name, "is"/"was" or a comma, a determiner, at most three
  // describing words, a crew word.
  if (actorLike(s, r) && after + 2 < w.n && CREW_DETERMINERS.has(w.lower[after + 1]!)) {
    const j = crewNounAt(s, after + 2, w.lower[after + 1] === 'one');
    const role = j < w.n && sameSent(w, j, r.from) ? w.lex.roleNouns.get(w.lower[j]!) : undefined;
    // After a comma, only a likely person and only a director: "Donald Woods, the white liberal newspaper
    // editor" and "Alan Foster, a writer who …" are characters' trades.
    if (role && role !== 'cast' && (la !== ',' || (role === 'director' && r.person >= 1))) addCredit(s, r, role, r.from, j + 1);
  }
  if (la === ',') return;
  // "Stuart was perfect as Lestat", "Jones is superb as Ruth": a name (a lone first name too), "was", one or two
  // describing words, "as", a name.
  // Up to four words with function words among them ("Nolan is a lot of fun as Henrietta", "is on top form as"),
  // then only a name that ends its clause, and no comparison ("as good as Dick", "as well as Tony").
  if ((r.person >= 1 || (r.words.length === 1 && w.lex.given.has(r.words[0]!))) && actorLike(s, r)) {
    let j = after + 1;
    let plain = true;
    // ("great" and "good" are function words of titles, but describe here.)
    while (j < w.n && j - after <= 4 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !COMPARING.has(w.lower[j]!)) {
      if (j - after > 2 || (w.lex.stop.has(w.lower[j]!) && !DESCRIBING_STOPS.has(w.lower[j]!))) plain = false;
      j++;
    }
    if (j > after + 1 && j < w.n && w.lower[j] === 'as') {
      const named = characterAfter(s, j + 1);
      const c = (named?.possessive ? null : named) ?? describedCharacter(s, j + 1, r);
      if (c && c !== r && sameSent(w, c.from, r.from) && !c.possessive && !c.quoted && nameLike(w, c) && !titleWord(s, c) && (plain || endsClause(w, c))) addCredit(s, r, 'cast', r.from, c.to, c);
    }
  }
}

// Words of a comparison or a second clause before "as": "as good as Dick", "than", "like".
const COMPARING = new Set(['as', 'than', 'like', 'but', 'and']);

/**
 * Where the crew word after a determiner should be: past "of the" after "one" ("one of the best directors"), at
 * most three describing words, lower-case or a nationality ("Austrian").
 */
function crewNounAt(s: Scan, j: number, one: boolean): number {
  const w = s.w;
  if (one && w.lower[j] === 'of') j += w.lower[j + 1] === 'the' ? 2 : 1;
  const from = j;
  while (j < w.n && j - from < 4 && w.kind[j] === TokenKind.word && !w.lex.roleNouns.has(w.lower[j]!) && (w.shape[j] === 0 ? !w.lex.stop.has(w.lower[j]!) || DESCRIBING_STOPS.has(w.lower[j]!) || w.lower[j] === 'most' : lowly(s, j))) j++;
  return j;
}

/** A capitalised word that is a one-word run judged no person ("Austrian", "Italian"). */
function lowly(s: Scan, j: number): boolean {
  const k = s.runAt[j]!;
  if (k < 0) return false;
  const r = s.runs[k]!;
  return r.words.length === 1 && r.person === 0 && !r.quoted;
}

/** A lower-case adverb between a name and its verb of playing ("Jane Fonda competently plays Iris"). */
function playAdverb(w: Words, i: number): boolean {
  const x = w.lower[i]!;
  return w.shape[i] === 0 && w.kind[i] === TokenKind.word && x.length > 4 && x.endsWith('ly');
}

/** P plays C / P plays the <noun>, C; C played by P (with or without a comma). */
function playCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  let v = after;
  while (v < w.n && v - after < 4 && (PLAY_LEADS.has(w.lower[v]!) || playAdverb(w, v))) v++;
  if (v < w.n && w.lex.playVerbs.has(w.lower[v]!) && sameSent(w, v, r.from) && actorLike(s, r) && r.person >= 1) {
    let c = characterAfter(s, v + 1);
    if (!c) {
      // Appositive: "plays the antagonist, Captain Howdy".
      let j = v + 1;
      // "plays her best friend in the world, Jeff Moran": the name ends its clause.
      while (j < w.n && j < v + 7 && w.kind[j] === TokenKind.word && w.shape[j] === 0) j++;
      if (j < w.n && w.word[j] === ',') {
        c = characterAfter(s, j + 1);
        if (c && j > v + 4 && !endsClause(w, c)) c = null;
      }
    }
    if (c && sameSent(w, c.from, r.from) && !c.possessive && c !== r) addCredit(s, r, 'cast', r.from, c.to, c);
    else if (r.person < 2) r.person = 2;
  }
  // "the character of Stewart Worthy played by Christopher Lloyd": C played by P, without a comma.
  if (after + 2 < w.n && w.lex.byRoles.get(la) === 'cast' && w.lower[after + 1] === 'by' && !r.possessive && !r.quoted && sameSent(w, after, r.from)) {
    const p = runAfter(s, after + 2);
    if (p && actorLike(s, p) && p !== r) addCredit(s, p, 'cast', r.from, p.to, r);
  }
  // "John Wick is played by Keanu Reeves", "Rocky was ably portrayed by P".
  if ((la === 'is' || la === 'was') && !r.possessive && !r.quoted && after + 3 < w.n && nameLike(w, r) && !titleWord(s, r)) {
    const v = playAdverb(w, after + 1) ? after + 2 : after + 1;
    const p = w.lex.byRoles.get(w.lower[v]!) === 'cast' && w.lower[v + 1] === 'by' ? runAfter(s, v + 2) : null;
    if (p && actorLike(s, p) && p !== r && sameSent(w, p.from, r.from)) addCredit(s, p, 'cast', r.from, p.to, r);
  }
  // C, played by P; "C, played exquisitely by P", "played with utter brilliance by P", "played to perfection by P".
  if (la === ',' && after + 3 < w.n && w.lex.byRoles.get(w.lower[after + 1]!) === 'cast') {
    let by = after + 2;
    while (by < w.n && by - after <= 5 && w.lower[by] !== 'by' && w.kind[by] === TokenKind.word && w.shape[by] === 0 && sameSent(w, by, r.from)) by++;
    const p = w.lower[by] === 'by' ? runAfter(s, by + 1) : null;
    if (p && actorLike(s, p) && sameSent(w, p.from, r.from)) addCredit(s, p, 'cast', r.from, p.to, r);
  }
}

/**
 * The "by" before a run, past what may stand between: a trade ("by actor John Saxon"), or an owner and describing
 * words ("directed by Amenabar's usual collaborator Mateo Gil"); -1 when there is none.
 */
function byBefore(s: Scan, r: Run): number {
  const w = s.w;
  let b = r.from - 1;
  if (b > 1 && w.shape[b] === 0 && w.lex.roleNouns.has(w.lower[b]!)) b--;
  else {
    let j = b;
    while (j > 0 && b - j < 3 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.stop.has(w.lower[j]!)) j--;
    const owner = j < b && s.runAt[j]! >= 0 ? s.runs[s.runAt[j]!]! : null;
    if (owner && owner.possessive && afterRun(w, owner) === j + 1 && sameSent(w, owner.from, r.from)) b = owner.from - 1;
    else {
      // "directed by the great John Ford", "played by the wonderful Jack Elam": an article and describing words
      // before a full name.
      let k = b;
      while (k > 0 && b - k < 3 && w.kind[k] === TokenKind.word && w.shape[k] === 0 && w.lower[k] !== 'by' && w.lower[k] !== 'and' && !w.lex.determiners.has(w.lower[k]!)) k--;
      if (k < b && k > 0 && (w.lower[k] === 'the' || w.lower[k] === 'a') && w.lower[k - 1] === 'by' && sameSent(w, k, r.from) && r.words.length >= 2 && r.person >= 1 && !r.rank) b = k - 1;
    }
  }
  return b > 0 && w.lower[b] === 'by' ? b : -1;
}

/** "directed by P (and Q)", "score by P", "director Ted Post", "P directs", "P's direction". */
/**
 * A full name after r and one or two lower-case describing words, ending its clause: the one r describes ("Orson
 * Welles protege Richard Wilson", "Roger Corman alumnus Joe Dante"), or null.
 */
function describedAfter(s: Scan, r: Run): Run | null {
  const w = s.w;
  if (r.possessive) return null;
  let j = afterRun(w, r);
  const from = j;
  while (j < w.n && j - from < 2 && w.kind[j] === TokenKind.word && w.shape[j] === 0 && !w.lex.stop.has(w.lower[j]!) && sameSent(w, j, r.from)) j++;
  if (j === from) return null;
  const p = runAfter(s, j);
  return p && p.words.length >= 2 && p.person >= 1 && !p.possessive && sameSent(w, p.from, r.from) && nameLike(w, p) && actorLike(s, p) && (endsClause(w, p) || w.word[p.to] === ',') ? p : null;
}

function crewCredits(s: Scan, r: Run, after: number, la: string): void {
  const w = s.w;
  const b1 = r.from - 1;
  const by = byBefore(s, r);
  if (by > 0 && actorLike(s, r) && !r.possessive) {
    // "a directorial effort by actor John Saxon".
    const role = w.lex.byRoles.get(w.lower[by - 1]!) ?? (by > 1 && w.lower[by - 2] === 'directorial' && (w.lower[by - 1] === 'effort' || w.lower[by - 1] === 'debut') ? 'director' : undefined);
    // "Directed by Orson Welles protege Richard Wilson": the name after the describing noun is the one credited.
    const tail = role ? describedAfter(s, r) : null;
    if (tail) addCredit(s, tail, role!, by - 1, tail.to);
    else if (role) addCredit(s, r, role, by - 1, r.to);
    // "written and directed by P": the role joined before it too.
    const joined = role && by > 2 && w.lower[by - 2] === 'and' ? w.lex.byRoles.get(w.lower[by - 3]!) : undefined;
    if (joined && joined !== role && joined !== 'cast') addCredit(s, r, joined, by - 3, r.to);
  } else if (b1 > 0 && (w.lower[b1] === 'and' || w.word[b1] === '&') && actorLike(s, r) && r.person >= 1) {
    const prevRun = s.runAt[b1 - 1]! >= 0 ? s.runs[s.runAt[b1 - 1]!]! : null;
    const prevCredit = prevRun ? s.credits.find((c) => c.person === prevRun && c.role !== 'cast') : undefined;
    if (prevCredit) addCredit(s, r, prevCredit.role, prevRun!.from, r.to);
  }
  // "under the direction of Carol Reed", "the cinematography of Dion Beebe" (not "in the direction of", towards).
  const craft = r.from >= 3 && w.lower[r.from - 1] === 'of' && w.lower[r.from - 3] === 'the' ? w.lex.crewOf.get(w.lower[r.from - 2]!) : undefined;
  const toward = r.from >= 4 && (w.lower[r.from - 4] === 'in' || w.lower[r.from - 4] === 'toward' || w.lower[r.from - 4] === 'towards');
  if (craft && !toward && !r.possessive && actorLike(s, r) && r.person >= 1 && sameSent(w, r.from - 3, r.from)) addCredit(s, r, craft, r.from - 3, r.to);
  // Role word before or at the head: "director Ted Post", "series director Chad Stahelski".
  if (r.role && r.role !== 'cast' && actorLike(s, r) && !r.rank) addCredit(s, r, r.role, Math.max(0, r.from - 1), r.to);
  // "P directs", "P directed the film" (not "directed by"), "P wrote and directed", "P's direction".
  if (actorLike(s, r) && r.person >= 1) {
    directsAt(s, r, after);
    // "Martin Weisz, who directed the solid Rohtenburg, …", "P, who also directs", "P, who wrote and directed it".
    if (la === ',' && w.lower[after + 1] === 'who') {
      const v = w.lower[after + 2] === 'also' ? after + 3 : after + 2;
      if (v < w.n && sameSent(w, v, r.from)) directsAt(s, r, v);
    }
    if (r.possessive && (la === 'direction' || la === 'directing')) addCredit(s, r, 'director', r.from, after + 1);
  }
}

const DIRECTS = new Set(['directs', 'directed', 'co-directed', 'co-directs', 'helms', 'helmed']);

/**
 * A verb of directing at token v whose subject is r: "directed", "wrote and directed" (the lexicon's crew verbs
 * joined to directing), "directed and co-wrote"; not "directed by". Each role it names is credited.
 */
function directsAt(s: Scan, r: Run, v: number): void {
  const w = s.w;
  const l = w.lower[v]!;
  const other = w.lex.crewVerbs.get(l);
  const joined = other !== undefined && w.lower[v + 1] === 'and' && DIRECTS.has(w.lower[v + 2] ?? '');
  if (!joined && !DIRECTS.has(l)) return;
  const end = joined ? v + 2 : v;
  if (w.lower[end + 1] === 'by') return;
  addCredit(s, r, 'director', r.from, end + 1);
  if (joined) addCredit(s, r, other, r.from, end + 1);
  // "P directed and co-wrote".
  const then = w.lower[end + 1] === 'and' ? w.lex.crewVerbs.get(w.lower[end + 2] ?? '') : undefined;
  if (then && w.lower[end + 3] !== 'by') addCredit(s, r, then, r.from, end + 3);
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
  // No one named before it: "the directorial debut of Ben Affleck", "the directing of P".
  if (count > 0) return;
  for (let j = i + 1; j < w.n && j <= i + 3 && sameSent(w, j, i); j++) {
    const l = w.lower[j]!;
    if (l !== 'of' && l !== 'by' && l !== 'from') continue;
    const p = runAfter(s, j + 1);
    if (p && p.person >= 1 && !p.possessive && sameSent(w, p.from, i) && actorLike(s, p)) addCredit(s, p, 'director', i, p.to);
    return;
  }
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
  // "his role as C", "his role of David Aames", "her portrayal of C".
  if ((l === 'his' || l === 'her') && (next === 'performance' || next === 'turn' || next === 'role' || next === 'portrayal') && (w.lower[i + 2] === 'as' || (w.lower[i + 2] === 'of' && (next === 'role' || next === 'portrayal')))) return characterAfter(s, i + 3);
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

/**
 * Two lists of equal length joined by a verb of playing at token i, people first: "Jack Lemmon and Walter Matthau as
 * Felix Ungar and Oscar Madison", "James Earl Jones and Christopher Plummer play Othello and Iago", "… star as …"
 * (a cast noun before "as"). Each list is two names or more, closed by "and"; neither goes on past the other.
 */
function pairedLists(s: Scan, i: number): void {
  const w = s.w;
  const l = w.lower[i]!;
  // (The lexicon's verbs of playing, and the plural forms "play" and "portray" as respectively() reads them.)
  const starAs = w.lex.roleNouns.get(l) === 'cast' && w.lower[i + 1] === 'as';
  if (!starAs && !w.lex.castLinks.has(l) && l !== 'play' && l !== 'portray') return;
  const before = s.runAt[i - 1]!;
  const after = runAfter(s, starAs ? i + 2 : i + 1);
  if (before < 0 || !after || s.runs[before]!.to !== i) return;
  const actors = listAt(s, before, -1);
  const roles = listAt(s, s.runAt[after.from]!, 1);
  pairLists(s, actors, roles, actors[0]!.from, roles[roles.length - 1]!.to);
}

/** "Jesse and Celine (Ethan Hawke and Julie Delpy)": characters, then their actors in brackets (the "(" at i). */
function bracketedList(s: Scan, i: number): void {
  const w = s.w;
  const before = s.runAt[i - 1]!;
  const inside = runAfter(s, i + 1);
  if (before < 0 || !inside || s.runs[before]!.to !== i) return;
  const roles = listAt(s, before, -1);
  const actors = listAt(s, s.runAt[inside.from]!, 1);
  const close = actors[actors.length - 1]!.to;
  if (close >= w.n || w.word[close] !== ')') return;
  // ("The Coen brothers' Raising Arizona and Fargo (Joel and Ethan Coen)": the people in brackets are full names.)
  if (actors.some((a) => a.words.length < 2)) return;
  pairLists(s, actors, roles, roles[0]!.from, close + 1);
}

/** A list closed by "and" or "&" ("A, B and C"): a cast list's commas ("X as Y, Z as W") join no list of its own. */
function closedByAnd(w: Words, list: readonly Run[]): boolean {
  const a = list[list.length - 2]!;
  const b = list[list.length - 1]!;
  for (let t = a.to; t < b.from; t++) if (w.lower[t] === 'and' || w.word[t] === '&') return true;
  return false;
}

function pairLists(s: Scan, actors: Run[], roles: Run[], evidenceFrom: number, evidenceTo: number): void {
  const w = s.w;
  if (actors.length < 2 || actors.length !== roles.length || !closedByAnd(w, actors) || !closedByAnd(w, roles)) return;
  if (!actors.every((a) => actorLike(s, a) && a.person >= 1 && !a.possessive && !a.quoted)) return;
  // The characters may sit in a title reading ("Ed and Alice"), and their full names read like people's ("Felix
  // Ungar and Oscar Madison"): two paired lists say characters, unless the index credits the name as a person's.
  if (roles.some((r) => r.possessive || r.quoted || !nameLike(w, r) || (r.words.length >= 2 && w.credited !== null && w.credited(nameTokens(r.name).join(' '))))) return;
  // Every list whole: no name joined on either side.
  const last = roles[roles.length - 1]!.to > actors[actors.length - 1]!.to ? roles[roles.length - 1]! : actors[actors.length - 1]!;
  if (last.to < w.n && w.lex.listJoiners.has(w.lower[last.to]!) && runAfter(s, last.to + 1)) return;
  for (let q = 0; q < actors.length; q++) if (!hasCredit(s, actors[q]!)) addCredit(s, actors[q]!, 'cast', evidenceFrom, evidenceTo, roles[q]!);
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
