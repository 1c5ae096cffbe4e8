/**
 * Training and measuring the person tagger (src/analyze/entities/person-tagger.ts): CoNLL-style sentences
 * re-tokenised by Verdict's own tokenizer, partly labelled review sentences (silver), an averaged structured
 * perceptron with constrained Viterbi for the unlabelled tokens, int16 weights, and entity-level scoring.
 */
import {
  allowed,
  emissions,
  MAX_FEATURES,
  nameCapable,
  scored,
  TAG_B,
  TAG_I,
  TAG_O,
  tokenFeatures,
  tokenViews,
  viterbi,
  type Gazetteers,
  type PersonTaggerHeader,
  type PersonTaggerModel,
  type SentenceRange,
  type TokenViews,
} from '../analyze/entities/person-tagger.ts';
import { seededRandom } from './seeded-random.ts';
import { TokenBuffer, tokenizeInto, type Tokens } from '../analyze/text/tokens.ts';

/** One training or test unit: a text, its tokens and sentences, and per token the tags it may take. */
export interface Example {
  text: string;
  tokens: Tokens;
  sentences: SentenceRange[];
  /** Per token: bit t set when tag t is allowed (1 bit set: labelled; 7: unknown). */
  allow: Uint8Array;
  /** For CoNLL sentences: the original token of each Verdict token, and the gold person spans over original tokens. */
  orig?: { tokenOf: Int32Array; gold: [number, number][]; count: number };
}

const ALLOW_O = 1 << TAG_O;
const ALLOW_B = 1 << TAG_B;
const ALLOW_I = 1 << TAG_I;
export const ALLOW_ANY = ALLOW_O | ALLOW_B | ALLOW_I;

const NO_SPACE_BEFORE = new Set(["'s", '’s', "'", '’', 'n\'t', '.', ',', ';', ':', '!', '?', ')', "'re", "'ve", "'ll", "'m", "'d"]);

/** Gold person spans `[from, to)` over the source tokens, from IO or BIO tags; `isPerson` reads a tag's type. */
export function personSpans(tags: readonly string[], isPerson: (type: string) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i]! : 'O';
    const bio = t.slice(0, 1);
    const type = t.length > 2 ? t.slice(2) : '';
    const person = t !== 'O' && isPerson(type);
    if (open >= 0 && (!person || bio === 'B')) {
      out.push([open, i]);
      open = -1;
    }
    if (person && open < 0) open = i;
  }
  return out;
}

/** A CoNLL sentence as one text (source tokens joined by spaces, possessives and closing marks attached). */
export function fromConll(tokens: readonly string[], tags: readonly string[], isPerson: (type: string) => boolean): Example {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tokens[i - 1]! : '';
    // "J ." → "J.", "Wiseman 's" → "Wiseman's".
    const attach = i > 0 && (NO_SPACE_BEFORE.has(t) || (t === '.' && /^\p{Lu}$/u.test(prev))) && !(t === "'" && !prev.endsWith('s'));
    if (i > 0 && !attach) text += ' ';
    starts.push(text.length);
    text += t;
    ends.push(text.length);
  }
  const buf = new TokenBuffer(tokens.length * 2 + 4);
  tokenizeInto(text, 0, text.length, buf);
  const tk = buf.finish();
  const tokenOf = new Int32Array(tk.count);
  let o = 0;
  for (let i = 0; i < tk.count; i++) {
    while (o + 1 < starts.length && starts[o + 1]! <= tk.start[i]!) o++;
    tokenOf[i] = o;
  }
  const gold = personSpans(tags, isPerson);
  const allow = new Uint8Array(tk.count).fill(ALLOW_O);
  for (const [f, t] of gold) {
    let first = true;
    for (let i = 0; i < tk.count; i++) {
      if (tokenOf[i]! < f || tokenOf[i]! >= t) continue;
      // A possessive ending split off ("Obama 's" inside one source token) stays with the name.
      allow[i] = first ? ALLOW_B : ALLOW_I;
      first = false;
    }
  }
  return { text, tokens: tk, sentences: [{ tokenStart: 0, tokenEnd: tk.count }], allow, orig: { tokenOf, gold, count: tokens.length } };
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  seed: number;
  gaz: Gazetteers;
  /** Called after each epoch. */
  progress?: (epoch: number, mistakes: number) => void;
}

export interface Trained {
  weights: Float64Array;
  trans: Float64Array;
}

interface Prepared {
  ex: Example;
  views: TokenViews;
}

