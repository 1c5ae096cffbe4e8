/**
 * Builds the shipped sentiment model from all allowed data (never titled/): trains on 90% (by film for
 * Rotten Tomatoes, by film page for IMDB), chooses the conclusion weight and fits calibration on the held-out
 * 10%, fits the rating blend, the score curve and the snippet rates on the held-out Rotten Tomatoes films,
 * then trains the weights again on everything (keeping that calibration).
 */
import { parseRating } from '../src/analyze/rating/index.ts';
import { logit, sigmoid } from '../src/analyze/sentiment/score.ts';
import { quantizeWeights, type SentimentHeader } from '../src/analyze/sentiment/model.ts';
import { DEFAULT_TRAIN, SHORT_TOKENS, exampleOf, expectedCalibrationError, fitLogistic, fitPlatt, fitSentiment, marginOf, trainNbLr, type Example } from '../src/analyze/sentiment/learn.ts';
import { readDoc } from '../src/analyze/text/index.ts';
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, loadSstPhrases, type Labelled } from '../src/cli/eval/sentiment-data.ts';

const HELD_OUT = 0.1;

export interface BuiltSentiment {
  header: SentimentHeader;
  weights: Uint8Array;
  clauseWeights: Uint8Array;
  scores: Record<string, number>;
  data: string[];
}

const pct = (ok: number, n: number): number => Math.round((10000 * ok) / Math.max(1, n)) / 100;

