/**
 * Builds the shipped sentiment model from all allowed data (never titled/): trains on 90% (by film for
 * Rotten Tomatoes, by film page for IMDB), fits calibration, the score curve and the rating map on the
 * held-out 10%, and returns the model's parts with the held-out scores it reached.
 */
import { parseRating } from '../src/analyze/rating/index.ts';
import { applyPlatt, sigmoid } from '../src/analyze/sentiment/score.ts';
import { quantizeWeights, type SentimentHeader } from '../src/analyze/sentiment/model.ts';
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, type Labelled } from './sentiment-data.ts';
import { DEFAULT_TRAIN, expectedCalibrationError, featurize, fitPlatt, marginOf, trainNbLr, type Example } from './sentiment-train.ts';

export const SHORT_TOKENS = 80;
const HELD_OUT = 0.1;

export interface BuiltSentiment {
  header: SentimentHeader;
  weights: Uint8Array;
  scores: Record<string, number>;
  data: string[];
}

export async function buildSentiment(log: (s: string) => void = () => {}): Promise<BuiltSentiment> {
  const sets: [string, Labelled[]][] = [
    ['imdb/imdb_train', await loadImdb('train')],
    ['imdb/imdb_test', await loadImdb('test')],
    ['rt_flatiron/rt_reviews', await loadRtFlatiron()],
    ['mr/rt_polarity', await loadMr()],
    ['sst/sst_train', await loadSst('train')],
    ['sst/sst_dev', await loadSst('dev')],
  ];
  const train: Labelled[] = [];
  const held: (Labelled & { set: string })[] = [];
  for (const [name, rows] of sets) {
    for (const r of rows) (inTestSplit(r.group, HELD_OUT, 'calibration') ? held : train).push(Object.assign(r, { set: name }));
  }
  log(`sentiment: ${train.length} training texts, ${held.length} held out for calibration`);
  const opts = DEFAULT_TRAIN;
  const xtr = featurize(train.map((r) => r.text), train.map((r) => r.y), opts.buckets);
  log('sentiment: features ready; training');
  const { weights, bias } = trainNbLr(xtr, opts);
  const xho = featurize(held.map((r) => r.text), held.map((r) => r.y), opts.buckets);
  const z = xho.map((ex) => marginOf(weights, bias, ex));

  const fit = (pick: (ex: Example) => boolean) => {
    const idx = xho.map((ex, i) => (pick(ex) ? i : -1)).filter((i) => i >= 0);
    return fitPlatt(idx.map((i) => z[i]!), idx.map((i) => xho[i]!.y));
  };
  const short = fit((ex) => ex.tokens < SHORT_TOKENS);
  const long = fit((ex) => ex.tokens >= SHORT_TOKENS);
  const p = xho.map((ex, i) => applyPlatt(ex.tokens < SHORT_TOKENS ? short : long, z[i]!));

  // Rating → fresh, and calibrated p → expected score, on the held-out Rotten Tomatoes films.
  const rtIdx = held.map((r, i) => (r.set === 'rt_flatiron/rt_reviews' ? i : -1)).filter((i) => i >= 0);
  const rated = rtIdx
    .map((i) => ({ i, r: held[i]!.rating ? parseRating(held[i]!.rating!) : null }))
    .filter((x): x is { i: number; r: Extract<ReturnType<typeof parseRating>, { status: 'parsed' }> } => x.r?.status === 'parsed');
  const ratingToFresh = fitPlatt(rated.map((x) => x.r.normalized), rated.map((x) => held[x.i]!.y));
  const sorted = rated.map((x) => ({ p: p[x.i]!, s: x.r.normalized })).sort((a, b) => a.p - b.p);
  const knots = 10;
  const curve = { p: [] as number[], score: [] as number[] };
  for (let k = 0; k < knots; k++) {
    const part = sorted.slice(Math.floor((k * sorted.length) / knots), Math.floor(((k + 1) * sorted.length) / knots));
    if (!part.length) continue;
    const mp = part.reduce((a, x) => a + x.p, 0) / part.length;
    let ms = part.reduce((a, x) => a + x.s, 0) / part.length;
    if (curve.score.length && ms < curve.score[curve.score.length - 1]!) ms = curve.score[curve.score.length - 1]!;
    curve.p.push(Math.round(mp * 1e4) / 1e4);
    curve.score.push(Math.round(ms * 10) / 10);
  }

  const acc = (sel: (i: number) => boolean) => {
    let n = 0, ok = 0;
    held.forEach((_r, i) => {
      if (!sel(i)) return;
      n++;
      if ((p[i]! >= 0.5 ? 1 : 0) === xho[i]!.y) ok++;
    });
    return Math.round((10000 * ok) / Math.max(1, n)) / 100;
  };
  const scores: Record<string, number> = {
    heldOutAccuracy: acc(() => true),
    heldOutAccuracyRt: acc((i) => held[i]!.set === 'rt_flatiron/rt_reviews'),
    heldOutAccuracyImdb: acc((i) => held[i]!.set.startsWith('imdb')),
    heldOutEce: Math.round(expectedCalibrationError(p, xho.map((e) => e.y)) * 1e4) / 1e4,
    ratingFreshAccuracy: Math.round((10000 * rated.filter((x) => (sigmoid(ratingToFresh.a * x.r.normalized + ratingToFresh.b) >= 0.5 ? 1 : 0) === held[x.i]!.y).length) / Math.max(1, rated.length)) / 100,
  };
  const q = quantizeWeights(weights);
  const header: SentimentHeader = { buckets: opts.buckets, bias, scale: q.scale, calibration: { shortTokens: SHORT_TOKENS, short, long }, scoreCurve: curve, ratingToFresh };
  return { header, weights: q.bytes, scores, data: sets.map(([n]) => n) };
}
