/**
 * The analyser's word tables as model data: the raw shapes of the files in models/lexicons/ (read by
 * src/node/load-model.ts), validated and compiled once per loaded model into the lookup tables the stages use.
 * The rules that derive tables from the listed words (comparatives, adverbs, one-lookup flag tables) live here,
 * so a change of words is a change of data and of the model version, not of code.
 */
import type { AspectId, CreditRole, Spoiler } from './card.ts';
import { ASPECT_IDS } from './card.ts';
import { ErrorCode, VerdictError } from './errors.ts';

type Reason = Spoiler['reason'];

/** The plain word sets of the aspect and clause rules (function words and cues each rule reads; notes in the file). */
type AspectWordSet = 'negationBridge' | 'denying' | 'longBefore' | 'mockVerbs' | 'patienceVerbs' | 'deniers' | 'denialBridge' | 'likeness' | 'beforeSubject' | 'copulas' | 'personCues' | 'nameObjectCues' | 'carryingPronouns' | 'personPronouns';
/** The plain word sets of the entity rules. */
type EntityWordSet = 'determiners' | 'capParticles' | 'suffixes' | 'titleBefore' | 'orgTails' | 'aliasVerbs' | 'listJoiners' | 'subjectPronouns' | 'personal' | 'strongAfter' | 'contractions' | 'watchVerbs' | 'leaders' | 'filmPossessed' | 'connectors' | 'subjectNext' | 'referenceBefore' | 'castLinks' | 'asBlockers' | 'clauseBreaks' | 'castNouns' | 'filmBy' | 'roleOf';

/** models/lexicons/aspects.json: hand-compiled tables of the aspect and clause stages. */
export interface AspectLexiconFile extends Record<AspectWordSet, string[]> {
  aspectTerms: { aspect: AspectId; words: string[] }[];
  /** Two-token terms, each "first second". */
  aspectBigrams: { aspect: AspectId; terms: string[] }[];
  selfOpinion: { aspect: AspectId; value: number; words: string[] }[];
  opinion: { value: number; words: string[] }[];
  negators: string[];
  intensifiers: { value: number; words: string[] }[];
  clauseWords: string[];
  clausePunct: string[];
  otherFilm: string[];
  titleHeads: string[];
  genreHeads: string[];
  subjectVerbs: string[];
  directingVerbs: string[];
  filmmakers: string[];
}

/** models/lexicons/opinion-sst.json: opinion words drawn from SST by train/aspects-lexicon.ts. */
export interface SstLexiconFile {
  positive: string[];
  negative: string[];
  mildPositive: string[];
  mildNegative: string[];
}

/** models/lexicons/entities.json: hand-compiled tables of the entity stage. */
export interface EntityLexiconFile extends Record<EntityWordSet, string[]> {
  /** Names, as written, that reviews set like titles but that are no film and no person (awards, television shows). */
  notFilms?: string[];
  stop: string[];
  particles: string[];
  ranks: string[];
  roleNouns: Record<string, CreditRole>;
  byRoles: Record<string, CreditRole>;
  crewVerbs: Record<string, CreditRole>;
  crewOf: Record<string, CreditRole>;
  personAfter: string[];
  personPossessed: string[];
  playVerbs: string[];
  placeBefore: string[];
  seriesNouns: string[];
  franchiseNouns: string[];
  cues: Partial<Record<keyof typeof CUE, string[]>>;
}

/** models/lexicons/entity-words.json: the large lists drawn from ../shared/data by train/entities-lexicon.ts. */
export interface EntityWordsFile {
  common: string[];
  given: string[];
  /** Place names, as written ("Hong Kong", "Brazil"); absent from files made before them. */
  places?: string[];
}

/** models/lexicons/quotes.json: hand-compiled tables of the quote and spoiler stage. */
export interface QuoteLexiconFile {
  dangling: string[];
  superlative: string[];
  firstPerson: string[];
  spoilerWords: { reason: Reason; words: string[] }[];
  spoilerPairs: { reason: Reason; pairs: string[] }[];
  spoilerTriples: Record<string, string[]>;
  events: string[];
}

