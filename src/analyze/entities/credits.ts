/**
 * Cast credits the first reading (credit-patterns.ts, people.ts) leaves out or turns round, read again over the people it found:
 * "Rose Hobart was lifeless as Julie", "Art Carney playing Felix", "Bela Lugosi as Dr. Benet", "Kieron Moore's
 * Uriah", and "Shia Labeouf (Stanley)" read as a character played by an actor. The film index, when loaded, says
 * who is a person and which characters an actor has played. Pure.
 */
import { isCharacterName } from './person-tagger.ts';
import type { Credit, Person, Span } from '../card.ts';
import { TokenKind } from '../text/index.ts';
import type { FilmIndex } from './film-index.ts';
import { nameTokens } from './film-index.ts';
import { titleKey } from './titles.ts';
import { anyMarked, type Words } from './words.ts';

/** A character's name read after a cue: tokens `[from, to)`, a leading rank kept ("Dr. Frank Reeves"). */
interface Named {
  from: number;
  to: number;
  name: string;
  /** Name words without the rank. */
  words: string[];
  rank: boolean;
  possessive: boolean;
}

/** Most tokens between an actor's name and the cue word ("as", "playing"). */
const MAX_GAP = 9;

/** The first token at or after a character offset. */
function tokenAt(w: Words, offset: number): number {
  let lo = 0;
  let hi = w.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A capitalised name at token j, after an optional rank ("Mr. Browne", "Number Six", "Ivan Drago"). */
function namedAt(w: Words, j: number): Named | null {
  if (j >= w.n) return null;
  const sent = w.sentence[j];
  let k = j;
  let rank = false;
  if (w.shape[k] === 1 && w.lex.ranks.has(w.lower[k]!) && !w.possessive[k]) {
    rank = true;
    k++;
    if (k < w.n && w.word[k] === '.' && w.start[k] === w.end[k - 1]) k++;
  }
  const from = k;
  let possessive = false;
  while (k < w.n && w.sentence[k] === sent && w.kind[k] === TokenKind.word && k - from < 4) {
    const isName = w.shape[k] === 1 || (w.shape[k] === 2 && k + 1 < w.n && w.word[k + 1] === '.');
    const particle = k > from && w.lex.particles.has(w.lower[k]!) && k + 1 < w.n && w.shape[k + 1] === 1;
    if (!isName && !particle) break;
    k++;
    if (w.shape[k - 1] === 2) k++;
    if (w.possessive[k - 1]) {
      possessive = true;
      break;
    }
  }
  if (k === from) return null;
  const words: string[] = [];
  for (let t = from; t < k; t++) if (w.kind[t] === TokenKind.word) words.push(w.word[t]!);
  if (words.some((x) => x.includes('.'))) return null;
  const name = w.text.slice(w.start[j]!, w.wordEnd[k - 1]!);
  return { from: j, to: k, name, words, rank, possessive };
}

/** Character tokens (lower case, `nameTokens` form) of the index films that credit this person in their cast. */
function playedBy(index: FilmIndex | null | undefined, person: string): Set<string> {
  const out = new Set<string>();
  if (!index) return out;
  const key = nameTokens(person).join(' ');
  for (const row of index.rowsForPersonKey(key)) {
    for (const c of index.credits(row)) if (c.character && c.key === key) for (const t of nameTokens(c.character)) if (t.length > 2) out.add(t);
  }
  return out;
}

/** Whether the index credits this person as an actor in some film. */
function indexActor(index: FilmIndex, person: string): boolean {
  const key = nameTokens(person).join(' ');
  for (const row of index.rowsForPersonKey(key)) for (const c of index.credits(row)) if (c.key === key && c.roles.includes('cast')) return true;
  return false;
}

const lastWord = (s: string): string => s.toLowerCase().split(/\s+/).pop()!;

/** What the cast reading works over: the first reading's credits, those it adds, and the sets it asks. */
interface Revision {
  w: Words;
  index: FilmIndex | null | undefined;
  titleTok: Uint8Array;
  folk: Person[];
  out: Credit[];
  added: Credit[];
  characterSpans: Span[];
  castOf: Set<string>;
  crew: Set<string>;
  personNames: Set<string>;
}

/** One person being read: the characters the index has them play, looked up on first need. */
interface Reading {
  p: Person;
  played: Set<string> | null;
}

const chars = (rv: Revision, r: Reading): Set<string> => (r.played ??= playedBy(rv.index, r.p.name));

/** Whether a cast credit already names a character of this surname (whoever plays it). */
function hasPair(rv: Revision, character: string): boolean {
  const last = lastWord(character);
  return pairIn(rv.out, last) || pairIn(rv.added, last);
}

function pairIn(credits: readonly Credit[], last: string): boolean {
  for (const c of credits) if (c.role === 'cast' && c.character && lastWord(c.character) === last) return true;
  return false;
}

const isTitle = (titleTok: Uint8Array, c: Named): boolean => anyMarked(titleTok, c.from, c.to);

function addCharacter(rv: Revision, p: Person, m: Span, c: Named): void {
  const { w } = rv;
  rv.added.push({ person: p.name, role: 'cast', character: c.name, evidence: { start: m.start, end: w.wordEnd[c.to - 1]! } });
  rv.characterSpans.push({ start: w.start[c.from]!, end: w.wordEnd[c.to - 1]! });
}

/**
 * The people and credits of the first reading, with the cast credits read again. `titleTok` marks the tokens of
 * film and reference mentions (never a character's name here).
 */
export function reviseCredits(w: Words, people: Person[], credits: Credit[], index: FilmIndex | null | undefined, titleTok: Uint8Array): { people: Person[]; credits: Credit[] } {
  const turned = turnBrackets(w, people, credits, index);
  const out = turned.credits;
  const folk = turned.people;
  const rv: Revision = {
    w,
    index,
    titleTok,
    folk,
    out,
    added: [],
    characterSpans: [],
    castOf: new Set(out.filter((c) => c.role === 'cast' && c.character).map((c) => c.person)),
    crew: new Set(out.filter((c) => c.role !== 'cast').map((c) => c.person)),
    personNames: new Set(folk.map((p) => p.name.toLowerCase())),
  };
  for (const p of folk) {
    // ("Jensen.Jeff Corey": two sentences run together, not a name to credit.)
    if (rv.crew.has(p.name) || /\p{Ll}\.\p{Lu}/u.test(p.name)) continue;
    const r: Reading = { p, played: null };
    for (const m of p.mentions) readMention(rv, r, m);
  }
  directorsBeside(w, folk, [...out, ...rv.added], index, rv.added);
  if (!rv.added.length) return { people: folk, credits: out };
  return withCharacters(folk, out, rv.added, rv.characterSpans);
}

/** The cast credit a mention of the person may make: a possessive before a character, or a cue ("as", "playing") after. */
function readMention(rv: Revision, r: Reading, m: Span): void {
  const { w } = rv;
  const last = tokenAt(w, m.end) - 1;
  if (last < 0 || last >= w.n) return;
  const possessive = w.possessive[last] === 1;
  let after = last + 1;
  if (possessive && after < w.n && (w.word[after] === "'" || w.word[after] === '’')) after++;
  const sent = w.sentence[last]!;
  // "Kieron Moore's Uriah": a possessive right before a character's name.
  if (possessive && possessiveCharacter(rv, r, m, after, sent)) return;
  const cue = castCue(w, after, sent);
  if (cue) cueCharacter(rv, r, m, possessive, sent, cue);
}

/** "Kieron Moore's Uriah": a character's name right after the possessive, credited when the index or its shape says so. */
function possessiveCharacter(rv: Revision, r: Reading, m: Span, after: number, sent: number): boolean {
  const { w, index } = rv;
  const p = r.p;
  const c = namedAt(w, after);
  if (!c) return false;
  // ("Eddie Murphy's James Brownesque performance": the name describes the performance.)
  const modifies = c.to < w.n && w.lex.castNouns.has(w.lower[c.to]!);
  if (modifies || c.possessive || c.rank || c.words.length > 3 || isTitle(rv.titleTok, c) || w.sentence[c.from] !== sent || hasPair(rv, c.name)) return false;
  const known = chars(rv, r);
  const inIndex = c.words.some((x) => known.has(x.toLowerCase()));
  const lone = c.words.length >= 2 && w.lex.given.has(c.words[0]!) && !w.quoted[c.from] && p.name.includes(' ');
  const ok = inIndex || (lone && !rv.castOf.has(p.name) && (!index || (index.rowsForPerson(c.name).length === 0 && index.rowsForKey(titleKey(c.name)).length === 0 && (index.rowsForPerson(p.name).length === 0 || indexActor(index, p.name)))));
  if (ok) addCharacter(rv, p, m, c);
  return ok;
}

/** A cue word found after a name: its token, the lower-case words before it, and what they held. */
interface CastCue {
  g: number;
  words: number;
  noun: boolean;
  sawAs: boolean;
}

/** "P <a few lower-case words> as C", "P playing C": the cue before a capitalised name, or null. */
function castCue(w: Words, after: number, sent: number): CastCue | null {
  let g = after;
  let words = 0;
  let noun = false;
  let sawAs = false;
  while (g < w.n && w.sentence[g] === sent && g - after <= MAX_GAP) {
    const l = w.lower[g]!;
    // "playing a supporting role as Mrs. MacGregor": a verb of playing before no name is one of the words;
    // so is "as" in "as the voice of Waddlesworth".
    if (w.lex.castLinks.has(l) && capitalAt(w, g + 1, sent)) return { g, words, noun, sawAs };
    // "in the role of Clara", "as the voice of Waddlesworth".
    if (w.lex.roleOf.has(l) && w.lower[g + 1] === 'of' && capitalAt(w, g + 2, sent)) return { g: g + 1, words, noun: true, sawAs };
    // "Hersholt, whose character, Ben Letts, looks …".
    if (l === 'whose' && g === after + 1 && (w.lower[g + 1] === 'character' || w.lower[g + 1] === 'role')) {
      g += w.word[g + 2] === ',' ? 2 : 1;
      return capitalAt(w, g + 1, sent) ? { g, words, noun: true, sawAs } : null;
    }
    if (l === 'as') sawAs = true;
    // "Archie Belaney, known simply as Grey Owl": another name of the person, not a role.
    if (w.lex.aliasVerbs.has(l)) return null;
    if (w.kind[g] === TokenKind.word && w.shape[g] === 0 && !w.lex.clauseBreaks.has(l)) {
      if (w.lex.castNouns.has(l)) noun = true;
      words++;
      g++;
      continue;
    }
    if (w.word[g] === ',' && g === after) {
      g++;
      continue;
    }
    return null;
  }
  return null;
}

const capitalAt = (w: Words, i: number, sent: number): boolean => i < w.n && w.shape[i] === 1 && w.sentence[i] === sent;

/** The character named after a cue, credited unless the shape of the sentence says the cue led something else. */
function cueCharacter(rv: Revision, r: Reading, m: Span, possessive: boolean, sent: number, cue: CastCue): void {
  const { w, index, folk } = rv;
  const p = r.p;
  const { g, words, noun, sawAs } = cue;
  // A possessive owner plays only through a performance noun ("Lundgren's infamous turn as Ivan Drago").
  if (possessive && !noun) return;
  const link = w.lower[g]!;
  // ("as good as Tom Hanks": a comparison.)
  if (link === 'as' && (sawAs || w.lex.asBlockers.has(w.lower[g - 1]!) || (w.word[g - 1] === ',' && words > 0))) return;
  // credit-patterns.ts reads the plain adjacent patterns; here only what it leaves: words between, or a rank.
  const c = namedAt(w, g + 1);
  if (!c || c.possessive || w.sentence[c.from] !== sent || isTitle(rv.titleTok, c)) return;
  if (words === 0 && !c.rank && rv.castOf.has(p.name)) return;
  const next = c.to < w.n && w.sentence[c.to] === sent ? w.lower[c.to]! : '';
  // "… tense performance as Preminger saturates the film": after words between, "as" led a clause ("Bela
  // Lugosi as Dr. Benet is …" is the actor's apposition).
  if (next && words > 0 && link === 'as' && !noun && w.kind[c.to] === TokenKind.word && w.shape[c.to] === 0 && !w.lex.stop.has(next) && !w.lex.clauseBreaks.has(next)) return;
  if (next && words > 0 && w.lex.subjectNext.has(next)) return;
  // "trying to get it on with Hank as Beth walks in": a name after a preposition is no subject; "as" led a clause.
  const first = tokenAt(w, m.start);
  if (next && link === 'as' && first > 0 && w.lex.clauseBreaks.has(w.lower[first - 1]!) && w.kind[c.to] === TokenKind.word && w.shape[c.to] === 0 && !w.lex.stop.has(next)) return;
  if (c.words.length === 1 && !c.rank && w.lex.common.has(c.words[0]!.toLowerCase())) return;
  if (!c.rank && rv.personNames.has(c.name.toLowerCase()) && rv.crew.has(c.name)) return;
  if (index && c.words.length >= 2 && !c.rank && index.rowsForPerson(c.name).length > 0 && !c.words.some((x) => chars(rv, r).has(x.toLowerCase()))) return;
  // "Andrews' tense performance as Preminger saturates …": a surname of another person named in full.
  if (c.words.length === 1 && !c.rank && folk.some((o) => o !== p && o.name.includes(' ') && lastWord(o.name) === c.name.toLowerCase()) && !chars(rv, r).has(c.name.toLowerCase())) return;
  if (hasPair(rv, c.name)) return;
  addCharacter(rv, p, m, c);
}

/** The credits with the characters just read; those characters are not people, and credit no one. */
function withCharacters(folk: Person[], out: Credit[], added: Credit[], characterSpans: Span[]): { people: Person[]; credits: Credit[] } {
  const characterNames = new Set<string>();
  for (const c of added) {
    if (!c.character) continue;
    characterNames.add(c.character.toLowerCase());
    const bare = c.character.replace(/^\p{Lu}\p{Ll}*\.?\s+/u, '');
    if (bare !== c.character && bare.includes(' ')) characterNames.add(bare.toLowerCase());
  }
  const credited = new Set([...out, ...added].filter((c) => !characterNames.has(c.person.toLowerCase())).map((c) => c.person));
  const insideCharacter = (m: Span): boolean => characterSpans.some((s) => s.start <= m.start && m.end <= s.end);
  const people = folk.filter((p) => credited.has(p.name) || !(characterNames.has(p.name.toLowerCase()) || p.mentions.every(insideCharacter)));
  const kept = new Set(people.map((p) => p.name));
  const withCharacter = new Set(added.filter((c) => c.character).map((c) => c.person));
  return { people, credits: [...out.filter((c) => kept.has(c.person) && !(c.role === 'cast' && !c.character && withCharacter.has(c.person))), ...added.filter((c) => kept.has(c.person))] };
}

/** The capitalised name that ends right before token `end` ("Shia Labeouf" of "Shia Labeouf (Stanley)"). */
function nameBefore(w: Words, end: number): Named | null {
  let k = end;
  while (k > 0 && end - k < 4 && w.sentence[k - 1] === w.sentence[end - 1] && w.kind[k - 1] === TokenKind.word && w.shape[k - 1] === 1 && !(k < end && w.possessive[k - 1])) k--;
  if (k === end || w.lex.stop.has(w.lower[k]!)) return null;
  const c = namedAt(w, k);
  return c && c.to === end && !c.rank ? c : null;
}

/**
 * "Shia Labeouf (Stanley)": the first reading takes "Name (Name)" as a character and its actor. Where the index
 * knows the names in front as people and those in brackets as none more often than the other way round, the review
 * writes actor (character), and all its bracketed pairs are read so (unless the index says a pair is the other way).
 */
function turnBrackets(w: Words, people: Person[], credits: Credit[], index: FilmIndex | null | undefined): { people: Person[]; credits: Credit[] } {
  // (Most reviews have no brackets: one native search spares the token walk.)
  if (!index || !w.text.includes('(')) return { people, credits };
  const pairs: { actor: Named; character: Named; vote: number }[] = [];
  // A person by the index: a credited full name, or a lone credited surname ("Astaire").
  const known = (c: Named): boolean => (c.words.length === 1 ? index.hasSurname(c.words[0]!.toLowerCase()) : index.rowsForPerson(c.name).length > 0);
  let turn = 0;
  let keep = 0;
  let titled = 0;
  const untitled: [string, string][] = [];
  for (let at = w.text.indexOf('('); at >= 0; at = w.text.indexOf('(', at + 1)) {
    const i = tokenAt(w, at);
    if (i < 1 || i + 2 >= w.n || w.start[i] !== at || w.word[i] !== '(') continue;
    const a = nameBefore(w, i);
    const b = a ? namedAt(w, i + 1) : null;
    if (!a || !b || b.to >= w.n || w.word[b.to] !== ')' || b.possessive || a.possessive) continue;
    // "Laura Vandervoort (Smallville)", "Marsha Tomason (Lost)": a show or a film in brackets, no character (unless
    // the film data knows the title as a character's name too: "Keanu Reeves (John Wick)").
    // ("Eric Roth (Forrest Gump)": its writer, who acted in nothing the index has.)
    const character = dataCharacter(w, b) && indexRoles(index, a.name).acted > 0;
    if (!b.rank && !character && (w.lex.stop.has(b.words[0]!.toLowerCase()) || (b.words.length === 1 && w.lex.common.has(b.words[0]!.toLowerCase())) || index.rowsForKey(titleKey(b.name)).length > 0)) {
      titled++;
      // ("Brian Dennehy (Cocoon)" read as Cocoon playing Brian Dennehy: no credit.)
      if (known(a)) untitled.push([b.name, a.name]);
      continue;
    }
    // ("The director, Jacques Feyder (Belgian-French)": the index knows him as a director only.)
    const ra = indexRoles(index, a.name);
    if (ra.directed > 0 && ra.acted === 0) continue;
    const front = known(a);
    const back = known(b);
    const vote = front && !back ? 1 : back && !front ? -1 : 0;
    if (vote > 0) turn++;
    else if (vote < 0) keep++;
    pairs.push({ actor: a, character: b, vote });
  }
  if (untitled.length) {
    const wrong = (c: Credit): boolean => untitled.some(([t, person]) => c.person === t && c.character === person);
    if (credits.some(wrong)) {
      credits = credits.filter((c) => !wrong(c));
      const still = new Set(credits.map((c) => c.person));
      people = people.filter((p) => still.has(p.name) || !untitled.some(([t]) => t === p.name));
    }
  }
  // One pair the index settles is turned even where the review's other brackets read the other way, when what is
  // in the brackets is a lone name or a character the film data knows ("Aaron Eckhart (Nick)", "Lorne Greene (Sam
  // Houston)"): a full name inside may be an actor the index lacks ("Tom Reed (Vincent Ventresca)", Tom Reed a namesake).
  const sure = (p: (typeof pairs)[number]): boolean => p.vote > 0 && (p.character.words.length === 1 || dataCharacter(w, p.character));
  if (turn <= keep && !pairs.some(sure)) return { people, credits };
  const text = w.text;
  // A pair the index does not settle is turned only by its shape: a full name before a lone or ranked name
  // ("Jake Smith (Squid)", "Lilia Skala (Dr. Littauer)"), in a review that puts no titles in brackets; two full
  // names stay as read ("Billy Hahn (Steven Goldstein)").
  const turned = pairs.filter((p) => p.actor.words.length >= 2 && (turn <= keep ? sure(p) : p.vote > 0 || (p.vote === 0 && !titled && (p.character.words.length === 1 || p.character.rank))));
  const characters = new Set(turned.map((p) => p.character.name));
  const actors = new Set(turned.map((p) => p.actor.name));
  // Credits of the first reading that these pairs contradict (a character credited as an actor, or the other way).
  let out = credits.filter((c) => !(characters.has(c.person) || (c.character && actors.has(c.character))));
  const have = new Set(out.filter((c) => c.character).map((c) => `${c.person}|${lastWord(c.character!)}`));
  for (const p of turned) {
    // (Where the review puts titles in brackets, the names before them are people, but no pairs.)
    if (titled || have.has(`${p.actor.name}|${lastWord(p.character.name)}`)) continue;
    out = out.filter((c) => !(c.person === p.actor.name && c.role === 'cast' && !c.character));
    out.push({ person: p.actor.name, role: 'cast', character: p.character.name, evidence: { start: w.start[p.actor.from]!, end: w.end[p.character.to]! } });
  }
  const nowPeople: Person[] = [];
  for (const name of actors) {
    if (people.some((p) => p.name === name)) continue;
    const mentions: Span[] = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const before = at > 0 ? text[at - 1]! : ' ';
      const after = text[at + name.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) mentions.push({ start: at, end: at + name.length });
    }
    nowPeople.push({ name, mentions });
  }
  const credited = new Set(out.map((c) => c.person));
  return { people: [...people.filter((p) => !characters.has(p.name) || credited.has(p.name)), ...nowPeople], credits: out };
}

