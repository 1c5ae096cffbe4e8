/**
 * Reads a Wikipedia film article's lead paragraphs (the `extract` of ../shared/data/films) into credits and
 * series facts: directors, writers, studios and distributors, the cast the lead names, "A as B" pairs, and the
 * series the film belongs to with its order and the film it follows. Hand-written rules over the lead's
 * stock phrasing ("directed by", "the sequel to X (2019)", "the fourth installment in the Y franchise").
 */

export type SeriesRelation = 'sequel' | 'prequel' | 'spin-off' | 'installment' | 'remake' | 'reboot';

export interface ExtractFacts {
  /** The year the lead's first sentence gives the film ("is a 2003 American … film"), null when none. */
  year: number | null;
  directors: string[];
  writers: string[];
  studios: string[];
  /** People the lead names as cast (star lists, "A as B"), in order of appearance. */
  cast: string[];
  /** [actor, character] as the lead states them ("Keanu Reeves as the eponymous character" → the title). */
  roles: [string, string][];
  /** Authors of the work the film is based on ("based on the 1815 novel of the same name by Jane Austen"). */
  authors: string[];
  /** Series name as written, cleaned ("Pixar's Toy Story series" → "Toy Story"); null when none is named. */
  series: string | null;
  /** Position in the series ("the fourth installment"), null when not stated. */
  order: number | null;
  relation: SeriesRelation | null;
  /** The film this one is the sequel to (or follows), as written, with its year when the lead gives it. */
  previous: { title: string; year: number | null } | null;
  /** The film this one is a prequel to / spin-off of. */
  related: { title: string; year: number | null } | null;
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** "fourth" → 4, "twenty-fourth" → 24, "29th" → 29. */
export function ordinalValue(word: string): number | null {
  const w = word.toLowerCase();
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(w);
  if (digits) return Number(digits[1]);
  if (ORDINALS[w] !== undefined) return ORDINALS[w]!;
  const m = /^([a-z]+)-([a-z]+)$/.exec(w);
  if (m && TENS[m[1]!] !== undefined && ORDINALS[m[2]!] !== undefined && ORDINALS[m[2]!]! < 10) return TENS[m[1]!]! + ORDINALS[m[2]!]!;
  return null;
}

// A capitalised word of a name ("McShane", "D'Antonio", "Jean-Pierre", "Skarsgård"), an initial ("H.B.", "J."),
// a particle inside a name ("de", "van der"), a suffix ("Jr.").
const CAP = String.raw`(?:(?:Dr|Mr|Mrs|Ms|Sgt|Capt|Col|Gen|Lt|Prof|Rev)\.(?=\s+\p{Lu})|\p{Lu}(?:\.\p{Lu})*\.|\p{Lu}[\p{L}'’\-]*\p{L}|\p{Lu})`;
const PARTICLE = String.raw`(?:de|da|das|do|dos|di|del|della|van|von|der|den|la|le|du|bin|al|ten|ter|y|St\.)`;
const NICK = String.raw`(?:"[^"]{1,24}"\s+|“[^”]{1,24}”\s+)`;
const SUFFIX = String.raw`(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))`;
/** A person's name of two words or more (or one capitalised word, captured separately). */
const NAME = String.raw`${CAP}(?:\s+${NICK}?(?:${PARTICLE}\s+){0,2}${CAP}){0,4}${SUFFIX}?`;
const NAME_RE = new RegExp(`^${NAME}`, 'u');

/**
 * The character a title names, for "as the title character": the whole title when it is a name ("Oliver Twist",
 * "Camille"), the name after "of" or a comma ("The Life of David Gale" → David Gale, "Think Fast, Mr. Moto" →
 * Mr. Moto), else none ("The Falcon Strikes Back" names no one by its words).
 */
export function titleCharacter(title: string): string | null {
  if (new RegExp(`^${NAME}$`, 'u').test(title) && !/^(?:The|A|An)\s|['’]s\b/u.test(title)) return title;
  // Not "of the Jungle", nor one word after a comma ("The Jerk, Too").
  const of = new RegExp(`\\bof\\s+(${NAME})$`, 'u').exec(title);
  if (of) return of[1]!;
  const comma = new RegExp(`,\\s+(${NAME})$`, 'u').exec(title);
  return comma && comma[1]!.includes(' ') ? comma[1]! : null;
}
const SEP_RE = /^(?:,\s+and\s+|,\s+&\s+|\s+and\s+|\s+&\s+|,\s+)/;
const COMPANY_SEP_RE = /^(?:,\s+and\s+|\s+and\s+|\s+for\s+|\s+in\s+association\s+with\s+|\s+with\s+|,\s+)/;
/** Words that start a capitalised run but are not names. */
const NOT_NAME = new Set(['The', 'It', 'This', 'In', 'A', 'An', 'He', 'She', 'They', 'His', 'Her', 'Their', 'Its', 'Set', 'Based', 'Produced', 'Directed', 'Written', 'Starring', 'After', 'Following', 'Filming', 'Principal', 'Released', 'When', 'While', 'As', 'At', 'On', 'With']);
/** Company words: a run with one of them is a studio, not a person. */
const COMPANY = /\b(?:Pictures|Picture|Studios?|Films?|Entertainment|Productions?|Animation|Company|Corporation|Corp\.|Inc\.|Media|Features|Releasing|Distribution|Distributors|Bros\.|Brothers|Fox|Paramount|Universal|Columbia|Warner|Disney|MGM|Metro-Goldwyn-Mayer|RKO|Netflix|Lionsgate|Lions Gate|A24|Miramax|Amazon|Apple|Pixar|DreamWorks|Republic|Monogram|Mutual|Vitagraph|Essanay|Biograph|Selig|Kalem|Thanhouser|Edison|Triangle|Artcraft|Goldwyn|Selznick|Screen Gems|Focus|Searchlight|Summit|TriStar|Orion|Cannon|Dimension|New Line|Legendary|Blumhouse|Relativity|STX|Neon|IFC|Magnolia|Roadside|Annapurna|HBO|Hulu|Peacock|Max|Television|Channel|Network|Group|Studio|Associates|Pathé|Pathe|Artists|International|Industries|Enterprises|Classics|Releasing|Cinema|Films)\b/u;

/**
 * A descriptor noun between a capitalised run and the name it describes ("South Park creators Trey Parker"). Not
 * "stars", which is the verb after a title ("Directed by Fernando Trueba, Two Much stars Antonio Banderas").
 */
const DESCRIBES = /^[\s-]+(?:(?:co-)?creators?|(?:co-)?star|actors?|actress(?:es)?|singers?|rappers?|comedians?|comediennes?|musicians?|songwriters?|wrestlers?|alumni|alums?|veterans?|newcomers?|icons?|legends?|winners?|nominees?|personalit(?:y|ies)|(?:film\s+)?directors?|filmmakers?|host|hosts)\s+(?=\p{Lu})/u;

/** A list of names from `at` in `text`: "Joel and Ethan Coen" → both; stops at the first thing that is not one. */
export function nameList(text: string, at: number, { companies = false } = {}): { names: string[]; end: number } {
  // A lone word that ends a full name elsewhere in the text is that surname ("McQueen and Abi Morgan"), not a
  // given name sharing the next surname ("Joel and Ethan Coen").
  const surnameElsewhere = (w: string): boolean => new RegExp(`\\p{Lu}[\\p{L}.'’-]*\\s+${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'u').test(text);
  const names: string[] = [];
  let i = at;
  let pendingFirst: string[] = [];
  for (;;) {
    const rest = text.slice(i);
    const m = NAME_RE.exec(rest);
    if (!m) break;
    let name = m[0].replace(/\s+/g, ' ').trim();
    // A name never swallows the next sentence: "Stahelski." ends it (initials keep their stops).
    const words = name.split(' ');
    if (NOT_NAME.has(words[0]!)) break;
    // A company name may hold "of", "the", "and": read it as one run ("Walt Disney Studios Motion Pictures").
    if (companies) {
      const c = /^(?:(?:Bros\.|Inc\.|Co\.|Corp\.|Ltd\.|[\p{Lu}0-9][\p{L}0-9'’\-&]*)(?:\s+(?:of|the|&|de|del)\s+(?=[\p{Lu}0-9]))?(?:\s+(?=[\p{Lu}0-9])|\s*$|(?=[,.;)\s])))+/u.exec(rest);
      if (c && c[0].trim().length > name.length && (COMPANY.test(c[0]) || /^\S*\d/.test(c[0]))) name = c[0].trim().replace(/\s+/g, ' ');
    }
    let consumed = rest.indexOf(name.split(' ').pop()!) + name.split(' ').pop()!.length;
    if (consumed < name.length) consumed = m[0].trimEnd().length;
    // "South Park creators Trey Parker", "Puerto Rican singer Chayanne": the run describes the name after it.
    const described = DESCRIBES.exec(rest.slice(consumed));
    if (described) {
      i += consumed + described[0].length;
      continue;
    }
    // "Joe and Anthony Russo": a lone given name shares the next name's surname.
    if (!companies && words.length === 1 && !COMPANY.test(name)) {
      const after = rest.slice(consumed);
      const sep = /^(?:\s+and\s+|\s+&\s+)/.exec(after);
      const comma = /^,\s+/.exec(after);
      if ((comma && !pendingFirst.length) || (sep && !pendingFirst.length && surnameElsewhere(name))) {
        // A one-word stage name in a list ("Common, Laurence Fishburne").
        names.push(name);
        i += consumed + (comma ?? sep)![0].length;
        continue;
      }
      if (sep) {
        pendingFirst.push(name);
        i += consumed + sep[0].length;
        continue;
      }
      break;
    }
    if (pendingFirst.length) {
      const parts = name.split(' ');
      if (parts.length === 2) for (const f of pendingFirst) names.push(`${f} ${parts[1]}`);
      pendingFirst = [];
    }
    if (name.endsWith('.') && !/(?:\p{Lu}\.|Jr\.|Sr\.|Inc\.|Bros\.|Corp\.|Co\.|St\.)$/u.test(name)) name = name.slice(0, -1);
    names.push(name);
    i += consumed;
    const sep = (companies ? COMPANY_SEP_RE : SEP_RE).exec(text.slice(i));
    if (!sep) break;
    i += sep[0].length;
  }
  return { names, end: i };
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

function isCompany(name: string): boolean {
  return COMPANY.test(name);
}

/** Everything after each match of `re`, read as a list of names. */
function namesAfter(text: string, re: RegExp, skip?: (before: string) => boolean, companies = false): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (skip?.(before)) continue;
    out.push(...nameList(text, m.index + m[0].length, { companies }).names);
  }
  return out;
}

const DIRECTED = /\b(?:(?:co-)?directed|(?:(?:written|produced|co-written|edited|photographed|animated)(?:,\s+|\s+and\s+|,\s+and\s+))+(?:co-)?directed|directed(?:(?:,\s+|\s+and\s+|,\s+and\s+)(?:co-)?(?:written|produced|edited|co-written|co-produced|scripted))+)\s+by\s+/gi;
const WRITTEN = /\b(?:(?:co-)?written|(?:directed|produced)(?:,\s+|\s+and\s+|,\s+and\s+)(?:co-)?written|(?:co-)?written(?:,\s+|\s+and\s+|,\s+and\s+)(?:co-)?(?:directed|produced)(?:,?\s+and\s+(?:directed|produced))?|screenplay|script|scripted|teleplay|story|screen story)\s+(?:written\s+)?by\s+/gi;
/** Source works: "based on the novel written by" names an author, not a writer of the film. */
const SOURCE_WORK = /\b(?:novel|novels|book|books|play|memoir|comic|comics|article|stories|short story|manga|poem|musical|autobiography|biography|series|novella|song|graphic novel)\b[^.;]*$/i;
const DISTRIBUTED = /\b(?:distributed|released|produced|co-produced|financed|made)\s+(?:theatrically\s+|worldwide\s+|domestically\s+|internationally\s+)?(?:(?:on|in)\s+[\w\s,]{0,24}?\d{4},?\s+|\w+\s+)?(?:by|through)\s+/gi;
const DIRECTORIAL = /\b(?:the\s+)?(?:feature\s+)?directorial\s+debut\s+of\s+/gi;
const POSS_DEBUT = new RegExp(`(${NAME})['’]s?\\s+(?:feature\\s+)?(?:directorial\\s+debut|directing\\s+debut)`, 'gu');

const STARS = /\b(?:(?:it|film|feature|picture|movie|and|also|which|that)\s+(?:co-)?stars|starring|(?:co-)?starred|co-starring|(?:supporting|ensemble|voice|main)\s+cast\s+(?:includes|including|of|features)|features|featuring|(?:voices|voice talents)\s+of|stars)\s+/gi;

/** Read the lead paragraphs of one film's article. `title` helps read "the eponymous character". */
export function parseExtract(extract: string, title: string, listedCast: readonly string[] = []): ExtractFacts {
  const text = extract.replace(/\s+/g, ' ');
  const directors: string[] = [];
  for (const m of text.matchAll(DIRECTED)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    // "a remake of the 1950 film directed by …", "the 1995 film Bad Boys, directed by …": another film's director.
    if (/\b(?:remake of|based on|sequel to|prequel to|follow-up to|adaptation of|version of)\b[^.;]*$/i.test(before) && directors.length) continue;
    if (/\b(?:remake of|sequel to|prequel to|follow-up to)\s+(?:the\s+)?(?:\d{4}\s+)?(?:film|movie)?[^.;,]*$/i.test(before)) continue;
    // "directed by American director Benjamin Stoloff", "by filmmaker Todd Solondz".
    const desc = /^(?:(?:American|British|English|Canadian|French|Australian|Hollywood|Italian|German|Japanese|Mexican|Indian|first-time|veteran|independent)\s+)*(?:director|filmmaker|film-maker|stuntman|animator|actor|actress|cinematographer|screenwriter|writer|producer|comedian|choreographer|photographer|artist|musician)s?\s+/.exec(text.slice(m.index + m[0].length));
    const got = nameList(text, m.index + m[0].length + (desc?.[0].length ?? 0)).names.filter((n) => !isCompany(n));
    directors.push(...got);
    if (got.length) break;
  }
  // "co-directed by Yarrow Cheney", "with co-director X".
  for (const m of text.matchAll(/\b(?:co-directed\s+(?:\w+\s+)?by|(?:with|and)\s+co-directors?)\s+/g)) {
    if (directors.length) directors.push(...nameList(text, m.index + m[0].length).names.filter((n) => !isCompany(n)));
  }
  // "William K. Howard directed and …".
  if (!directors.length) {
    for (const m of text.matchAll(new RegExp(`(${NAME})\\s+(?:co-)?directed\\b(?!\\s+by)`, 'gu'))) {
      const name = m[1]!;
      if (name.includes(' ') && !NOT_NAME.has(name.split(' ')[0]!) && !isCompany(name)) {
        directors.push(name);
        break;
      }
    }
  }
  if (!directors.length) {
    for (const m of text.matchAll(DIRECTORIAL)) directors.push(...nameList(text, m.index + m[0].length).names.slice(0, 1));
    for (const m of text.matchAll(POSS_DEBUT)) if (!NOT_NAME.has(m[1]!.split(' ')[0]!)) directors.push(m[1]!);
  }
  const writers = namesAfter(text, WRITTEN, (b) => SOURCE_WORK.test(b.replace(/.*\b(?:film|movie|picture)\b/i, '')) || /\b(?:based\s+on|adapted\s+from|inspired\s+by)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}$/i.test(b)).filter((n) => !isCompany(n));
 const studios = namesAfter(text, DISTRIBUTED, undefined, true).filter((x) => (isCompany(x) || /^[\p{Lu}][\p{L}]*\d+$/u.test(x)) && !/^(?:Film|Films|Pictures|Studios?|Productions?|Entertainment|Media|Animation|Company|Television|Channel|Network|Group|Cinema)$/.test(x));
  for (const m of text.matchAll(/\b(?:an?|the)\s+((?:[\p{Lu}0-9][\p{L}0-9'’.\-&]*\s+){1,5})(?:release|production|presentation)\b/gu)) {
    const s = m[1]!.trim();
    if (isCompany(s)) studios.push(s);
  }

  // Cast named in the lead: star lists and "A as B".
  const cast: string[] = [];
  const roles: [string, string][] = [];
  const mainTitle = title.split(/\s*[:–—]\s+|\s+-\s+/)[0]!;
  for (const m of text.matchAll(STARS)) {
    let i = m.index + m[0].length;
    for (let guard = 0; guard < 40; guard++) {
      const { names, end } = nameList(text, i);
      if (!names.length) break;
      const last = names[names.length - 1]!;
      cast.push(...names.filter((n) => !isCompany(n) && n.split(' ').length >= 2));
      const as = /^\s+as\s+(?:(?:the|a|an|his|her)\s+)?/.exec(text.slice(end));
      if (!as) break;
      // The character: up to the next ", ", " and Name as", "alongside", "who", "." (the capitalised tail of a
      // description: "a ballerina and assassin Eve Macarro" → Eve Macarro).
      const from = end + as[0].length;
      const tail = text.slice(from);
      const stop = /,|;|(?<!\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Sgt|Capt|Col|Gen|Lt|Prof|Rev|\p{Lu}))\.(?:\s|$)|\s+(?:alongside|opposite|with|who|whose|which|while|in\s+(?:a|an|the|his|her)|and\s+(?=\p{Lu})|and\s+(?:introduces|also|features|co-stars))\b|\s+\(/u.exec(tail);
      const phrase = stop ? tail.slice(0, stop.index) : tail;
      let character: string | null = null;
      if (/^(?:eponymous|title|titular)\s+(?:character|role|hero|heroine)/i.test(phrase)) character = titleCharacter(mainTitle);
      else {
        const caps = [...phrase.matchAll(new RegExp(`${NAME}`, 'gu'))];
        const tailName = caps.length ? caps[caps.length - 1]! : null;
        if (tailName && tailName.index + tailName[0].length >= phrase.trimEnd().length - 1 && !NOT_NAME.has(tailName[0])) character = tailName[0].replace(/\.$/, '');
        else if (tailName && /^\p{Lu}/u.test(phrase)) character = tailName[0];
      }
      if (character && !isCompany(last)) roles.push([last, character]);
      // Next pair: ", B as C", " and B as C", ", alongside B, C".
      const next = /^(?:,?\s+alongside\s+(?:(?:an?\s+)?(?:ensemble\s+)?(?:supporting\s+)?cast\s+(?:including|of|that\s+includes)\s+)?|,\s+(?:and\s+)?|\s+and\s+)(?=\p{Lu})/u.exec(tail.slice(phrase.length));
      if (!next) break;
      i = from + phrase.length + next[0].length;
    }
  }
  // "Woody (Hanks)": a character with the surname of one of the film's people in brackets.
  const known = new Map<string, string>();
  for (const n of [...cast, ...listedCast]) known.set(n.split(' ').pop()!, n);
  for (const m of text.matchAll(new RegExp(`((?:${CAP}\\s+){0,2}${CAP})\\s+\\((${CAP}(?:\\s+${CAP})?)\\)`, 'gu'))) {
    const actor = known.get(m[2]!.split(' ').pop()!) ?? (m[2]!.includes(' ') && cast.includes(m[2]!) ? m[2]! : null);
    const ch = m[1]!.split(' ').filter((x, i) => i > 0 || !NOT_NAME.has(x)).join(' ');
    if (actor && ch && ch !== actor && !roles.some(([a]) => a === actor)) roles.push([actor, ch]);
  }

  const authors = sourceAuthors(text);
  const series = readSeries(text, title);
  const first = text.slice(0, 240);
  const y = /\b(?:is|was)\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}?(1[89]\d\d|20\d\d)\b/u.exec(first);
  return { year: y ? Number(y[1]) : null, directors: uniq(directors), writers: uniq(writers), studios: uniq(studios), cast: uniq(cast), roles, authors, ...series };
}

/** The source works a lead names after "based on", "adapted from", "an adaptation of", "inspired by". */
const BASED_ON = /\b(?:(?:based|loosely\s+based|partly\s+based)\s+(?:loosely\s+)?(?:up)?on|adapted\s+from|(?:an?\s+)?(?:film\s+)?adaptation\s+of|inspired\s+by|after(?=\s+(?:the|an?)\s+(?:\d{4}\s+)?(?:[\w-]+\s+){0,2}(?:novel|book|play|story|short story|novella|memoir|poem|comic)\b))\s+/gi;
const WORK = String.raw`(?:novel|novels|novella|book|books|play|stage play|memoir|comic|comics|comic book|short story|short stories|stories|story|poem|musical|autobiography|biography|graphic novel|manga|series|fairy tale|tale|article|essay)`;
/** "… novel of the same name by X", "… play by X" within the source phrase. */
const WORK_BY = new RegExp(`^[^.;]{0,120}?\\b${WORK}\\b[^.;]{0,60}?\\b(?:written\\s+)?by\\s+(?:(?:the\\s+)?(?:[\\p{L}-]+\\s+){0,3}?(?:author|novelist|writer|playwright|poet|cartoonist|journalist)\\s+)?`, 'u');
/** "… Stephen King's novel", "Jane Austen's 1815 novel". */
const POSS_WORK = new RegExp(`^(?:(?:the|a|an|both|elements\\s+of)\\s+)?(${NAME})['’]s?\\s+(?:\\d{4}\\s+)?(?:[\\p{L}-]+\\s+){0,2}?${WORK}\\b`, 'u');

/** The authors of the works the film is based on, as named in the lead (people only). */
function sourceAuthors(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASED_ON)) {
    const rest = text.slice(m.index + m[0].length);
    const poss = POSS_WORK.exec(rest);
    if (poss && !NOT_NAME.has(poss[1]!.split(' ')[0]!) && !isCompany(poss[1]!)) out.push(poss[1]!);
    const by = WORK_BY.exec(rest);
    if (by) out.push(...nameList(text, m.index + m[0].length + by[0].length).names.filter((n) => !isCompany(n)));
  }
  return uniq(out);
}

const ORD = String.raw`(\d+(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth)`;
const KIND = String.raw`(?:installment|instalment|entry|film|chapter|movie|feature|picture|part|sequel|release|short|adventure|outing|title)`;
const QUAL = String.raw`(?:(?:and\s+(?:final|last|penultimate|concluding)|main|full-length|overall|feature|feature-length|theatrical|live-action|animated|official|mainline|canonical|numbered|standalone|direct|chronological|final|last|new|overall|theatrically\s+released|[a-z]+-length)\s+)*`;
const INSTALLMENT = new RegExp(String.raw`\b(?:the\s+|a\s+|is\s+|as\s+)${ORD}\s+${QUAL}${KIND}s?\s+(?:overall\s+)?(?:in|of|from|within|for)\s+(?:the\s+)?([^.;,()]{2,80})`, 'giu');
const SERIES_IN = new RegExp(String.raw`\b(?:film|installment|instalment|entry|chapter)\s+(?:in|of)\s+the\s+([^.;,()]{2,60}?)\s+(?:film\s+series|franchise|series|saga|trilogy|film\s+franchise|cinematic\s+universe)\b`, 'giu');
const SPINOFF = /\b(?:a|the|is|as)\s+(?:standalone\s+)?(?:spin-?off|spinoff)(?:\s+(?:film|installment|instalment|entry|prequel|sequel))?\s+(?:within|of|from|to|in|set\s+in)\s+(?:the\s+)?([^.;,()]{2,80})/gi;
const TITLE_AFTER = String.raw`(?:(?:the\s+)?(?:(\d{4})\s+)?(?:American\s+)?(?:[a-z-]+\s+){0,3}?(?:film|movie|picture|feature)s?\s+|(?:(\d{4})['’]s\s+))?`;

/** "John Wick (2014)", "the 1931 film Dracula", "1984's Silent Night, Deadly Night" after a cue. */
function titleAt(text: string, at: number): { title: string; year: number | null } | null {
  const rest = text.slice(at);
  const named = /^(?:the\s+)?(\d{4})\s+((?:\p{Lu}[\p{L}'’!&-]*\s+){1,4})(?:film|movie)\b/u.exec(rest);
  if (named) return { title: named[2]!.trim(), year: Number(named[1]) };
  const lead = new RegExp(`^${TITLE_AFTER}`, 'u').exec(rest);
  let year: number | null = lead?.[1] ? Number(lead[1]) : lead?.[2] ? Number(lead[2]) : null;
  const body = rest.slice(lead?.[0].length ?? 0);
  // A title: capitalised words, small words inside, numbers, ":" and "–" subtitles; up to "(YEAR)" or a stop.
  const m = /^((?:["“]?[\p{Lu}0-9][\p{L}0-9'’.!?&-]*["”]?(?::|,)?(?:\s+(?:[–—-]\s+)?|$))(?:(?:(?:of|the|a|an|and|in|on|at|to|for|with|from|or|vs\.|&|is|by|de|la|le)\s+)*["“]?[\p{Lu}0-9][\p{L}0-9'’.!?&-]*["”]?(?::|,)?(?:\s+(?:[–—-]\s+)?|$))*)/u.exec(body);
  if (!m) return null;
  let title = m[1]!.trim();
  // A full stop after a word (not an initial or abbreviation) ends the sentence, and the title with it.
  const stop = /(?<!\b(?:\p{Lu}|Dr|Mr|Mrs|Ms|St|Jr|Sr|Vol|No|vs|Bros|Co|Inc))\.(?=\s|$)/u.exec(title);
  if (stop) title = title.slice(0, stop.index);
  title = title.replace(/[,:]$/, '').replace(/^["“]|["”]$/g, '');
  // A following clause is not the title: stop at a lower-case word (already) or a trailing "The"/"It".
  title = title.replace(/\s+(?:The|It|In|A|An|This|and)$/u, '');
  const yr = stop ? null : /^\s*\((\d{4})\)/.exec(body.slice(m[1]!.trimEnd().length));
  if (yr) year = Number(yr[1]);
  if (!title || /^(?:The|It|This|In|A)$/.test(title)) return null;
  // "sequel to the 2006 film, which …": the title is missing.
  return { title: title.replace(/\s+\d{4}$/, ''), year };
}

/** Series name as written → clean: "Pixar's Toy Story series" → "Toy Story"; "The Omen franchise" → "The Omen". */
export function cleanSeries(raw: string): string | null {
  let s = raw.trim().replace(/\s+/g, ' ');
  // A clause after the name ends it ("… series released by Columbia"); a small word inside a title does not
  // ("How to Train Your Dragon", "Alvin and the Chipmunks").
  s = s.replace(/\s+(?:released|produced|made|starring|directed|distributed|which|that|based|featuring|by|to|since|from|about|with|as|after|following|set|being|for|and)\s+(?!(?:the\s+)?\p{Lu}).*$/u, '');
  s = s.replace(/\s+(?:released|produced|made|starring|directed|distributed|which|that|based|featuring)\b.*$/u, '');
  // After the generic word a clause ends the name: "Kung Fu Panda franchise following Kung Fu Panda 3".
  s = s.replace(/(\s+(?:series|franchise|saga|trilogy))\s+(?:following|after|which|that|since|from|by|released|starring|with|and|behind)\s.*$/u, '$1');
  s = s.replace(/\s*\([^)]*\)?$/, '');
  s = s.replace(/^(?:\p{Lu}[\p{L}&.\s-]*?['’]s?\s+)(?=\p{Lu}|["“])/u, (m) => (/\b(?:Ocean|Charlotte|Schindler|Ender|Bridget Jones|Jones)['’]s?\s*$/.test(m) ? m : ''));
  s = s.replace(/^(?:\d{4}[–-]\d{2,4}\s+)?(?:[a-z]+-film\s+|[a-z]+-part\s+)?/u, '');
  s = s.replace(/^(?:anthological|original|main|animated|live-action|new|rebooted|American|long-running|popular)\s+/u, '');
  // Generic words go; a capitalised one is part of the name ("The Twilight Saga").
  for (let k = 0; k < 3; k++) s = s.replace(/\s+(?:film|films|movie|movies|media|sequel|prequel|original|reboot|main|animated|live-action)?\s*(?:series|franchise|saga|trilogy|quadrilogy|tetralogy|films|movies|film|continuity|timeline|cycle|anthology|shorts|serials|Series|Franchise|Films|Film)$/u, '');
  s = s.replace(/\s+(?:live-action|animated|original|main|film|theatrical)$/u, '');
  s = s.replace(/^["“]|["”]$/g, '').trim();
  if (!s || !/\p{Lu}|\d/u.test(s[0]!) || /^(?:series|franchise|film|saga|The|It)$/i.test(s)) return null;
  return s;
}

function readSeries(text: string, title: string): Pick<ExtractFacts, 'series' | 'order' | 'relation' | 'previous' | 'related'> {
  let series: string | null = null;
  let order: number | null = null;
  let relation: SeriesRelation | null = null;
  let previous: ExtractFacts['previous'] = null;
  let related: ExtractFacts['related'] = null;
  for (const m of text.matchAll(INSTALLMENT)) {
    const n = ordinalValue(m[1]!);
    const s = cleanSeries(m[2]!);
    // "the first film of Columbia's …", "the third of their four films together": a series must be named.
    if (n === null || !s || /^(?:\d|their|his|her|its|a |an )/.test(s) || isCompany(s)) continue;
    if (/\b(?:trilogy|series|franchise|saga|universe|films|Universe|sequel|cycle)\b/i.test(m[2]!) || /^(?:[\p{Lu}"“])/u.test(m[2]!)) {
      series = s;
      order = n;
      // "the tenth and penultimate main installment, and the eleventh film overall in the F franchise": the main count.
      const sentence = text.slice(Math.max(0, text.lastIndexOf('. ', m.index) + 1), m.index);
      const main = new RegExp(String.raw`\b${ORD}\s+(?:and\s+\w+\s+)?(?:main|mainline|numbered|main-series)\s+${KIND}`, 'iu').exec(sentence);
      if (main) order = ordinalValue(main[1]!) ?? order;
      relation = 'installment';
      break;
    }
  }
  if (!series) {
    for (const m of text.matchAll(SERIES_IN)) {
      const s = cleanSeries(m[1]!);
      if (s) {
        series = s;
        relation = 'installment';
        break;
      }
    }
  }
  if (!series) {
    // "the fifteenth Jungle Jim film", "the first film in the franchise of the same name", "of the Jackass franchise".
    const named = new RegExp(String.raw`\bthe\s+${ORD}\s+((?:\p{Lu}[\p{L}'’&-]*\s+){1,4})(?:film|picture|feature|entry|cartoon|short|movie)\b`, 'u').exec(text);
    const same = /\b(?:film|installment|instalment|entry)\s+(?:in|of)\s+the\s+(?:film\s+)?(?:series|franchise)\s+of\s+the\s+same\s+name\b/.exec(text);
    const of = /\b(?:of|in|within)\s+the\s+((?:\p{Lu}[\p{L}'’&:-]*\s+(?:(?:of|the|and)\s+)?){1,5})(?:film\s+series|franchise|film\s+franchise|media\s+franchise)\b/u.exec(text);
    const notSeries = (x: string): boolean => NOT_NAME.has(x.trim()) || isCompany(x) || /^(?:American|Hollywood|British|English|French|Canadian|Australian|Italian|German|Japanese|Technicolor|CinemaScope|Cinerama|Academy|Oscar|Broadway|Western|Christmas|Halloween|Easter)\b/u.test(x.trim());
    if (named && !notSeries(named[2]!)) {
      series = cleanSeries(named[2]!);
      order ??= ordinalValue(named[1]!);
    } else if (same) {
      series = title.split(/\s*[:–—]\s+/)[0]!;
      order ??= /\bfirst\s+film\b/.test(same[0]) || /\bthe\s+first\s+(?:film|installment)/.test(text) ? 1 : null;
    } else if (of && !notSeries(of[1]!)) series = cleanSeries(of[1]!);
    if (series) relation ??= 'installment';
  }
  const seq = /\b(?:(?:a|the|is|as|and|direct|standalone|belated|loose|contemporary)\s+)+(?:sequel|follow-up)\s+to\s+/gi.exec(text) ?? /\b(?:sequel|follow-up)\s+to\s+/i.exec(text);
  if (seq) {
    const at = seq.index + seq[0].length;
    let t = titleAt(text, at);
    // "the sequel to A (2011) and B (2014)": the later one is the film it directly follows.
    const two = /^[^.;]*?\(\d{4}\)\s+and\s+/.exec(text.slice(at));
    if (t && t.year && two) {
      const u = titleAt(text, at + two[0].length);
      if (u && u.year && u.year > t.year) t = u;
    }
    if (t) previous = t;
    relation = 'sequel';
  }
  const fol = /\b(?:It|The film|which|and)\s+(?:directly\s+)?follows\s+(?:the\s+events\s+of\s+)?/g;
  if (!previous) {
    for (const m of text.matchAll(fol)) {
      const t = titleAt(text, m.index + m[0].length);
      if (t && t.year) {
        previous = t;
        relation = 'sequel';
        break;
      }
    }
  }
  if (!previous) {
    const after = /\b(?:set|taking place|takes place)\s+(?:after|following)\s+the\s+events\s+of\s+/i.exec(text) ;
    if (after) {
      const t = titleAt(text, after.index + after[0].length);
      if (t && (t.year || /\bevents\b/.test(after[0]))) previous = t;
    }
  }
  const pre = /\b(?:a|the|is|as|and|serves\s+as\s+a)\s+(?:standalone\s+)?prequel\s+to\s+/i.exec(text) ?? /\bspin-?off\/prequel\s+to\s+/i.exec(text);
  if (pre) {
    const t = titleAt(text, pre.index + pre[0].length);
    if (t) related = t;
    if (!previous) {
      relation = 'prequel';
      // A prequel follows the earlier release it precedes in the story.
      if (t) previous = t;
    }
  }
  for (const m of text.matchAll(SPINOFF)) {
    const raw = m[1]!;
    const t = /\(\d{4}\)/.test(text.slice(m.index + m[0].length - raw.length, m.index + m[0].length + 8)) || !/\b(?:series|franchise|saga|trilogy|universe)\b/i.test(raw) ? titleAt(text, m.index + m[0].length - raw.length) : null;
    const s = cleanSeries(raw);
    if (!series && s && /\b(?:series|franchise|saga|trilogy|universe|films)\b/i.test(raw)) series = s;
    if (t && !related) related = t;
    if (!previous || relation !== 'sequel') relation = 'spin-off';
    break;
  }
  if (!relation) {
    if (/\b(?:a|the|is)\s+(?:\w+\s+)?reboot\s+of\b/i.test(text)) relation = 'reboot';
    else if (/\b(?:a|the|is)\s+(?:\w+\s+)?remake\s+of\b/i.test(text)) relation = 'remake';
  }
  if (previous && title && previous.title === title && previous.year === null) previous = null;
  return { series, order, relation, previous, related };
}
