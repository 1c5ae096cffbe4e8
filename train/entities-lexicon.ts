/**
 * Builds models/lexicons/entity-words.json, the entity stage's two word lists (data, with provenance), and
 * records it in models/MANIFEST.json:
 *
 * - common: words that IMDB reviewers write in lower case at least 75% of the time (≥ 25 occurrences in
 *   imdb/imdb_train, mid-sentence only). A capitalised run made of such words is more likely a title or a
 *   phrase ("Snake Eyes", "Broadcast News") than a person's name.
 * - given: first words of the person names in rt_flatiron (the `critic` column of rt_reviews and the
 *   `director` / `writer` columns of rt_movie_info), seen at least twice. Only given names are kept (never
 *   surnames), so the list cannot memorise the people of any review.
 *
 * Run: node_modules/.bin/node train/entities-lexicon.ts
 */
import { writeFileSync } from 'node:fs';
import { recordModelFiles } from '../src/learn/manifest.ts';
import { dataFile, readJsonlGz } from '../src/node/data.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';

const lower = new Map<string, number>();
const upper = new Map<string, number>();
const WORD = /([.!?"]\s+|^)?([A-Za-z]+)/g;
for await (const row of readJsonlGz<{ text: string }>(dataFile('imdb/imdb_train.jsonl.gz'))) {
  const text = row.text.replace(/<br \/>/g, ' ');
  for (const m of text.matchAll(WORD)) {
    if (m[1] !== undefined) continue; // sentence-initial: case says nothing
    const w = m[2]!;
    const key = w.toLowerCase();
    if (w === key) lower.set(key, (lower.get(key) ?? 0) + 1);
    else if (w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase()) upper.set(key, (upper.get(key) ?? 0) + 1);
  }
}
const common: string[] = [];
for (const [w, n] of lower) {
  const u = upper.get(w) ?? 0;
  if (n >= 25 && n / (n + u) >= 0.75 && w.length > 1) common.push(w);
}
common.sort();

const given = new Map<string, number>();
const addName = (name: string | null | undefined): void => {
  const first = name?.trim().split(/\s+/)[0];
  if (first && /^[A-Z][a-z]+$/.test(first)) given.set(first, (given.get(first) ?? 0) + 1);
};
const critics = new Set<string>();
for await (const r of readJsonlGz<{ critic: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) if (r.critic) critics.add(r.critic);
for (const c of critics) addName(c);
for await (const r of readJsonlGz<{ director: string | null; writer: string | null }>(dataFile('rt_flatiron/rt_movie_info.jsonl.gz'))) {
  for (const f of [r.director, r.writer]) if (f) for (const n of f.split('|')) addName(n);
}
const names = [...given].filter(([, n]) => n >= 2).map(([w]) => w).sort();

// Places: location spans of the person-recogniser corpora's training parts (wikigold's first 80%, WNUT-17 train
// and dev, BTC), seen at least twice and never as a person there; not a common word ("Reading"); no single word
// that is a given name ("Sydney"), ends a person's name in those corpora ("Jordan") or a cast member's in the
// film data ("Washington").
const placeCount = new Map<string, number>();
const personSpans = new Set<string>();
const personLast = new Set<string>();
for (const [f, share] of [['ner/wikigold.jsonl.gz', 0.8], ['ner/wnut17_train.jsonl.gz', 1], ['ner/wnut17_dev.jsonl.gz', 1], ['ner/btc.jsonl.gz', 1]] as const) {
  const rows: { tokens: string[]; tags: string[] }[] = [];
  for await (const r of readJsonlGz<{ tokens: string[]; tags: string[] }>(dataFile(f))) rows.push(r);
  for (const r of rows.slice(0, Math.floor(rows.length * share))) {
    for (const span of spans(r.tokens, r.tags)) {
      if (span.kind === 'person') {
        personSpans.add(span.text);
        personLast.add(span.text.split(' ').pop()!);
      } else placeCount.set(span.text, (placeCount.get(span.text) ?? 0) + 1);
    }
  }
}
// Surnames of the film data's cast ("Washington", "Houston"): a single word that is one stays readable as a person.
const castSurnames = new Set<string>();
for await (const f of readJsonlGz<{ cast?: string[] }>(dataFile('films/wikipedia_films.jsonl.gz'))) for (const c of f.cast ?? []) if (c.includes(' ')) castSurnames.add(c.split(' ').pop()!);
const commonSet = new Set(common);
const givenSet = new Set(names);
const places = [...placeCount]
  .filter(([p, n]) => n >= 2 && /^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*)*$/u.test(p) && !personSpans.has(p) && !commonSet.has(p.toLowerCase()) && (p.includes(' ') || (!givenSet.has(p) && !personLast.has(p) && !castSurnames.has(p))))
  .map(([p]) => p)
  .sort();

/** Person and location spans of a tagged sentence (BIO or IO tags), joined with spaces. */
function spans(tokens: readonly string[], tags: readonly string[]): { kind: 'person' | 'place'; text: string }[] {
  const out: { kind: 'person' | 'place'; text: string }[] = [];
  let kind: 'person' | 'place' | null = null;
  let words: string[] = [];
  const flush = (): void => {
    if (kind && words.length) out.push({ kind, text: words.join(' ') });
    kind = null;
    words = [];
  };
  tags.forEach((t, i) => {
    const k = /PER|person/.test(t) ? 'person' : /LOC|location/.test(t) ? 'place' : null;
    if (!k) return flush();
    if (t.startsWith('B-') || k !== kind) flush();
    kind = k;
    words.push(tokens[i]!);
  });
  flush();
  return out;
}

const file = {
  about: "The entity stage's two large word lists. common: words written in lower case ≥ 75% of the time mid-sentence in imdb/imdb_train (≥ 25 times). given: first words of person names in rt_flatiron (critic, director and writer columns), seen ≥ 2 times; stored capitalised, matched as written. places: location names of the person-recogniser corpora's training parts (ner/: wikigold's first 80%, WNUT-17 train and dev, BTC), seen ≥ 2 times and never as a person, less common words and single words that are given names or end a person's name there or in the film data's cast; matched as written (a capitalised run that is one is a place, not a person).",
  provenance: "../shared/data (imdb/imdb_train.jsonl.gz, rt_flatiron/rt_reviews.jsonl.gz, rt_flatiron/rt_movie_info.jsonl.gz, ner/{wikigold,wnut17_train,wnut17_dev,btc}.jsonl.gz: CC BY 4.0; see its README.md). Generated by `node train/entities-lexicon.ts`; do not edit by hand. Optional: the recogniser works without them, less well.",
  common,
  given: names,
  places,
};
const out = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(`${MODELS_DIR}lexicons/entity-words.json`, out);
recordModelFiles(MODELS_DIR, { 'lexicons/entity-words.json': { what: 'entity stage: words usually written in lower case (IMDB train), given names (rt_flatiron) and place names (ner/)', source: 'node train/entities-lexicon.ts' } });
console.log(`common words ${common.length}, given names ${names.length}, places ${places.length}, ${out.length} bytes`);