/** Every lexicon file, by its name under models/lexicons/ (without `.json`). */
export interface LexiconFiles {
  aspects: AspectLexiconFile;
  'opinion-sst': SstLexiconFile;
  entities: EntityLexiconFile;
  'entity-words': EntityWordsFile;
  quotes: QuoteLexiconFile;
}

export const LEXICON_FILES = ['aspects', 'opinion-sst', 'entities', 'entity-words', 'quotes'] as const satisfies readonly (keyof LexiconFiles)[];

/** Per-token cue flags of the entity stage, looked up once per token when its word view is built. */
export const CUE = { chrono: 1, part: 2, series: 4, pronoun: 8, directing: 16 } as const;

/** Per-word flags of the clause and aspect readers (`AspectLexicon.wordCodes`): one lookup answers every table. */
export const WORD = { hit: 1, candidate: 2, intensifier: 4, negator: 8, denying: 16, negationBridge: 32, opinionValue: 64, opinion: 128, aspectTerm: 256, selfOpinion: 512, otherFilm: 1024, filmmaker: 2048, clauseWord: 4096, clausePunct: 8192 } as const;

/**
 * The WORD flags as an open-addressing table by the word's FNV-1a hash, checked against the word on a hit: cheaper
 * per token than a string Map (the aspect stage looks up every token of every review).
 */
export interface WordTable {
  readonly mask: number;
  /** Index into `words` and `codes` by slot, -1 where empty. */
  readonly slots: Int32Array;
  readonly hashes: Int32Array;
  readonly words: readonly string[];
  readonly codes: Uint16Array;
}

/** FNV-1a over a word's UTF-16 code units. */
export function wordHash(w: string): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 16777619);
  return h;
}

/** The WORD flags of `w` in `t` (0 when it has none). */
export function wordTableGet(t: WordTable, w: string): number {
  const h = wordHash(w);
  for (let s = h & t.mask; ; s = (s + 1) & t.mask) {
    const k = t.slots[s]!;
    if (k < 0) return 0;
    if (t.hashes[s] === h && t.words[k] === w) return t.codes[k]!;
  }
}

function wordTable(codes: ReadonlyMap<string, number>): WordTable {
  let size = 16;
  while (size < codes.size * 4) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  const words = [...codes.keys()];
  for (let k = 0; k < words.length; k++) {
    const h = wordHash(words[k]!);
    let s = h & mask;
    while (slots[s]! >= 0) s = (s + 1) & mask;
    slots[s] = k;
    hashes[s] = h;
  }
  return { mask, slots, hashes, words, codes: Uint16Array.from(words, (w) => codes.get(w)!) };
}

type Words = ReadonlySet<string>;

export interface AspectLexicon extends Readonly<Record<AspectWordSet, ReadonlySet<string>>> {
  aspectTerms: ReadonlyMap<string, AspectId>;
  /** Key "first_second". */
  aspectBigrams: ReadonlyMap<string, AspectId>;
  bigramFirst: Words;
  bigramSecond: Words;
  selfOpinion: ReadonlyMap<string, readonly [AspectId, number]>;
  /** The hand table over the SST strong words (±0.8) over the mild ones (±0.5), with comparatives. */
  opinion: ReadonlyMap<string, number>;
  /** Every word with a value of its own in one table (opinion, self-opinion, adverbs of opinion words). */
  opinionValue: ReadonlyMap<string, number>;
  /** Words that can make an opinion hit: opinion words, aspect terms and "long". */
  hitWords: Words;
  /** Every word the aspect finder can name an aspect for, besides hyphenated compounds. */
  aspectCandidates: Words;
  /** WORD flags of every word in the tables above and below that has one. */
  wordCodes: WordTable;
  negators: Words;
  intensifiers: ReadonlyMap<string, number>;
  clauseWords: Words;
  clausePunct: Words;
  otherFilm: Words;
  titleHeads: Words;
  genreHeads: Words;
  subjectVerbs: Words;
  directingVerbs: Words;
  filmmakers: Words;
}