/** A two-word name the film data knows as a character's and not as a person's ("Sam Houston", "John Wick"). */
function dataCharacter(w: Words, n: Named): boolean {
  return w.gaz !== null && n.words.length === 2 && isCharacterName(w.gaz, n.words[0]!.toLowerCase(), n.words[1]!.toLowerCase());
}

/** How many films of the index this person directed and acted in. */
export function indexRoles(index: FilmIndex, person: string): { directed: number; acted: number } {
  const key = nameTokens(person).join(' ');
  let directed = 0;
  let acted = 0;
  for (const row of index.rowsForPersonKey(key)) {
    for (const c of index.credits(row)) {
      if (c.key !== key) continue;
      if (c.roles.includes('director')) directed++;
      if (c.roles.includes('cast')) acted++;
    }
  }
  return { directed, acted };
}

/** "played in the film by Steve McQueen": a verb of playing a few tokens before ("film by" is then no credit). */
function playedBefore(w: Words, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4 && w.sentence[k] === w.sentence[i]; k--) if (w.lex.byRoles.get(w.lower[k]!) === 'cast' || w.lex.playVerbs.has(w.lower[k]!)) return true;
  return false;
}

/** Tokens that may stand between a name and its role word beside it ("the director, George Stevens,"). */
function filler(w: Words, i: number): boolean {
  const x = w.word[i]!;
  return x === ',' || x === '(' || x === ')' || x === '–' || x === '—' || w.lex.determiners.has(w.lower[i]!);
}

