/**
 * Small hand-written word tables of the entity stage (constant data; the larger generated lists are in
 * lexicon-data.ts). All lower-case.
 */
import { COMMON_WORDS, GIVEN_NAMES } from './lexicon-data.ts';

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Generated: words usually written in lower case (see lexicon-data.ts). */
export const COMMON: ReadonlySet<string> = set(COMMON_WORDS);
/** Generated: given names (see lexicon-data.ts). Stored capitalised; matched as written. */
export const GIVEN: ReadonlySet<string> = set(GIVEN_NAMES);

/** Function words and other words that never start or make a person's name, whatever their case. */
export const STOP = set(`
  a an the this that these those it its it's i i'm i've i'd me my we our you your he him his she her they them their
  and or but nor so yet if then than as at by for from in into of off on onto out over to up with without about
  after before between during under until upon within while when where which who whom whose what why how
  is are was were be been being am do does did done has have had having can could will would shall should may
  might must not no yes all any both each every few more most other some such only own same too very just also
  even ever never still here there now well oh ok okay madam
  one two three four five six seven eight nine ten first second third last next new old good bad great big little
  best worst better worse much many mom dad god jesus christ hell heaven oscar oscars academy
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august
  september october november december tv dvd vhs cgi imdb hbo netflix pg rated r
  american british english french german italian spanish russian chinese japanese korean indian irish scottish
  african asian european mexican canadian australian greek swedish danish dutch polish jewish christian muslim
  latin hispanic western eastern northern southern hollywood bollywood broadway
`);

/** Lower-case name particles that may sit inside a name ("Ana de Armas", "Max von Sydow"). */
export const PARTICLES = set('de da di del della der den van von du le la dos das bin ibn ter ten af zu');

/** Honorifics and ranks: a name they start is a character's more often than an actor's ("Agent Horrigan"). */
export const RANKS = set(`
  agent captain capt detective det officer sergeant sgt lieutenant lt colonel col general gen major doctor dr
  professor prof judge sheriff king queen prince princess count countess duke duchess emperor empress father
  mother sister brother uncle aunt grandma grandpa mr mrs ms miss sir lady lord saint president senator governor
  mayor chief commander admiral private corporal nurse coach
`);

/** Role words that introduce a credited person ("director Ted Post", "Dir./Writer Jose Reyes"). */
export const ROLE_NOUNS: ReadonlyMap<string, 'director' | 'writer' | 'composer' | 'cinematographer' | 'producer' | 'editor' | 'cast'> = new Map([
  ['director', 'director'], ['dir', 'director'], ['writer-director', 'director'], ['director-writer', 'director'], ['actor-director', 'director'], ['writer/director', 'director'], ['filmmaker', 'director'], ['helmer', 'director'], ['co-director', 'director'],
  ['writer', 'writer'], ['screenwriter', 'writer'], ['co-writer', 'writer'], ['scribe', 'writer'], ['novelist', 'writer'],
  ['composer', 'composer'], ['cinematographer', 'cinematographer'], ['dp', 'cinematographer'],
  ['producer', 'producer'], ['co-producer', 'producer'], ['editor', 'editor'],
  ['actor', 'cast'], ['actress', 'cast'], ['star', 'cast'], ['co-star', 'cast'], ['costar', 'cast'], ['newcomer', 'cast'],
]);

/** "<role phrase> by X" → role. Keys are the word before "by". */
export const BY_ROLES: ReadonlyMap<string, 'director' | 'writer' | 'composer' | 'cinematographer' | 'producer' | 'editor' | 'cast'> = new Map([
  ['directed', 'director'], ['helmed', 'director'], ['direction', 'director'],
  ['written', 'writer'], ['screenplay', 'writer'], ['script', 'writer'], ['penned', 'writer'], ['scripted', 'writer'],
  ['score', 'composer'], ['music', 'composer'], ['scored', 'composer'],
  ['cinematography', 'cinematographer'], ['photography', 'cinematographer'], ['camerawork', 'cinematographer'], ['shot', 'cinematographer'], ['lensed', 'cinematographer'],
  ['produced', 'producer'], ['edited', 'editor'], ['editing', 'editor'],
  ['played', 'cast'], ['portrayed', 'cast'], ['voiced', 'cast'],
]);

/** Words after a lone capitalised word that show it is a person ("Reeves is still great", "Gallo fan"). */
export const PERSON_AFTER = set(`
  is was isn't wasn't has had hasn't does did doesn't didn't can can't could couldn't will would plays played
  portrays portrayed directs directed gives gave delivers delivered brings brought makes made steals stole proves
  proved shines shone seems seemed remains looks looked manages managed turns turned acts acted sings sang
  fan fans himself herself co-stars stars starred
`);

/** Nouns after a possessive that show the owner is a person ("Gallo's genius", "Fellowes' direction"). */
export const PERSON_POSSESSED = set(`
  performance performances turn acting direction directing career debut genius talent character role roles
  face voice script screenplay score camera work films movies filmography oeuvre fans presence charm charisma
  physicality comic rushed
`);

/** Verbs after "X" in "X plays Y": the cast pattern. */
export const PLAY_VERBS = set('plays played portrays portrayed voices voiced is-playing essays essayed');

/** Words that, before a capitalised run, place it as a place, not a person ("in Europe", "from Moscow"). */
export const PLACE_BEFORE = set('in at from to near across around outside inside through toward towards via');

/** Heads of series references: "the Continental miniseries". */
export const SERIES_NOUNS = set('miniseries series show spin-off spinoff tv-series serial');

/** Franchise cues after a name: "the second John Wick spin-off", "the latest Fast & Furious entry". */
export const FRANCHISE_NOUNS = set(`
  franchise spin-off spinoff sequel prequel entry installment instalment film movie chapter series saga universe
  trilogy reboot outing adventure
`);

/** Per-token cue flags, looked up once per token when the words are built (see words.ts). */
export const CUE = { chrono: 1, part: 2, series: 4, pronoun: 8, directing: 16 } as const;
const cueTable = new Map<string, number>();
const flag = (words: string, f: number): void => {
  for (const x of words.split(' ')) cueTable.set(x, (cueTable.get(x) ?? 0) | f);
};
flag('between prequel sequel set place takes follows following picks picking', CUE.chrono);
flag('chapter part episode vol volume chapters parts', CUE.part);
flag('miniseries series show spin-off spinoff tv-series serial', CUE.series);
flag('his her he she', CUE.pronoun);
flag('directing directorial', CUE.directing);
export const CUE_FLAGS: ReadonlyMap<string, number> = cueTable;