export interface EntityLexicon extends Readonly<Record<EntityWordSet, ReadonlySet<string>>> {
  common: Words;
  /** Stored capitalised; matched as written. */
  given: Words;
  /**
   * Place names and the lexicon's `notFilms`, matched as written: a capitalised run that is one is no person, joins
   * no name list and is no film title unless the film index has that film.
   */
  places: Words;
  stop: Words;
  particles: Words;
  ranks: Words;
  roleNouns: ReadonlyMap<string, CreditRole>;
  byRoles: ReadonlyMap<string, CreditRole>;
  crewVerbs: ReadonlyMap<string, CreditRole>;
  crewOf: ReadonlyMap<string, CreditRole>;
  personAfter: Words;
  personPossessed: Words;
  playVerbs: Words;
  placeBefore: Words;
  seriesNouns: Words;
  franchiseNouns: Words;
  cueFlags: ReadonlyMap<string, number>;
}

export interface QuoteLexicon {
  dangling: Words;
  /** First person (1), superlative (2) and aspect term (4) in one table: one lookup per word of a quote. */
  quoteFlags: ReadonlyMap<string, number>;
  spoilerSingle: ReadonlyMap<string, Reason>;
  spoilerPairs: ReadonlyMap<string, Reason>;
  pairFirst: Words;
  spoilerTriples: ReadonlyMap<string, Words>;
  events: Words;
  /** Every word the spoiler scan looks at (a cue, an event or the first word of a pair). */
  spoilerWords: Words;
}

/** The compiled word tables of one model. */
export interface Lexicon {
  aspects: AspectLexicon;
  entities: EntityLexicon;
  quotes: QuoteLexicon;
}

const invalid = (what: string): never => {
  throw new VerdictError(ErrorCode.MODEL_INVALID, `lexicon: ${what}`);
};

function strings(x: unknown, what: string): string[] {
  if (!Array.isArray(x) || !x.every((w) => typeof w === 'string')) return invalid(`${what}: expected an array of strings`);
  return x;
}

function groups<K extends string>(x: unknown, what: string, key: K): ({ [P in K]: string[] } & Record<string, unknown>)[] {
  if (!Array.isArray(x)) return invalid(`${what}: expected an array`);
  for (const g of x as Record<string, unknown>[]) strings(g?.[key], `${what}.${key}`);
  return x as ({ [P in K]: string[] } & Record<string, unknown>)[];
}

const ASPECTS: ReadonlySet<string> = new Set(ASPECT_IDS);
const aspectOf = (a: unknown, what: string): AspectId => (typeof a === 'string' && ASPECTS.has(a) ? (a as AspectId) : invalid(`${what}: unknown aspect ${String(a)}`));
const numberOf = (v: unknown, what: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : invalid(`${what}: expected a number`));

/** The comparatives and superlatives of one-word adjectives ("flatter", "sillier", "dullest"). */
function comparatives(w: string): string[] {
  const VOWEL = /[aeiou]/;
  return w.endsWith('e')
    ? [`${w}r`, `${w}st`]
    : w.endsWith('y') && !VOWEL.test(w[w.length - 2]!)
      ? [`${w.slice(0, -1)}ier`, `${w.slice(0, -1)}iest`]
      : /[^aeiou][aeiou][bdfgklmnprt]$/.test(w) && w.length <= 4
        ? [`${w}${w.at(-1)}er`, `${w}${w.at(-1)}est`]
        : [`${w}er`, `${w}est`];
}

/** The words that read back to `base` as adverbs ("…ily" → "…y", else "…ly" dropped), longer than six letters. */
function adverbsOf(base: string): string[] {
  const candidates = [`${base}ly`, ...(base.endsWith('y') ? [`${base.slice(0, -1)}ily`] : [])];
  return candidates.filter((w) => w.length > 6 && (w.endsWith('ily') ? `${w.slice(0, -3)}y` : w.slice(0, -2)) === base);
}