/**
 * "the director, George Stevens", "The director (Fred Olen Ray)", "Anthony Hickox the director": a director's
 * role word beside a name, apart from it only by punctuation or an article, or "a film by X", when the index
 * does not know the person as an actor only. credit-patterns.ts reads the role word right before the name.
 */
function directorsBeside(w: Words, people: Person[], credits: Credit[], index: FilmIndex | null | undefined, added: Credit[]): void {
  const credited = new Set(credits.map((c) => c.person));
  for (const p of people) {
    if (credited.has(p.name)) continue;
    for (const m of p.mentions) {
      const at = directorCueAt(w, m);
      if (at < 0) continue;
      if (index) {
        const r = indexRoles(index, p.name);
        if (r.directed === 0 && r.acted > 0) continue;
      }
      added.push({ person: p.name, role: 'director', evidence: { start: Math.min(m.start, w.start[at]!), end: Math.max(m.end, w.end[at]!) } });
      credited.add(p.name);
      break;
    }
  }
}

const isDirectorCue = (w: Words, i: number): boolean => i >= 0 && i < w.n && w.lex.roleNouns.get(w.lower[i]!) === 'director';

/** The token of a director's role word beside the mention (or of "film" in "a film by"), -1 when none. */
function directorCueAt(w: Words, m: Span): number {
  const first = tokenAt(w, m.start);
  const last = tokenAt(w, m.end) - 1;
  if (first >= w.n || last < first) return -1;
  const sent = w.sentence[first];
  let at = -1;
  for (let i = first - 1, k = 0; i >= 0 && k <= 2 && w.sentence[i] === sent; i--, k++) {
    if (isDirectorCue(w, i) && k > 0) at = i;
    if (at >= 0 || !filler(w, i)) break;
  }
  // "a film by Uwe Boll", "made by Kieslowski".
  if (first >= 2 && w.lower[first - 1] === 'by' && w.lex.filmBy.has(w.lower[first - 2]!) && w.sentence[first - 2] === sent && !playedBefore(w, first - 2)) at = first - 2;
  if (at < 0 && !w.possessive[last]) {
    for (let i = last + 1, k = 0; i < w.n && k <= 2 && w.sentence[i] === sent; i++, k++) {
      // ("comedian Richard Pryor, director Spike Lee": the role word is the next name's.)
      if (isDirectorCue(w, i) && k > 0 && !(i + 1 < w.n && w.shape[i + 1] === 1 && w.sentence[i + 1] === sent)) at = i;
      if (at >= 0 || !filler(w, i)) break;
    }
  }
  return at;
}

