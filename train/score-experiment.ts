/**
 * The review's 0–100 score from its text: which estimate is closest to the critic's own rating on films the
 * models never saw. Compares the shipped way (the calibrated probability of fresh through the score curve) with a
 * learned regression onto the critics' normalised ratings over the same hashed n-grams, raw and stretched.
 *
 *   node train/score-experiment.ts [--bits 20] [--epochs 4] [--norm 1]
 *
 * Protocol: rt_flatiron films held out by id (20%, salt `eval-films`, as `verdict eval consensus`); a protocol
 * sentiment model is trained without them (cached in $TMPDIR/verdict-score-proto); the regression trains on the
 * other films' rated snippets and IMDB train (stars ×10); measured on the held-out films' rated snippets and on
 * IMDB test. Experiment only: nothing is written to models/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { parseRating } from '../src/analyze/rating/index.ts';
import { docBuckets, scoreSentiment } from '../src/analyze/sentiment/index.ts';
import { sentimentFromParts, type SentimentHeader } from '../src/analyze/sentiment/model.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { inTestSplit, loadRtFlatiron } from '../src/learn/data.ts';
import { buildSentiment } from '../src/learn/sentiment-build.ts';
import { shuffled } from '../src/learn/sentiment.ts';
import { EMPTY_MODEL, type Model } from '../src/analyze/model.ts';

const { values: args } = parseArgs({ options: { bits: { type: 'string', default: '20' }, epochs: { type: 'string', default: '4' }, norm: { type: 'string', default: '1' }, lr: { type: 'string', default: '0.05' }, l2: { type: 'string', default: '1e-6' } } });
const BITS = Number(args.bits);
const EPOCHS = Number(args.epochs);
const NORM = Number(args.norm);
const LR = Number(args.lr);
const L2 = Number(args.l2);
const log = (s: string): void => console.error(s);

const heldOut = (film: string): boolean => inTestSplit(film, 0.2, 'eval-films');
const cache = `${tmpdir()}/verdict-score-proto/`;
if (!existsSync(`${cache}header.json`)) {
  log('training the protocol sentiment model without the held-out films (cached)…');
  const built = await buildSentiment(log, { heldOutFilms: heldOut, clause: false });
  mkdirSync(cache, { recursive: true });
  writeFileSync(`${cache}header.json`, JSON.stringify(built.header));
  writeFileSync(`${cache}weights.bin`, built.weights);
  writeFileSync(`${cache}char.bin`, built.charWeights);
}
const header = JSON.parse(readFileSync(`${cache}header.json`, 'utf8')) as SentimentHeader;
const charBytes = readFileSync(`${cache}char.bin`);
const proto: Model = { ...EMPTY_MODEL, sentiment: sentimentFromParts(header, readFileSync(`${cache}weights.bin`), null, charBytes.byteLength ? charBytes : null) };

interface Row {
  text: string;
  film: string;
  /** The critic's rating, 0–100. */
  target: number;
}
const rt = await loadRtFlatiron();
const rated: Row[] = [];
for (const r of rt) {
  const p = r.rating ? parseRating(r.rating) : null;
  if (p?.status === 'parsed') rated.push({ text: r.text, film: r.group, target: p.normalized });
}
const imdbStars = (id: string): number => Number(/_(\d+)$/.exec(id)![1]);
const imdb = async (split: 'train' | 'test'): Promise<Row[]> => {
  const { loadJsonlGz, dataFile } = await import('../src/node/data.ts');
  const rows = await loadJsonlGz<{ id: string; text: string; url: string }>(dataFile(`imdb/imdb_${split}.jsonl.gz`));
  return rows.map((r) => ({ text: r.text, film: r.url, target: imdbStars(r.id) * 10 }));
};
const rtTrain = rated.filter((r) => !heldOut(r.film));
const rtTest = rated.filter((r) => heldOut(r.film));
const imdbTrain = await imdb('train');
const imdbTest = await imdb('test');
log(`rated snippets: ${rtTrain.length} train, ${rtTest.length} held-out films; IMDB ${imdbTrain.length} / ${imdbTest.length}`);