function compileAspects(f: AspectLexiconFile, sst: SstLexiconFile): AspectLexicon {
  const aspectTerms = new Map<string, AspectId>();
  for (const g of groups(f.aspectTerms, 'aspectTerms', 'words')) for (const w of g.words) aspectTerms.set(w, aspectOf(g.aspect, 'aspectTerms'));
  const aspectBigrams = new Map<string, AspectId>();
  for (const g of groups(f.aspectBigrams, 'aspectBigrams', 'terms')) {
    for (const t of g.terms) {
      if (!/^\S+ \S+$/.test(t)) invalid(`aspectBigrams: "${t}" is not two words`);
      aspectBigrams.set(t.replace(' ', '_'), aspectOf(g.aspect, 'aspectBigrams'));
    }
  }
  const selfOpinion = new Map<string, readonly [AspectId, number]>();
  for (const g of groups(f.selfOpinion, 'selfOpinion', 'words')) for (const w of g.words) selfOpinion.set(w, [aspectOf(g.aspect, 'selfOpinion'), numberOf(g.value, 'selfOpinion')] as const);
  const opinion = new Map<string, number>();
  for (const w of strings(sst.mildPositive, 'mildPositive')) if (!aspectTerms.has(w)) opinion.set(w, 0.5);
  for (const w of strings(sst.mildNegative, 'mildNegative')) if (!aspectTerms.has(w)) opinion.set(w, -0.5);
  for (const w of strings(sst.positive, 'positive')) opinion.set(w, 0.8);
  for (const w of strings(sst.negative, 'negative')) opinion.set(w, -0.8);
  for (const g of groups(f.opinion, 'opinion', 'words')) for (const w of g.words) opinion.set(w, numberOf(g.value, 'opinion'));
  // Comparatives and superlatives of one-word adjectives, where not listed.
  for (const [w, v] of [...opinion]) {
    if (w.includes('-') || w.endsWith('ly') || w.length < 3 || w.length > 8) continue;
    for (const c of comparatives(w)) if (!opinion.has(c)) opinion.set(c, v);
  }
  // Adverbs first, then self-opinion words, then opinion words: each later table wins.
  const opinionValue = new Map<string, number>();
  for (const [base, v] of opinion) for (const adverb of adverbsOf(base)) opinionValue.set(adverb, v);
  for (const [w, [, v]] of selfOpinion) opinionValue.set(w, v);
  for (const [w, v] of opinion) opinionValue.set(w, v);
  const intensifiers = new Map<string, number>();
  for (const g of groups(f.intensifiers, 'intensifiers', 'words')) for (const w of g.words) intensifiers.set(w, numberOf(g.value, 'intensifiers'));
  const bigramFirst = new Set([...aspectBigrams.keys()].map((k) => k.split('_')[0]!));
  const bigramSecond = new Set([...aspectBigrams.keys()].map((k) => k.split('_')[1]!));
  const hitWords = new Set([...opinionValue.keys(), ...aspectTerms.keys(), 'long']);
  const aspectCandidates = new Set(['long', 'time', 'action', 'telling', 'comedy', 'shot', 'filmed', 'framed', 'lit', 'line', 'lines', 'looks', 'look', 'looked', ...bigramFirst, ...bigramSecond, ...aspectTerms.keys(), ...selfOpinion.keys()]);
  const negators = new Set(strings(f.negators, 'negators'));
  const otherFilm = new Set(strings(f.otherFilm, 'otherFilm'));
  const negationBridge = new Set(strings(f.negationBridge ?? [], 'negationBridge'));
  const denying = new Set(strings(f.denying ?? [], 'denying'));
  const filmmakers = new Set(strings(f.filmmakers, 'filmmakers'));
  const clauseWords = new Set(strings(f.clauseWords, 'clauseWords'));
  const clausePunct = new Set(strings(f.clausePunct, 'clausePunct'));
  const wordCodes = new Map<string, number>();
  const flag = (ws: Iterable<string>, bit: number): void => {
    for (const w of ws) wordCodes.set(w, (wordCodes.get(w) ?? 0) | bit);
  };
  flag(hitWords, WORD.hit);
  flag(aspectCandidates, WORD.candidate);
  flag(intensifiers.keys(), WORD.intensifier);
  flag(negators, WORD.negator);
  flag(denying, WORD.denying);
  flag(negationBridge, WORD.negationBridge);
  flag(opinionValue.keys(), WORD.opinionValue);
  flag(opinion.keys(), WORD.opinion);
  flag(aspectTerms.keys(), WORD.aspectTerm);
  flag(selfOpinion.keys(), WORD.selfOpinion);
  flag(otherFilm, WORD.otherFilm);
  flag(filmmakers, WORD.filmmaker);
  flag(clauseWords, WORD.clauseWord);
  flag(clausePunct, WORD.clausePunct);
  return {
    aspectTerms,
    aspectBigrams,
    bigramFirst,
    bigramSecond,
    selfOpinion,
    opinion,
    opinionValue,
    hitWords,
    // The words aspectAt (aspects/index.ts) reads by rule, besides the tables.
    aspectCandidates,
    wordCodes: wordTable(wordCodes),
    negators,
    intensifiers,
    clauseWords,
    clausePunct,
    otherFilm,
    titleHeads: new Set(strings(f.titleHeads, 'titleHeads')),
    genreHeads: new Set(strings(f.genreHeads, 'genreHeads')),
    subjectVerbs: new Set(strings(f.subjectVerbs, 'subjectVerbs')),
    directingVerbs: new Set(strings(f.directingVerbs, 'directingVerbs')),
    filmmakers,
    negationBridge,
    denying,
    longBefore: new Set(strings(f.longBefore ?? [], 'longBefore')),
    mockVerbs: new Set(strings(f.mockVerbs ?? [], 'mockVerbs')),
    patienceVerbs: new Set(strings(f.patienceVerbs ?? [], 'patienceVerbs')),
    deniers: new Set(strings(f.deniers ?? [], 'deniers')),
    denialBridge: new Set(strings(f.denialBridge ?? [], 'denialBridge')),
    likeness: new Set(strings(f.likeness ?? [], 'likeness')),
    beforeSubject: new Set(strings(f.beforeSubject ?? [], 'beforeSubject')),
    copulas: new Set(strings(f.copulas ?? [], 'copulas')),
    personCues: new Set(strings(f.personCues ?? [], 'personCues')),
    nameObjectCues: new Set(strings(f.nameObjectCues ?? [], 'nameObjectCues')),
    carryingPronouns: new Set(strings(f.carryingPronouns ?? [], 'carryingPronouns')),
    personPronouns: new Set(strings(f.personPronouns ?? [], 'personPronouns')),
  };
}