export async function buildSentiment(log: (s: string) => void = () => {}): Promise<BuiltSentiment> {
  const sets: [string, Labelled[]][] = [
    ['imdb/imdb_train', await loadImdb('train')],
    ['imdb/imdb_test', await loadImdb('test')],
    ['rt_flatiron/rt_reviews', await loadRtFlatiron()],
    ['mr/rt_polarity', await loadMr()],
    ['sst/sst_train', await loadSst('train')],
    ['sst/sst_dev', await loadSst('dev')],
  ];
  const opts = DEFAULT_TRAIN;
  const train = [];
  const held: { doc: ReturnType<typeof readDoc>; y: number; set: string; rating?: string }[] = [];
  for (const [name, rows] of sets) {
    for (const r of rows) {
      const doc = readDoc(r.text);
      const held1 = inTestSplit(r.group, HELD_OUT, 'calibration');
      // Held-out SST phrases other than whole sentences would crowd the short-text calibration: skip them.
      if (held1 && r.source !== undefined && r.source !== r.text) continue;
      if (held1) held.push({ doc, y: r.y, set: name, ...(r.rating ? { rating: r.rating } : {}) });
      else train.push(exampleOf(doc, r.y, opts.buckets));
    }
  }
  log(`sentiment: ${train.length} training texts, ${held.length} held out for calibration; training`);
  const { model, calibP: p } = fitSentiment(train, held, opts, true);
  log(`sentiment: conclusion weight ${model.conclusionWeight}; trained again on all ${train.length + held.length} texts`);

  // On the held-out Rotten Tomatoes films: rating blend, score curve, snippet rates.
  const rt = held.map((h, i) => ({ ...h, p: p[i]! })).filter((h) => h.set === 'rt_flatiron/rt_reviews');
  const rated = rt.map((h) => ({ h, r: h.rating ? parseRating(h.rating) : null })).flatMap((x) => (x.r?.status === 'parsed' ? [{ h: x.h, norm: x.r.normalized }] : []));
  const [wText, wRating, wBias] = fitLogistic(rated.map((x) => [logit(x.h.p), x.norm / 100]), rated.map((x) => x.h.y));
  model.withRating = { text: wText!, rating: wRating!, bias: wBias! };
  const blended = rated.map((x) => sigmoid(wText! * logit(x.h.p) + (wRating! * x.norm) / 100 + wBias!));

  const sorted = rated.map((x) => ({ p: x.h.p, s: x.norm })).sort((a, b) => a.p - b.p);
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
  model.scoreCurve = curve;
  const fresh = rt.filter((h) => h.y === 1);
  const rotten = rt.filter((h) => h.y === 0);
  model.snippetRates = {
    tpr: Math.round((1e4 * fresh.filter((h) => h.p >= 0.5).length) / Math.max(1, fresh.length)) / 1e4,
    fpr: Math.round((1e4 * rotten.filter((h) => h.p >= 0.5).length) / Math.max(1, rotten.length)) / 1e4,
  };

  // The clause table: short texts only (every SST train phrase, MR, SST dev, Rotten Tomatoes snippets), the
  // same 10% of groups held out to calibrate it on whole sentences and snippets.
  const short: [string, Labelled[]][] = [['sst/sst_train phrases', await loadSstPhrases()], ...sets.filter(([n]) => !n.startsWith('imdb') && n !== 'sst/sst_train')];
  const ctrain: Example[] = [];
  const cheld: Example[] = [];
  const cheldRt: boolean[] = [];
  for (const [name, rows] of short) {
    for (const r of rows) {
      const ex = exampleOf(readDoc(r.text), r.y, opts.buckets);
      if (!inTestSplit(r.group, HELD_OUT, 'calibration')) ctrain.push(ex);
      else if (r.source === undefined || r.source === r.text) {
        cheld.push(ex);
        cheldRt.push(name === 'rt_flatiron/rt_reviews');
      }
    }
  }
  log(`clause table: ${ctrain.length} short training texts, ${cheld.length} held out`);
  const ct = trainNbLr(ctrain, opts);
  const cz = cheld.map((ex) => marginOf(ct.weights, ct.bias, ex));
  const cPlatt = fitPlatt(cz, cheld.map((ex) => ex.y));
  const cp = cz.map((z) => sigmoid(cPlatt.a * z + cPlatt.b));
  const again = trainNbLr([...ctrain, ...cheld], opts);
  const cq = quantizeWeights(again.weights);

  const acc = (pick: (h: (typeof held)[number]) => boolean): number => {
    let n = 0, ok = 0;
    held.forEach((h, i) => {
      if (!pick(h)) return;
      n++;
      if ((p[i]! >= 0.5 ? 1 : 0) === h.y) ok++;
    });
    return pct(ok, n);
  };
  const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
  const scores: Record<string, number> = {
    heldOutAccuracy: acc(() => true),
    heldOutAccuracyImdb: acc((h) => h.set.startsWith('imdb')),
    heldOutAccuracyRt: acc((h) => h.set === 'rt_flatiron/rt_reviews'),
    heldOutEce: r4(expectedCalibrationError(p, held.map((h) => h.y))),
    heldOutEceShort: r4(expectedCalibrationError(p.filter((_, i) => held[i]!.doc.tokens.count < SHORT_TOKENS), held.filter((h) => h.doc.tokens.count < SHORT_TOKENS).map((h) => h.y))),
    heldOutEceRt: r4(expectedCalibrationError(rt.map((h) => h.p), rt.map((h) => h.y))),
    ratedRtAccuracyWithRating: pct(rated.filter((x, i) => (blended[i]! >= 0.5 ? 1 : 0) === x.h.y).length, rated.length),
    ratedRtEceWithRating: r4(expectedCalibrationError(blended, rated.map((x) => x.h.y))),
    rtSnippetTpr: model.snippetRates.tpr,
    rtSnippetFpr: model.snippetRates.fpr,
    // Rotten Tomatoes films only: MR and SST share sentences across their groups, which would flatter the rest.
    clauseHeldOutAccuracyRt: pct(cp.filter((x, i) => cheldRt[i] && (x >= 0.5 ? 1 : 0) === cheld[i]!.y).length, cheldRt.filter(Boolean).length),
    clauseHeldOutEce: r4(expectedCalibrationError(cp, cheld.map((ex) => ex.y))),
  };
  const q = quantizeWeights(model.weights);
  const { buckets, bias, norm, conclusionWeight, calibration, scoreCurve, withRating, snippetRates } = model;
  const header: SentimentHeader = { buckets, bias, scale: q.scale, norm, conclusionWeight, calibration, scoreCurve, withRating, snippetRates, clause: { bias: again.bias, scale: cq.scale, calibration: cPlatt } };
  return { header, weights: q.bytes, clauseWeights: cq.bytes, scores, data: sets.map(([n]) => n) };
}