/** Averaged structured perceptron; the gold path of a partly labelled sentence is the best path its labels allow. */
export function trainTagger(examples: readonly Example[], opts: TrainOptions): Trained {
  const size = (1 << opts.bits) * 3;
  const mask = (1 << opts.bits) - 1;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const tw = new Float64Array(12);
  const tu = new Float64Array(12);
  const prepared: Prepared[] = examples.map((ex) => ({ ex, views: tokenViews(ex.text, ex.tokens, ex.sentences, opts.gaz) }));
  // Tokens that cannot be part of a name are O for the tagger (a lower-case "justin bieber" keeps what it can).
  for (const { ex, views } of prepared) {
    for (let i = 0; i < views.n; i++) {
      if (scored(views, i)) continue;
      ex.allow[i] = ALLOW_O;
      if (i + 1 < views.n && ex.allow[i + 1] === ALLOW_I) ex.allow[i + 1] = ALLOW_B;
    }
  }
  let maxLen = 1;
  for (const p of prepared) for (const s of p.ex.sentences) maxLen = Math.max(maxLen, s.tokenEnd - s.tokenStart);
  const scores = new Float64Array(maxLen * 3);
  const feats = new Int32Array(MAX_FEATURES);
  const pred = new Uint8Array(maxLen);
  const gold = new Uint8Array(maxLen);
  const back = new Uint8Array(maxLen * 3);
  const rand = seededRandom(opts.seed);
  const order = prepared.map((_, i) => i);
  let c = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const idx of order) {
      const { ex, views } = prepared[idx]!;
      for (const s of ex.sentences) {
        const len = s.tokenEnd - s.tokenStart;
        if (len === 0) continue;
        emissions(views, s.tokenStart, s.tokenEnd, w, opts.bits, scores, feats);
        viterbi(scores, len, tw, pred, undefined, back);
        viterbi(scores, len, tw, gold, ex.allow.subarray(s.tokenStart, s.tokenEnd), back);
        let differ = false;
        for (let i = 0; i < len; i++) if (pred[i] !== gold[i]) differ = true;
        if (differ) {
          mistakes++;
          for (let i = 0; i < len; i++) {
            const g = gold[i]!;
            const p = pred[i]!;
            const gp = i === 0 ? 3 : gold[i - 1]!;
            const pp = i === 0 ? 3 : pred[i - 1]!;
            if (g !== p) {
              const nf = tokenFeatures(views, s.tokenStart, s.tokenEnd, s.tokenStart + i, mask, feats);
              for (let k = 0; k < nf; k++) {
                const at = feats[k]! * 3;
                w[at + g]! += 1;
                u[at + g]! += c;
                w[at + p]! -= 1;
                u[at + p]! -= c;
              }
            }
            if (g !== p || gp !== pp) {
              tw[gp * 3 + g]! += 1;
              tu[gp * 3 + g]! += c;
              tw[pp * 3 + p]! -= 1;
              tu[pp * 3 + p]! -= c;
            }
          }
        }
        c++;
      }
    }
    opts.progress?.(epoch, mistakes);
  }
  for (let i = 0; i < size; i++) w[i] = w[i]! - u[i]! / c;
  for (let i = 0; i < 12; i++) tw[i] = tw[i]! - tu[i]! / c;
  for (let p = 0; p < 4; p++) for (let t = 0; t < 3; t++) if (!allowed(p, t)) tw[p * 3 + t] = -1e9;
  return { weights: w, trans: tw };
}

/** int16 weights and the header numbers that go with them. */
export function quantize(t: Trained, bits: number, gazBits: number): { header: PersonTaggerHeader; weights: Int16Array } {
  let max = 0;
  for (let i = 0; i < t.weights.length; i++) max = Math.max(max, Math.abs(t.weights[i]!));
  const scale = max > 0 ? 32767 / max : 1;
  const q = new Int16Array(t.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(t.weights[i]! * scale);
  const trans = Array.from(t.trans, (x) => (x <= -1e8 ? -1e9 : Math.round(x * scale * 1000) / 1000));
  return { header: { format: 'ner.v1', bits, gazBits, trans, scale }, weights: q };
}

export function modelOf(t: Trained, bits: number, gaz: Gazetteers): PersonTaggerModel {
  const { header, weights } = quantize(t, bits, gaz.bits);
  return { bits, weights, trans: Float64Array.from(header.trans), gaz, scale: header.scale };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const f1 = (c: Counts): { p: number; r: number; f: number } => {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
};

/** Entity-level exact match over the source tokens: a predicted span counts where its first and last source tokens are a gold span's. */
export function scoreConll(tag: (ex: Example) => Uint8Array, examples: readonly Example[]): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const ex of examples) {
    if (!ex.orig) continue;
    const tags = tag(ex);
    const got = new Set<string>();
    for (let i = 0; i < tags.length; i++) {
      if (tags[i] !== TAG_B) continue;
      let j = i + 1;
      while (j < tags.length && tags[j] === TAG_I) j++;
      got.add(`${ex.orig.tokenOf[i]!}:${ex.orig.tokenOf[j - 1]! + 1}`);
    }
    const want = new Set(ex.orig.gold.map(([f, t]) => `${f}:${t}`));
    for (const g of got) if (want.has(g)) c.tp++;
    else c.fp++;
    for (const g of want) if (!got.has(g)) c.fn++;
  }
  return c;
}

/** True for a token that a review sentence leaves unlabelled in silver data: a capitalised word, or any first word. */
export function mayBeName(views: TokenViews, i: number): boolean {
  return nameCapable(views.shape[i]!, views.flags[i]! & ~2);
}