const ROLES: ReadonlySet<string> = new Set<CreditRole>(['cast', 'director', 'writer', 'composer', 'cinematographer', 'producer', 'editor']);

function roleMap(x: unknown, what: string): Map<string, CreditRole> {
  if (typeof x !== 'object' || x === null) return invalid(`${what}: expected an object`);
  const m = new Map<string, CreditRole>();
  for (const [w, r] of Object.entries(x)) m.set(w, typeof r === 'string' && ROLES.has(r) ? (r as CreditRole) : invalid(`${what}: unknown role ${String(r)}`));
  return m;
}

function compileEntities(f: EntityLexiconFile, words: EntityWordsFile): EntityLexicon {
  const cueFlags = new Map<string, number>();
  for (const [name, flag] of Object.entries(CUE)) {
    for (const w of strings(f.cues?.[name as keyof typeof CUE] ?? [], `cues.${name}`)) cueFlags.set(w, (cueFlags.get(w) ?? 0) | flag);
  }
  return {
    common: new Set(strings(words.common, 'common')),
    given: new Set(strings(words.given, 'given')),
    places: new Set([...strings(words.places ?? [], 'places'), ...strings(f.notFilms ?? [], 'notFilms')]),
    stop: new Set(strings(f.stop, 'stop')),
    particles: new Set(strings(f.particles, 'particles')),
    ranks: new Set(strings(f.ranks, 'ranks')),
    roleNouns: roleMap(f.roleNouns, 'roleNouns'),
    byRoles: roleMap(f.byRoles, 'byRoles'),
    crewVerbs: roleMap(f.crewVerbs ?? {}, 'crewVerbs'),
    crewOf: roleMap(f.crewOf ?? {}, 'crewOf'),
    personAfter: new Set(strings(f.personAfter, 'personAfter')),
    personPossessed: new Set(strings(f.personPossessed, 'personPossessed')),
    playVerbs: new Set(strings(f.playVerbs, 'playVerbs')),
    placeBefore: new Set(strings(f.placeBefore, 'placeBefore')),
    seriesNouns: new Set(strings(f.seriesNouns, 'seriesNouns')),
    franchiseNouns: new Set(strings(f.franchiseNouns, 'franchiseNouns')),
    cueFlags,
    determiners: new Set(strings(f.determiners ?? [], 'determiners')),
    capParticles: new Set(strings(f.capParticles ?? [], 'capParticles')),
    suffixes: new Set(strings(f.suffixes ?? [], 'suffixes')),
    titleBefore: new Set(strings(f.titleBefore ?? [], 'titleBefore')),
    orgTails: new Set(strings(f.orgTails ?? [], 'orgTails')),
    aliasVerbs: new Set(strings(f.aliasVerbs ?? [], 'aliasVerbs')),
    listJoiners: new Set(strings(f.listJoiners ?? [], 'listJoiners')),
    subjectPronouns: new Set(strings(f.subjectPronouns ?? [], 'subjectPronouns')),
    personal: new Set(strings(f.personal ?? [], 'personal')),
    strongAfter: new Set(strings(f.strongAfter ?? [], 'strongAfter')),
    contractions: new Set(strings(f.contractions ?? [], 'contractions')),
    watchVerbs: new Set(strings(f.watchVerbs ?? [], 'watchVerbs')),
    leaders: new Set(strings(f.leaders ?? [], 'leaders')),
    filmPossessed: new Set(strings(f.filmPossessed ?? [], 'filmPossessed')),
    connectors: new Set(strings(f.connectors ?? [], 'connectors')),
    subjectNext: new Set(strings(f.subjectNext ?? [], 'subjectNext')),
    referenceBefore: new Set(strings(f.referenceBefore ?? [], 'referenceBefore')),
    castLinks: new Set(strings(f.castLinks ?? [], 'castLinks')),
    asBlockers: new Set(strings(f.asBlockers ?? [], 'asBlockers')),
    clauseBreaks: new Set(strings(f.clauseBreaks ?? [], 'clauseBreaks')),
    castNouns: new Set(strings(f.castNouns ?? [], 'castNouns')),
    filmBy: new Set(strings(f.filmBy ?? [], 'filmBy')),
    roleOf: new Set(strings(f.roleOf ?? [], 'roleOf')),
  };
}

