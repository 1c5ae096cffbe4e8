/**
 * Trains the person tagger (models/ner.v1.bin, models/ner.v1.json) and measures it.
 *
 * - Gazetteers (Bloom bit sets in the model): given names, surnames and full names of the cast lists of
 *   films/wikipedia_films and the director/writer/critic columns of rt_flatiron; words written in lower case
 *   mid-sentence ≥ 75% of the time in imdb/imdb_train.
 * - Gold sentences (PERSON only): wikigold (first 80%; the last 20% is held out), WNUT-17 train + dev, BTC.
 * - Silver review sentences: imdb_train and rt_flatiron reviews (never a text of test/fixtures/entities*, never
 *   titled/) where a cast full name of the film data occurs; those names and their single-word forms in the same
 *   review are labelled person, lower-case words are labelled O, other capitalised words are left open.
 * - Averaged structured perceptron, seeded; the shipped model is the measured one (WNUT-17 test and the wikigold
 *   hold-out never train it).
 *
 * Run: node_modules/.bin/node train/ner.ts [--no-write]
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { bloomAdd, GAZETTEER_SETS, hashString, pairHash, tagTokens, TAG_B, TAG_I, tokenViews, type Gazetteers, type PersonTaggerModel } from '../src/analyze/entities/person-tagger.ts';
import { seededRandom } from '../src/learn/seeded-random.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { tokenize } from '../src/analyze/text/tokens.ts';
import { dataFile, loadJsonlGz, readJsonlGz } from '../src/node/data.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';
import { parseExtract } from './film-extract.ts';
import { ALLOW_ANY, f1, fromConll, mayBeName, modelOf, quantize, scoreConll, trainTagger, type Example } from '../src/learn/ner.ts';

const BITS = Number(process.env.NER_BITS ?? 18);
const GAZ_BITS = 21;
const EPOCHS = Number(process.env.NER_EPOCHS ?? 8);
const SEED = 20261201;
const SILVER_IMDB = Number(process.env.NER_SILVER_IMDB ?? 6000);
const SILVER_RT = Number(process.env.NER_SILVER_RT ?? 6000);
const write = !process.argv.includes('--no-write');

const started = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);

// ---- Gazetteers ------------------------------------------------------------------------------------------------
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const fullNames = new Map<string, string[][]>(); // first word → name word lists (cast, for silver matching)
const firstCount = new Map<string, number>();
const lastCount = new Map<string, number>();
const pairs = new Set<string>();
const addPerson = (raw: string, forSilver: boolean): void => {
  const words = raw.trim().split(/\s+/).filter((x) => !SUFFIX.test(x));
  if (words.length < 2 || words.length > 4 || !words.every((x) => NAME_WORD.test(x) || /^(?:de|da|van|von|del|der|di|du|la|le)$/.test(x))) return;
  if (!NAME_WORD.test(words[0]!) || !NAME_WORD.test(words[words.length - 1]!) || words[0]!.length < 2) return;
  const first = words[0]!.toLowerCase();
  const last = words[words.length - 1]!.toLowerCase();
  firstCount.set(first, (firstCount.get(first) ?? 0) + 1);
  lastCount.set(last, (lastCount.get(last) ?? 0) + 1);
  pairs.add(`${first} ${last}`);
  if (forSilver && words.every((x) => NAME_WORD.test(x)) && words[words.length - 1]!.length >= 3) {
    const list = fullNames.get(words[0]!) ?? [];
    if (!list.some((l) => l.join(' ') === words.join(' '))) list.push(words);
    fullNames.set(words[0]!, list);
  }
};
let films = 0;
const filmRows: { title: string; cast: string[]; extract: string | null }[] = [];
for await (const f of readJsonlGz<{ title: string; cast: string[]; extract: string | null }>(dataFile('films/wikipedia_films.jsonl.gz'))) {
  films++;
  filmRows.push(f);
  for (const c of f.cast ?? []) addPerson(c, true);
}
// Characters: the pairs the films' lead paragraphs state, as the film index reads them ("A as B", "Woody (Hanks)").
const characterNames = new Map<string, string[][]>(); // first word → character name word lists (two words or more)
const characterWords = new Set<string>();
const characterPairs = new Set<string>();
const facts = filmRows.map((f) => (f.extract ? parseExtract(f.extract, f.title, f.cast ?? []) : null));
// The films' directors and writers are people too: a biopic's character of one of their names ("Toby Jones as
// Alfred Hitchcock") is not a character's name to read elsewhere. Unless the name is a character of several films
// and credits one film only: James Bond III wrote and directed Def by Temptation; James Bond stays a character.
const filmsOf = (names: (x: NonNullable<(typeof facts)[number]>) => string[]): Map<string, number> => {
  const n = new Map<string, number>();
  for (const x of facts) if (x) for (const name of new Set(names(x))) n.set(name, (n.get(name) ?? 0) + 1);
  return n;
};
const crewFilms = filmsOf((x) => [...x.directors, ...x.writers].map((n) => n.split(/\s+/).filter((w) => !SUFFIX.test(w)).join(' ')));
const characterFilms = filmsOf((x) => x.roles.map(([, c]) => c));
for (const [n, k] of crewFilms) if (k > 1 || (characterFilms.get(n) ?? 0) < 2) addPerson(n, false);
for (const x of facts) {
  if (!x) continue;
  for (const [, character] of x.roles) {
    if (!/^\p{Lu}/u.test(character)) continue;
    const ch = character.split(' ').filter((x) => !SUFFIX.test(x));
    if (ch.length === 0 || pairs.has(`${ch[0]!.toLowerCase()} ${ch[ch.length - 1]!.toLowerCase()}`)) continue;
    characterWords.add(ch[ch.length - 1]!.toLowerCase());
    if (ch.length >= 2) {
      characterPairs.add(`${ch[0]!.toLowerCase()} ${ch[1]!.toLowerCase()}`);
      const list = characterNames.get(ch[0]!) ?? [];
      if (!list.some((l) => l.join(' ') === ch.join(' '))) list.push(ch);
      characterNames.set(ch[0]!, list);
    }
  }
}
const critics = new Set<string>();
for await (const r of readJsonlGz<{ critic: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) if (r.critic) critics.add(r.critic);
for (const c of critics) addPerson(c, false);
for await (const r of readJsonlGz<{ director: string | null; writer: string | null }>(dataFile('rt_flatiron/rt_movie_info.jsonl.gz'))) {
  for (const f of [r.director, r.writer]) if (f) for (const n of f.split('|')) addPerson(n, false);
}
const lowerCount = new Map<string, number>();
const capCount = new Map<string, number>();
for await (const row of readJsonlGz<{ text: string }>(dataFile('imdb/imdb_train.jsonl.gz'))) {
  const text = row.text.replace(/<br \/>/g, ' ');
  const t = tokenize(text);
  for (let i = 1; i < t.count; i++) {
    if (t.kind[i] !== 1) continue;
    const prev = text.slice(t.start[i - 1]!, t.end[i - 1]!);
    if (t.kind[i - 1] === 3 && prev !== ',' && prev !== ';') continue; // after . ! ? " ( …: case says little
    const w = text.slice(t.start[i]!, t.end[i]!).replace(/['’]s$/, '');
    const lw = w.toLowerCase();
    if (w === lw) lowerCount.set(lw, (lowerCount.get(lw) ?? 0) + 1);
    else capCount.set(lw, (capCount.get(lw) ?? 0) + 1);
  }
}
const words = 1 << (GAZ_BITS - 5);
const gaz = { bits: GAZ_BITS } as Gazetteers;
for (const name of GAZETTEER_SETS) gaz[name] = new Uint32Array(words);
let nGiven = 0;
let nSurname = 0;
let nCommon = 0;
// Function words are no names, whatever a cast list says ("The Rock", "The Edge").
const FUNCTION_WORDS = new Set(
  'the a an this that these those and or but nor if when then than of in on at to for with by from as is it its he she they we you i me my his her their our your what who whom how why where there here so not no all some any one just also after before while although though even still yet now well oh up out over into about'.split(' '),
);
for (const w of FUNCTION_WORDS) {
  firstCount.delete(w);
  lastCount.delete(w);
  characterWords.delete(w);
}
for (const [w, n] of firstCount) {
  if (n < 2) continue;
  bloomAdd(gaz.given, GAZ_BITS, hashString(w));
  nGiven++;
}
for (const [w, n] of lastCount) {
  if (n < 2) continue;
  bloomAdd(gaz.surname, GAZ_BITS, hashString(w));
  nSurname++;
}
for (const w of characterWords) bloomAdd(gaz.character, GAZ_BITS, hashString(w));
for (const p of characterPairs) {
  const [a, b] = p.split(' ');
  bloomAdd(gaz.characterPair, GAZ_BITS, pairHash(hashString(a!), hashString(b!)));
}
for (const p of pairs) {
  const [a, b] = p.split(' ');
  bloomAdd(gaz.full, GAZ_BITS, pairHash(hashString(a!), hashString(b!)));
}
for (const [w, n] of lowerCount) {
  const u = capCount.get(w) ?? 0;
  if (n < 20 || n / (n + u) < 0.75) continue;
  bloomAdd(gaz.common, GAZ_BITS, hashString(w));
  nCommon++;
}
log(`gazetteers: ${films} films; ${nGiven} given names, ${nSurname} surnames, ${pairs.size} full names, ${nCommon} common words, ${characterWords.size} character words, ${characterNames.size} character first words`);

// ---- Gold sentences --------------------------------------------------------------------------------------------
type Conll = { tokens: string[]; tags: string[] };
const load = async (name: string): Promise<Conll[]> => loadJsonlGz<Conll>(dataFile(`ner/${name}.jsonl.gz`));
const PER = (t: string): boolean => t === 'PER' || t === 'person';
const wikigold = (await load('wikigold')).map((s) => fromConll(s.tokens, s.tags, PER));
const cut = Math.floor(wikigold.length * 0.8);
const wikiTrain = wikigold.slice(0, cut);
const wikiHeld = wikigold.slice(cut);
const wnutTrain = [...(await load('wnut17_train')), ...(await load('wnut17_dev'))].map((s) => fromConll(s.tokens, s.tags, PER));
const wnutTest = (await load('wnut17_test')).map((s) => fromConll(s.tokens, s.tags, PER));
const btc = (await load('btc')).map((s) => fromConll(s.tokens, s.tags, PER));
log(`gold: wikigold ${wikiTrain.length} train / ${wikiHeld.length} held out, WNUT-17 ${wnutTrain.length} train+dev / ${wnutTest.length} test, BTC ${btc.length}`);

// ---- Silver review sentences -----------------------------------------------------------------------------------
const fixtureDirs = ['test/fixtures/entities', 'test/fixtures/entities-v2'];
const excludedTexts = new Set<string>();
const excludedIds = new Set<string>();
for (const dir of fixtureDirs) {
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    for (const r of JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { source?: string; id?: string; text?: string }[]) {
      if (r.text) excludedTexts.add(r.text.trim());
      if (r.id !== undefined) excludedIds.add(`${r.source}:${r.id}`);
    }
  }
}

/** A review as a silver example, or null when no cast full name occurs in it. */
function silver(text: string): Example | null {
  const doc = readDoc(text);
  const t = doc.tokens;
  const v = tokenViews(doc.text, t, doc.sentences, null);
  const word = (i: number): string => doc.text.slice(t.start[i]!, v.wordEnd[i]!);
  const allow = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) allow[i] = mayBeName(v, i) || (v.flags[i]! & 2) === 2 ? ALLOW_ANY : 1;
  const labelled = new Uint8Array(t.count);
  const parts = new Set<string>();
  for (let i = 0; i < t.count; i++) {
    const cands = fullNames.get(word(i));
    if (!cands) continue;
    for (const name of cands) {
      if (i + name.length > t.count) continue;
      let ok = true;
      for (let k = 0; k < name.length && ok; k++) if (word(i + k) !== name[k] || (k < name.length - 1 && v.flags[i + k]! & 1)) ok = false;
      // A longer capitalised run ("Tom Hanks Jr Show") is not this name.
      if (ok && i + name.length < t.count && mayBeName(v, i + name.length) && v.pos[i + name.length]! > 0 && !(v.flags[i + name.length - 1]! & 1)) ok = false;
      if (ok && i > 0 && mayBeName(v, i - 1) && v.pos[i - 1]! > 0) ok = false;
      if (!ok) continue;
      for (let k = 0; k < name.length; k++) {
        allow[i + k] = k === 0 ? 1 << TAG_B : 1 << TAG_I;
        labelled[i + k] = 1;
      }
      parts.add(name[0]!);
      parts.add(name[name.length - 1]!);
      break;
    }
  }
  // Characters' names of the film data (not also a real person's name) are not people.
  const charParts = new Set<string>();
  for (let i = 0; i < t.count; i++) {
    if (labelled[i]) continue;
    const cands = characterNames.get(word(i));
    if (!cands) continue;
    for (const name of cands) {
      if (i + name.length > t.count) continue;
      let ok = true;
      for (let k = 0; k < name.length && ok; k++) if (word(i + k) !== name[k] || labelled[i + k] || (k < name.length - 1 && v.flags[i + k]! & 1)) ok = false;
      if (ok && i + name.length < t.count && mayBeName(v, i + name.length) && v.pos[i + name.length]! > 0 && !(v.flags[i + name.length - 1]! & 1)) ok = false;
      if (ok && i > 0 && mayBeName(v, i - 1) && v.pos[i - 1]! > 0) ok = false;
      if (!ok) continue;
      for (let k = 0; k < name.length; k++) {
        allow[i + k] = 1;
        labelled[i + k] = 2;
      }
      charParts.add(name[name.length - 1]!);
      break;
    }
  }
  if (parts.size === 0 && charParts.size === 0) return null;
  // Single-word mentions of those names elsewhere in the review.
  for (let i = 0; i < t.count; i++) {
    if (labelled[i] || !parts.has(word(i))) continue;
    const nextCap = i + 1 < t.count && mayBeName(v, i + 1) && !(v.flags[i]! & 1);
    const prevCap = i > 0 && mayBeName(v, i - 1) && v.pos[i - 1]! > 0 && !labelled[i - 1];
    if (nextCap || prevCap) continue;
    allow[i] = 1 << TAG_B;
    labelled[i] = 1;
  }
  for (let i = 0; i < t.count; i++) {
    if (labelled[i] || !charParts.has(word(i)) || parts.has(word(i))) continue;
    const nextCap = i + 1 < t.count && mayBeName(v, i + 1) && !(v.flags[i]! & 1);
    const prevCap = i > 0 && mayBeName(v, i - 1) && v.pos[i - 1]! > 0;
    if (nextCap || prevCap) continue;
    allow[i] = 1;
    labelled[i] = 2;
  }
  const sentences = doc.sentences.filter((s) => {
    for (let i = s.tokenStart; i < s.tokenEnd; i++) if (labelled[i]) return true;
    return false;
  });
  return { text: doc.text, tokens: t, sentences, allow };
}