const mask = (1 << BITS) - 1;
interface Ex {
  b: Int32Array;
  y: number;
  /** Short (snippet) or long: each has its own bias. */
  long: number;
  scale: number;
}
const exOf = (r: Row): Ex => {
  const doc = readDoc(r.text);
  const b = docBuckets(doc, mask);
  let tokens = 0;
  for (const s of doc.sentences) if (s.repeatOf < 0) tokens += s.tokenEnd - s.tokenStart;
  return { b, y: (r.target - 50) / 50, long: tokens >= 80 ? 1 : 0, scale: NORM === 0 ? 1 : 1 / Math.pow(Math.max(1, b.length), NORM / 2) };
};
const train = [...rtTrain, ...imdbTrain].map(exOf);
log(`featurised ${train.length}`);

// Linear regression with AdaGrad, squared loss, L2 on touched weights; a bias per length class.
const w = new Float32Array(mask + 1);
const g2 = new Float32Array(mask + 1).fill(1e-8);
const bias = [0, 0];
const bg2 = [1e-8, 1e-8];
const predict = (e: Ex): number => {
  let z = 0;
  for (let i = 0; i < e.b.length; i++) z += w[e.b[i]!]!;
  return bias[e.long]! + z * e.scale;
};
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = shuffled(train.length, 100 + epoch);
  let loss = 0;
  for (const i of order) {
    const e = train[i]!;
    const err = predict(e) - e.y;
    loss += err * err;
    const gb = err;
    bg2[e.long] += gb * gb;
    bias[e.long] -= (LR * gb) / Math.sqrt(bg2[e.long]!);
    const g = err * e.scale;
    for (let k = 0; k < e.b.length; k++) {
      const j = e.b[k]!;
      const gj = g + L2 * w[j]!;
      g2[j] += gj * gj;
      w[j] -= (LR * gj) / Math.sqrt(g2[j]!);
    }
  }
  log(`epoch ${epoch + 1}: rmse ${(50 * Math.sqrt(loss / train.length)).toFixed(2)} points`);
}
const regScore = (text: string): number => Math.min(100, Math.max(0, 50 + 50 * predict(exOf({ text, film: '', target: 50 }))));

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
const pearson = (a: number[], b: number[]): number => {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0, sa = 0, sb = 0;
  for (let i = 0; i < a.length; i++) {
    s += (a[i]! - ma) * (b[i]! - mb);
    sa += (a[i]! - ma) ** 2;
    sb += (b[i]! - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
};
const pctl = (xs: number[], q: number): number => [...xs].sort((x, y) => x - y)[Math.floor(q * (xs.length - 1))]!;

/** A monotone stretch fitted on the training side: the regression's quantiles onto the ratings' quantiles. */
function quantileMap(pred: number[], truth: number[]): (x: number) => number {
  const ps = [...pred].sort((a, b) => a - b);
  const ts = [...truth].sort((a, b) => a - b);
  const knots = 20;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k <= knots; k++) {
    const q = Math.min(ps.length - 1, Math.floor((k / knots) * (ps.length - 1)));
    xs.push(ps[q]!);
    ys.push(ts[Math.min(ts.length - 1, Math.floor((k / knots) * (ts.length - 1)))]!);
  }
  return (x: number) => {
    if (x <= xs[0]!) return ys[0]!;
    for (let i = 1; i < xs.length; i++) if (x <= xs[i]!) return ys[i - 1]! + ((x - xs[i - 1]!) / (xs[i]! - xs[i - 1]! || 1)) * (ys[i]! - ys[i - 1]!);
    return ys[ys.length - 1]!;
  };
}

const curveScore = (text: string): number => scoreSentiment(readDoc(text), proto, null).verdict!.score;
const probability = (text: string): number => {
  const v = scoreSentiment(readDoc(text), proto, null).verdict!;
  return v.fresh ? v.confidence : 1 - v.confidence;
};
/** Two-fold cross-fitted quantile stretch of `x` onto `truth` (each half mapped by the other half's quantiles). */
function crossStretch(x: number[], truth: number[]): number[] {
  const half = shuffled(x.length, 7);
  const side = new Uint8Array(x.length);
  half.forEach((idx, pos) => (side[idx] = pos % 2));
  const out = new Array<number>(x.length);
  for (const s of [0, 1]) {
    const fitIdx = x.map((_r, i) => i).filter((i) => side[i] !== s);
    const f = quantileMap(fitIdx.map((i) => x[i]!), fitIdx.map((i) => truth[i]!));
    for (let i = 0; i < x.length; i++) if (side[i] === s) out[i] = f(x[i]!);
  }
  return out;
}
let rtPMap: ((x: number) => number) | null = null;
function report(name: string, rows: Row[], filmMin: number): void {
  const truth = rows.map((r) => r.target);
  const a = rows.map((r) => curveScore(r.text));
  const reg = rows.map((r) => regScore(r.text));
  // Stretched by a map fitted on the other half of the rows (two folds), never on the row itself.
  const stretched = crossStretch(reg, truth);
  const pr = rows.map((r) => probability(r.text));
  const lp = pr.map((q) => Math.log(Math.max(1e-4, q) / Math.max(1e-4, 1 - q)));
  const pStretch = crossStretch(lp, truth);
  if (!rtPMap) rtPMap = quantileMap(lp, truth);
  const pRtMap = lp.map((x) => rtPMap!(x));
  const combo = crossStretch(lp.map((x, i) => x / 4 + (reg[i]! - 50) / 25), truth);
  const mae = (p: number[]): number => mean(p.map((x, i) => Math.abs(x - truth[i]!)));
  log(`\n${name}: ${rows.length} rated reviews; ratings mean ${mean(truth).toFixed(1)} sd ${sd(truth).toFixed(1)}, p10–p90 ${pctl(truth, 0.1)}–${pctl(truth, 0.9)}`);
  log('| estimate | MAE | Pearson | sd | p10–p90 | film MAE |');
  for (const [n, p] of [['score curve of p (shipped)', a], ['regression', reg], ['regression, quantile stretch', stretched], ['p, quantile stretch', pStretch], ['p, rt films\' quantile map', pRtMap], ['p + regression, stretch', combo]] as const) {
    const byFilm = new Map<string, { t: number[]; p: number[] }>();
    rows.forEach((r, i) => {
      let f = byFilm.get(r.film);
      if (!f) byFilm.set(r.film, (f = { t: [], p: [] }));
      f.t.push(truth[i]!);
      f.p.push(p[i]!);
    });
    const films = [...byFilm.values()].filter((f) => f.t.length >= filmMin);
    const filmMae = mean(films.map((f) => Math.abs(mean(f.t) - mean(f.p))));
    log(`| ${n} | ${mae(p).toFixed(2)} | ${pearson(p, truth).toFixed(3)} | ${sd(p).toFixed(1)} | ${pctl(p, 0.1).toFixed(0)}–${pctl(p, 0.9).toFixed(0)} | ${films.length ? `${filmMae.toFixed(2)} (${films.length} films)` : "—"} |`);
  }
}
report('rt_flatiron films held out by id', rtTest, 10);
report('IMDB test (stars × 10)', imdbTest.filter((_r, i) => i % 5 === 0), 10);
for (const t of ['This is the worst film ever made. Utterly awful.', 'A dull, lifeless sequel.', 'A masterpiece, the best film of the year.', 'Fine, if forgettable.']) log(`${t} → curve ${curveScore(t)}, regression ${regScore(t).toFixed(0)}`);
{
  const rows = imdbTest.filter((_r, i) => i % 5 === 0);
  const ps = rows.map((r) => probability(r.text)).sort((a, b) => a - b);
  for (const q of [0.99, 0.995, 0.997, 0.999]) log(`IMDB test: share of p below ${q}: ${(ps.filter((x) => x < q).length / ps.length).toFixed(3)}`);
  const bal = probability(readFileSync(new URL('../examples/ballerina.txt', import.meta.url), 'utf8'));
  log(`ballerina p ${bal.toFixed(4)}, IMDB rank ${(ps.filter((x) => x < bal).length / ps.length).toFixed(3)}`);
}
