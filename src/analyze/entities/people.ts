/**
 * People and credits: the judged runs (runs.ts) and the credits the text states (credit-patterns.ts), then
 * characters told apart from people, coordinated names read alike, and the people linked (surnames and short
 * forms to the full name used elsewhere in the review).
 */
import type { Credit, Person, Span } from '../card.ts';
import { hasCredit, isAlias, markRuns, readCredits, sameSent, titleWord, type Scan } from './credit-patterns.ts';
import { isCharacterName, WORD_KIND, wordKinds } from './person-tagger.ts';
import { findRuns, isContraction, type Run } from './runs.ts';
import type { Words } from './words.ts';

const COORD_JOINERS = new Set(['and', ', and', '&', 'or', 'nor']);
// Verbs after two coordinated names that make both people ("Fassbender and Vikander are").
const COORD_VERBS = new Set(['are', 'were', 'have', 'square', 'star', 'co-star', 'shine']);

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
}

/**
 * Find people and credits. `notPeople` are lower-case names already known to be titles (the film, the franchise).
 */
export function findPeople(w: Words, notPeople: ReadonlySet<string>, titleTokens?: Uint8Array, known?: Run[], judged?: readonly number[]): PeopleResult {
  const s = markRuns(w, known ?? findRuns(w), notPeople, titleTokens, judged);
  readCredits(s);
  markCharacters(s);
  coordinate(s);
  shareSurnames(s);
  return buildPeople(s);
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
  // A two-word name the film data knows as a character's and not as a person's ("Norman Bates", "Roy Batty"), and a
  // word it knows only as a character's ("Batman", "Starsky": no given name, no surname), unless a credit makes it
  // an actor.
  if (w.gaz) {
    for (const r of runs) {
      if (r.person < 1 || r.role || hasCredit(s, r)) continue;
      if (r.words.length === 2 ? isCharacterName(w.gaz, r.lowers[0]!, r.lowers[1]!) : r.words.length === 1 && wordKinds(w.gaz, r.lowers[0]!) === WORD_KIND.character && !w.credited?.(r.lowName)) characters.add(r.lowName);
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
  fullCharacterNames(s);
  // Characters are not people, wherever they are named.
  for (const r of runs) if (characters.has(r.lowName)) r.person = 0;
}

/**
 * A full name that is a credited character's, written out: its first name is a one-word character of the text's
 * credits ("Busy Phillips makes an excellent Alicia" → "Alicia Browning is an older girl…"), or its words are all
 * words of a longer character's name ("Alice Barkley" of "Alice Dupres Barkley"). Not where the name is credited
 * as a person's, holds a word of one, or is a person the film data knows.
 */
function fullCharacterNames(s: Scan): void {
  const { w, runs, characters } = s;
  let lone: Set<string> | null = null;
  let long: string[][] | null = null;
  for (const c of s.credits) {
    if (!c.character) continue;
    if (c.character.words.length === 1) (lone ??= new Set()).add(c.character.lowName);
    else (long ??= []).push(c.character.lowers);
  }
  if (!lone && !long) return;
  for (const r of runs) {
    if (r.person < 1 || r.words.length < 2 || r.words.length > 3 || r.role || characters.has(r.lowName)) continue;
    const first = lone !== null && lone.has(r.lowers[0]!);
    if (!first && !(long && long.some((c) => c.length > r.lowers.length && r.lowers.every((x) => c.includes(x))))) continue;
    if (s.credits.some((c) => c.person.lowName === r.lowName) || w.credited?.(r.lowName)) continue;
    // The first name's rule: no word after it is another person's ("Jack" credited, "Jack Nicholson" named).
    if (first && r.lowers.slice(1).some((x) => runs.some((o) => o !== r && o.lowName !== r.lowName && o.person >= 1 && o.words.length >= 2 && !characters.has(o.lowName) && o.lowers.includes(x)))) continue;
    characters.add(r.lowName);
  }
}

/** A run that may join a coordinated list of people. */
function coordinable(s: Scan, r: Run): boolean {
  const w = s.w;
  return !r.article && !r.rank && !r.quoted && !r.place && !titleWord(s, r) && r.lowers.every((x) => !w.lex.common.has(x) && !isContraction(w, x)) && !(r.words.length === 1 && w.lex.given.has(r.words[0]!));
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
  // (A name written both ways is shown as cased, not in capitals: "Ross Hunter", not "ROSS HUNTER".)
  const shouted = (r: Run): number => (r.words.every((x) => x === x.toUpperCase()) ? 1 : 0);
  const multi = runs.filter((r) => r.person >= 1 && r.words.length >= 2).sort((a, b) => b.words.length - a.words.length || shouted(a) - shouted(b));
  for (const r of multi) {
    const key = r.lowName;
    let idx = byName.get(key);
    if (idx === undefined) {
      // A shorter multi-word form of a longer name ("de Armas" of "Ana de Armas").
      idx = drafts.findIndex((d) => endsWithWords(d.lowers, r.lowers));
      if (idx < 0) {
        idx = drafts.length;
        drafts.push({ name: r.name, words: r.words, lowers: r.lowers, mentions: [] });
      }
      byName.set(key, idx);
    }
    r.ref = idx;
  }
  // Link every run (any judgement) whose words are the tail or the head of a known full name ("Downey" of "Robert
  // Downey Jr": the tail before a suffix).
  const bare = drafts.map((d) => (d.words.length > 2 && w.lex.suffixes.has(d.words[d.words.length - 1]!) ? d.lowers.slice(0, -1) : d.lowers));
  for (const r of runs) {
    if (r.ref >= 0 || r.article || r.rank || r.quoted || characters.has(r.lowName)) continue;
    for (let d = 0; d < drafts.length; d++) {
      const dw = drafts[d]!.words;
      if (endsWithWords(drafts[d]!.lowers, r.lowers) || endsWithWords(bare[d]!, r.lowers) || (r.words.length === 1 && dw[0] === r.words[0] && dw.length >= 2)) {
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
      drafts.push({ name: r.name, words: r.words, lowers: r.lowers, mentions: [] });
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