const rand = seededRandom(SEED ^ 0x51);
const shuffle = <T>(xs: T[]): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};
const imdb = shuffle((await loadJsonlGz<{ id: string; text: string }>(dataFile('imdb/imdb_train.jsonl.gz'))).filter((r) => !excludedTexts.has(r.text.trim()) && !excludedIds.has(`imdb:${r.id}`)));
const rt = shuffle((await loadJsonlGz<{ id: number; review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))).filter((r) => r.review && !excludedTexts.has(r.review.trim()) && !excludedIds.has(`rt_flatiron:${r.id}`)));
const silverEx: Example[] = [];
let silverSentences = 0;
const take = (texts: string[], limit: number): void => {
  let got = 0;
  for (const text of texts) {
    if (got >= limit) break;
    const ex = silver(text);
    if (!ex) continue;
    silverEx.push(ex);
    silverSentences += ex.sentences.length;
    got++;
  }
};
take(imdb.map((r) => r.text), SILVER_IMDB);
take(rt.map((r) => r.review!), SILVER_RT);
log(`silver: ${silverEx.length} reviews, ${silverSentences} sentences with a cast name of the film data`);

// ---- Train and measure -----------------------------------------------------------------------------------------
const trainSet = [...wikiTrain, ...wnutTrain, ...btc, ...silverEx];
const trained = trainTagger(trainSet, { bits: BITS, epochs: EPOCHS, seed: SEED, gaz, progress: (e, m) => log(`epoch ${e + 1}: ${m} sentences wrong`) });
const model: PersonTaggerModel = modelOf(trained, BITS, gaz);
const tagWith = (m: PersonTaggerModel) => (ex: Example) => tagTokens(m, ex.text, ex.tokens, ex.sentences).tags;
const fmt = (c: { tp: number; fp: number; fn: number }): string => {
  const s = f1(c);
  return `P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f.toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
};
const scores = {
  wnut17Test: scoreConll(tagWith(model), wnutTest),
  wikigoldHeldOut: scoreConll(tagWith(model), wikiHeld),
};
log(`WNUT-17 test person: ${fmt(scores.wnut17Test)}`);
log(`wikigold held out (last 20%) person: ${fmt(scores.wikigoldHeldOut)}`);
void TAG_I;

if (write) {
  const { header, weights } = quantize(trained, BITS, GAZ_BITS);
  const bin = Buffer.concat([Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength), ...GAZETTEER_SETS.map((k) => gaz[k]).map((s) => Buffer.from(s.buffer, s.byteOffset, s.byteLength))]);
  writeFileSync(`${MODELS_DIR}ner.v1.bin`, bin);
  const out = {
    ...header,
    scores: Object.fromEntries(Object.entries(scores).map(([k, c]) => [k, { ...c, ...Object.fromEntries(Object.entries(f1(c)).map(([a, b]) => [a, Math.round(b * 1000) / 1000])) }])),
  };
  writeFileSync(`${MODELS_DIR}ner.v1.json`, `${JSON.stringify(out, null, 1)}\n`);
  const sha = (f: string): { sha256: string; bytes: number } => {
    const b = readFileSync(`${MODELS_DIR}${f}`);
    return { sha256: createHash('sha256').update(b).digest('hex'), bytes: b.length };
  };
  const manifestPath = `${MODELS_DIR}MANIFEST.json`;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
  manifest.files['ner.v1.bin'] = {
    ...sha('ner.v1.bin'),
    what: `person tagger: averaged-perceptron BIO weights (int16, little-endian, 2^${BITS} hashed buckets × 3 tags), then six 2^${GAZ_BITS}-bit Bloom sets (given names, surnames, full names, common words, characters' words, characters' two-word names)`,
    source: 'node train/ner.ts',
  };
  manifest.files['ner.v1.json'] = { ...sha('ner.v1.json'), what: 'person tagger header: buckets, transitions, int16 scale, held-out scores', source: 'node train/ner.ts' };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`wrote models/ner.v1.bin (${bin.length} bytes), models/ner.v1.json, MANIFEST.json`);
}

if (process.env.NER_DEBUG) {
  const show = (name: string, set: Example[]): void => {
    let shown = 0;
    for (const ex of set) {
      if (!ex.orig || shown > 40) continue;
      const tags = tagTokens(model, ex.text, ex.tokens, ex.sentences).tags;
      const got: string[] = [];
      for (let i = 0; i < tags.length; i++) {
        if (tags[i] !== TAG_B) continue;
        let j = i + 1;
        while (j < tags.length && tags[j] === TAG_I) j++;
        got.push(ex.text.slice(ex.tokens.start[i]!, ex.tokens.end[j - 1]!));
      }
      const want = ex.orig.gold.map(([f, t]) => {
        const ids = [...ex.orig!.tokenOf.keys()].filter((k) => ex.orig!.tokenOf[k]! >= f && ex.orig!.tokenOf[k]! < t);
        return ex.text.slice(ex.tokens.start[ids[0]!]!, ex.tokens.end[ids[ids.length - 1]!]!);
      });
      if (got.join('|') !== want.join('|')) {
        shown++;
        console.log(`${name}: want [${want.join(' | ')}] got [${got.join(' | ')}] :: ${ex.text.slice(0, 160)}`);
      }
    }
  };
  show('wiki', wikiHeld);
}