/**
 * A person read by surname alone ("Mitchum") whose full name the text writes where the first reading saw no
 * person ("the Robert Mitchum Western", "June Haver's costumes"): the full name, when the index credits it.
 */
export function fullNames(w: Words, people: Person[], credits: Credit[], runs: readonly { from: number; to: number }[], index: FilmIndex | null | undefined): { people: Person[]; credits: Credit[] } {
  if (!index) return { people, credits };
  const single = new Map<string, string>();
  for (const p of people) if (!p.name.includes(' ') && /^\p{Lu}\p{Ll}+$/u.test(p.name)) single.set(p.name.toLowerCase(), p.name);
  if (!single.size) return { people, credits };
  const renamed = fullNamesIn(w, runs, single, new Set(people.map((p) => p.name)), index);
  if (!renamed.size) return { people, credits };
  return { people: people.map((p) => renamedPerson(w, p, renamed.get(p.name))), credits: credits.map((c) => (renamed.has(c.person) ? { ...c, person: renamed.get(c.person)! } : c)) };
}

/** Surnames read alone (lower case → as read) → the full names the text writes before them, when the index credits them. */
function fullNamesIn(w: Words, runs: readonly { from: number; to: number }[], single: Map<string, string>, names: ReadonlySet<string>, index: FilmIndex): Map<string, string> {
  const renamed = new Map<string, string>();
  // (The full name lies inside a capitalised run of the first reading: only those tokens are read.)
  for (const r of runs) {
    for (let i = Math.max(r.from, 1); i < r.to; i++) {
      const name = single.get(w.lower[i]!);
      if (!name || renamed.has(name) || w.shape[i - 1] !== 1 || w.sentence[i - 1] !== w.sentence[i] || w.possessive[i - 1]) continue;
      if (!w.lex.given.has(w.word[i - 1]!)) continue;
      const full = `${w.word[i - 1]!} ${name}`;
      if (names.has(full) || index.rowsForPerson(full).length === 0) continue;
      renamed.set(name, full);
    }
  }
  return renamed;
}

/** The person under the full name, with the full name's mentions in place of the surname's. */
function renamedPerson(w: Words, p: Person, full: string | undefined): Person {
  if (!full) return p;
  const mentions = [...p.mentions];
  const lower = p.name.toLowerCase();
  const given = full.split(' ')[0];
  for (let i = 1; i < w.n; i++) {
    if (w.lower[i] !== lower || w.word[i - 1] !== given) continue;
    const span = { start: w.start[i - 1]!, end: w.wordEnd[i]! };
    const k = mentions.findIndex((m) => m.start < span.end && span.start < m.end);
    if (k >= 0) mentions[k] = span;
    else mentions.push(span);
  }
  return { name: full, mentions: mentions.sort((a, b) => a.start - b.start) };
}