const REASONS: ReadonlySet<string> = new Set<Reason>(['ending', 'death', 'twist', 'cameo', 'reveal']);
const reasonOf = (r: unknown, what: string): Reason => (typeof r === 'string' && REASONS.has(r) ? (r as Reason) : invalid(`${what}: unknown reason ${String(r)}`));

function compileQuotes(f: QuoteLexiconFile, aspectTerms: ReadonlyMap<string, AspectId>): QuoteLexicon {
  const quoteFlags = new Map<string, number>();
  const add = (w: string, flag: number): void => void quoteFlags.set(w, (quoteFlags.get(w) ?? 0) | flag);
  for (const w of strings(f.firstPerson, 'firstPerson')) add(w, 1);
  for (const w of strings(f.superlative, 'superlative')) add(w, 2);
  for (const w of aspectTerms.keys()) add(w, 4);
  const spoilerSingle = new Map<string, Reason>();
  for (const g of groups(f.spoilerWords, 'spoilerWords', 'words')) for (const w of g.words) spoilerSingle.set(w, reasonOf(g.reason, 'spoilerWords'));
  const spoilerPairs = new Map<string, Reason>();
  for (const g of groups(f.spoilerPairs, 'spoilerPairs', 'pairs')) for (const p of g.pairs) spoilerPairs.set(p, reasonOf(g.reason, 'spoilerPairs'));
  const pairFirst = new Set([...spoilerPairs.keys()].map((k) => k.split(' ')[0]!));
  const spoilerTriples = new Map<string, Words>();
  for (const [pair, ws] of Object.entries(f.spoilerTriples ?? {})) spoilerTriples.set(pair, new Set(strings(ws, `spoilerTriples.${pair}`)));
  const events = new Set(strings(f.events, 'events'));
  return {
    dangling: new Set(strings(f.dangling, 'dangling')),
    quoteFlags,
    spoilerSingle,
    spoilerPairs,
    pairFirst,
    spoilerTriples,
    events,
    spoilerWords: new Set([...spoilerSingle.keys(), ...events, ...pairFirst]),
  };
}

/** Validate and compile the lexicon files. A missing file reads as empty tables. */
export function compileLexicon(files: Partial<LexiconFiles>): Lexicon {
  const a = files.aspects ?? EMPTY_FILES.aspects;
  const aspects = compileAspects(a, files['opinion-sst'] ?? EMPTY_FILES['opinion-sst']);
  return {
    aspects,
    entities: compileEntities(files.entities ?? EMPTY_FILES.entities, files['entity-words'] ?? EMPTY_FILES['entity-words']),
    quotes: compileQuotes(files.quotes ?? EMPTY_FILES.quotes, aspects.aspectTerms),
  };
}

const EMPTY_FILES: LexiconFiles = {
  aspects: { negationBridge: [], denying: [], longBefore: [], mockVerbs: [], patienceVerbs: [], deniers: [], denialBridge: [], likeness: [], beforeSubject: [], copulas: [], personCues: [], nameObjectCues: [], carryingPronouns: [], personPronouns: [], aspectTerms: [], aspectBigrams: [], selfOpinion: [], opinion: [], negators: [], intensifiers: [], clauseWords: [], clausePunct: [], otherFilm: [], titleHeads: [], genreHeads: [], subjectVerbs: [], directingVerbs: [], filmmakers: [] },
  'opinion-sst': { positive: [], negative: [], mildPositive: [], mildNegative: [] },
  entities: { determiners: [], capParticles: [], suffixes: [], titleBefore: [], orgTails: [], aliasVerbs: [], listJoiners: [], subjectPronouns: [], personal: [], strongAfter: [], contractions: [], watchVerbs: [], leaders: [], filmPossessed: [], connectors: [], subjectNext: [], referenceBefore: [], castLinks: [], asBlockers: [], clauseBreaks: [], castNouns: [], filmBy: [], roleOf: [], stop: [], particles: [], ranks: [], roleNouns: {}, byRoles: {}, crewVerbs: {}, crewOf: {}, personAfter: [], personPossessed: [], playVerbs: [], placeBefore: [], seriesNouns: [], franchiseNouns: [], cues: {} },
  'entity-words': { common: [], given: [] },
  quotes: { dangling: [], superlative: [], firstPerson: [], spoilerWords: [], spoilerPairs: [], spoilerTriples: {}, events: [] },
};

/** No word tables: the stages still run, finding only what their rules find without words. */
export const EMPTY_LEXICON: Lexicon = compileLexicon({});
