/**
 * Builds the shipped sentiment model from all allowed data (never titled/): trains on 90% (by film for
 * Rotten Tomatoes, by film page for IMDB), chooses the conclusion weight and fits calibration on the held-out
 * 10%, fits the rating blend, the score curve and the snippet rates on the held-out Rotten Tomatoes films,
 * then trains the weights again on everything (keeping that calibration).
 */
import { parseRating } from '../analyze/rating/index.ts';
import { logit, sigmoid } from '../analyze/sentiment/score.ts';
import { quantizeWeights, type SentimentHeader } from '../analyze/sentiment/model.ts';
import { DEFAULT_TRAIN, SHORT_TOKENS, exampleOf, expectedCalibrationError, fitLogistic, fitPlatt, fitSentiment, marginOf, ratingTable, trainNbLr, type Example } from './sentiment.ts';
import { docTokens, ratingEvidence } from '../analyze/sentiment/index.ts';
import { readDoc } from '../analyze/text/index.ts';
import { emPrior } from '../aggregate/quantify.ts';
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, loadSstPhrases, type Labelled } from './data.ts';

const HELD_OUT = 0.1;

export interface BuiltSentiment {
  header: SentimentHeader;
  weights: Uint8Array;
  clauseWeights: Uint8Array;
  /** The character n-gram table (empty when the build has none). */
  charWeights: Uint8Array;
  scores: Record<string, number>;
  data: string[];
}

const pct = (ok: number, n: number): number => Math.round((10000 * ok) / Math.max(1, n)) / 100;

export interface BuildOptions {
  /** Editors' corrections (`verdict export --corrections`): always on the training side. */
  corrections?: Labelled[];
  /**
   * Rotten Tomatoes films to keep out of everything (`verdict eval consensus` scores them): their snippets,
   * and any text of another set equal to one of them, are dropped.
   */
  heldOutFilms?: (filmId: string) => boolean;
  /** Build the clause table too (the shipped model); an evaluation's protocol model skips it. */
  clause?: boolean;
}

const textKey = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]+/g, '');

export async function buildSentiment(log: (s: string) => void = () => {}, extra: BuildOptions = {}): Promise<BuiltSentiment> {
  const sets: [string, Labelled[]][] = [
    ['imdb/imdb_train', await loadImdb('train')],
    ['imdb/imdb_test', await loadImdb('test')],
    ['rt_flatiron/rt_reviews', await loadRtFlatiron()],
    ['mr/rt_polarity', await loadMr()],
    ['sst/sst_train', await loadSst('train')],
    ['sst/sst_dev', await loadSst('dev')],
  ];
  if (extra.corrections?.length) sets.push(['corrections', extra.corrections]);
  const heldOut = extra.heldOutFilms;
  const dropTexts = heldOut ? new Set(sets.find(([n]) => n === 'rt_flatiron/rt_reviews')![1].filter((r) => heldOut(r.group)).map((r) => textKey(r.text))) : null;
  const excluded = (r: Labelled): boolean => dropTexts !== null && (dropTexts.has(textKey(r.text)) || (r.source !== undefined && dropTexts.has(textKey(r.source))));
  const opts = DEFAULT_TRAIN;
  const train = [];
  const held: { doc: ReturnType<typeof readDoc>; y: number; set: string; group: string; rating?: string }[] = [];
  const ratedTrain: { normalized: number; y: number }[] = [];
  for (const [name, rows] of sets) {
    for (const r of rows) {
      if (excluded(r)) continue;
      const doc = readDoc(r.text);
      const held1 = name !== 'corrections' && inTestSplit(r.group, HELD_OUT, 'calibration');
      // Held-out SST phrases other than whole sentences would crowd the short-text calibration: skip them.
      if (held1 && r.source !== undefined && r.source !== r.text) continue;
      if (held1) held.push({ doc, y: r.y, set: name, group: r.group, ...(r.rating ? { rating: r.rating } : {}) });
      else {
        train.push(exampleOf(doc, r.y, opts.buckets));
        const parsed = name === 'rt_flatiron/rt_reviews' && r.rating ? parseRating(r.rating) : null;
        if (parsed?.status === 'parsed') ratedTrain.push({ normalized: parsed.normalized, y: r.y });
      }
    }
  }
  log(`sentiment: ${train.length} training texts, ${held.length} held out for calibration; training`);
  const { model, calibP: p } = fitSentiment(train, held, opts, true);
  log(`sentiment: conclusion weight ${model.conclusionWeight}; trained again on all ${train.length + held.length} texts`);

  // On the held-out Rotten Tomatoes films: rating blend, score curve, snippet rates.
  const rt = held.map((h, i) => ({ ...h, p: p[i]! })).filter((h) => h.set === 'rt_flatiron/rt_reviews');
  const rated = rt.map((h) => ({ h, r: h.rating ? parseRating(h.rating) : null })).flatMap((x) => (x.r?.status === 'parsed' ? [{ h: x.h, norm: x.r.normalized }] : []));
  // The rating's own evidence from the training side's rated snippets (labels only, no text model in it); its
  // weight beside the text from the held-out films.
  const table = ratingTable(ratedTrain);
  const evidence = (norm: number): number => ratingEvidence({ text: 0, rating: 0, bias: 0, table }, norm);
  const [wText, wRating, wBias] = fitLogistic(rated.map((x) => [logit(x.h.p), evidence(x.norm)]), rated.map((x) => x.h.y));
  model.withRating = { text: wText!, rating: wRating!, bias: wBias!, table };
  const blended = rated.map((x) => sigmoid(wText! * logit(x.h.p) + wRating! * evidence(x.norm) + wBias!));
  const blendedOf = new Map(rated.map((x, i) => [x.h, blended[i]!] as const));

  model.scoreCurve = scoreCurveOf(rated.map((x) => x.h.p), rated.map((x) => x.norm));
  // Whole reviews are read with more evidence, so more confidently: their own curve, with their probabilities'
  // quantiles from the held-out IMDB reviews, onto the critics' ratings of the held-out snippets, each side of 0.5
  // apart (so the fresh line stays at 0.5, and a rave and a fair notice keep their critics' distance).
  const long = held.flatMap((h, i) => (h.set.startsWith('imdb/') && docTokens(h.doc) >= model.calibration.shortTokens ? [p[i]!] : []));
  if (long.length) model.scoreCurveLong = twoSidedCurve(long, rated.map((x) => ({ p: x.h.p, norm: x.norm })));
  const fresh = rt.filter((h) => h.y === 1);
  const rotten = rt.filter((h) => h.y === 0);
  model.snippetRates = {
    tpr: Math.round((1e4 * fresh.filter((h) => h.p >= 0.5).length) / Math.max(1, fresh.length)) / 1e4,
    fpr: Math.round((1e4 * rotten.filter((h) => h.p >= 0.5).length) / Math.max(1, rotten.length)) / 1e4,
  };
  const probabilityRates = rtProbabilityRates(rt);
  // Which quantifier to use for a film's share: each one's per-film error on the held-out films with ≥ 20
  // snippets, its rates measured on the other half of the held-out films (two folds by film, so no film is
  // scored with rates that saw it).
  const filmMae = quantifierFilmMae(rt);
  const { films: heldOutFilms, ...heldOutFilmMae } = filmMae;
  const quantification: NonNullable<SentimentHeader['quantification']> = {
    probabilityTpr: probabilityRates.tpr,
    probabilityFpr: probabilityRates.fpr,
    prior: round4(fresh.length / Math.max(1, rt.length)),
    filmCountRates: filmRates(filmStats(rt), (f) => f.count),
    filmProbabilityRates: filmRates(filmStats(rt), (f) => f.meanP),
    heldOutFilms,
    heldOutFilmMae,
    withRating: withRatingQuantification(rt.map((h) => ({ ...h, p: blendedOf.get(h) ?? h.p }))),
  };

  const clause = extra.clause === false ? null : await buildClauseTable(sets, excluded, log);

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
    rtProbabilityTpr: probabilityRates.tpr,
    rtProbabilityFpr: probabilityRates.fpr,
    rtHeldOutFilms: filmMae.films,
    rtHeldOutFilmMaeCount: filmMae.count,
    rtHeldOutFilmMaeProbability: filmMae.probability,
    rtHeldOutFilmMaeAdjusted: filmMae.adjusted,
    rtHeldOutFilmMaeProbabilityAdjusted: filmMae.probabilityAdjusted,
    rtHeldOutFilmMaeEm: filmMae.em,
    rtHeldOutFilmMaeFilmCount: filmMae.filmCount,
    rtHeldOutFilmMaeFilmProbability: filmMae.filmProbability,
    ...clause?.scores,
  };
  const q = quantizeWeights(model.weights);
  const cq = model.char ? quantizeWeights(model.char.weights) : null;
  const char = model.char && cq ? { buckets: model.char.buckets, bias: model.char.bias, scale: cq.scale, band: model.char.band, stack: model.char.stack } : null;
  const { buckets, bias, norm, conclusionWeight, calibration, scoreCurve, scoreCurveLong, withRating, snippetRates } = model;
  const header: SentimentHeader = { buckets, bias, scale: q.scale, norm, conclusionWeight, calibration, scoreCurve, ...(scoreCurveLong ? { scoreCurveLong } : {}), withRating, snippetRates, quantification, clause: clause?.header ?? null, char };
  return { header, weights: q.bytes, clauseWeights: clause?.bytes ?? new Uint8Array(0), charWeights: cq?.bytes ?? new Uint8Array(0), scores, data: sets.map(([n]) => n).filter((n) => n !== 'corrections') };
}

/**
 * The map from a text's calibrated probability of fresh to its 0–100 score: the held-out films' probabilities
 * quantile by quantile onto their critics' own ratings, so that text-only scores spread as critics' ratings do.
 * (The mean rating at each probability, the earlier curve, squeezed every score into 43–81, and so every film's
 * average of them towards the middle: per-film error of that average 7.7 against 5.7 points on held-out films,
 * `node train/score-experiment.ts`.) Knots at the means of `SCORE_KNOTS` equal bands; flat beyond the ends.
 */
export function scoreCurveOf(p: readonly number[], ratings: readonly number[], knots = SCORE_KNOTS): { p: number[]; score: number[] } {
  const ps = [...p].sort((a, b) => a - b);
  const rs = [...ratings].sort((a, b) => a - b);
  const curve = { p: [] as number[], score: [] as number[] };
  if (!ps.length || !rs.length) return { p: [0, 1], score: [0, 100] };
  for (let k = 0; k < knots; k++) {
    const x = Math.round(bandMean(ps, k, knots) * 1e4) / 1e4;
    const y = Math.round(bandMean(rs, k, knots) * 10) / 10;
    // Equal probabilities (rounded) keep the highest score: the knots stay strictly ascending in p.
    if (curve.p.length && x <= curve.p[curve.p.length - 1]!) {
      curve.score[curve.score.length - 1] = y;
      continue;
    }
    curve.p.push(x);
    curve.score.push(y);
  }
  return curve;
}

const SCORE_KNOTS = 20;

/**
 * Mean of band `k` of `knots` equal bands of the ascending `xs` (at least one value). The band's mean, not its middle
 * value: ratings are few distinct values (3/4, B+), and their middles alone would make flat steps.
 */
function bandMean(xs: readonly number[], k: number, knots: number): number {
  const from = Math.floor((k * xs.length) / knots);
  const to = Math.max(from + 1, Math.floor(((k + 1) * xs.length) / knots));
  let sum = 0;
  for (let i = from; i < to; i++) sum += xs[i]!;
  return sum / (to - from);
}

/**
 * `scoreCurveOf` on each side of 0.5 apart: the probabilities `ps` below 0.5 onto the lowest ratings of `rated`, as
 * many of them as `rated` has texts called rotten, and those at 0.5 or above onto the rest.
 */
function twoSidedCurve(ps: readonly number[], rated: readonly { p: number; norm: number }[]): { p: number[]; score: number[] } {
  const ratings = rated.map((x) => x.norm).sort((a, b) => a - b);
  const rotten = rated.filter((x) => x.p < 0.5).length;
  const below = ps.filter((x) => x < 0.5).length;
  // A side with nothing on it (never with real data): one curve over all of it.
  if (below === 0 || below === ps.length || rotten === 0 || rotten === ratings.length) return scoreCurveOf(ps, ratings);
  const low = scoreCurveOf(ps.filter((x) => x < 0.5), ratings.slice(0, rotten), SCORE_KNOTS / 2);
  const high = scoreCurveOf(ps.filter((x) => x >= 0.5), ratings.slice(rotten), SCORE_KNOTS / 2);
  return { p: [...low.p, ...high.p], score: [...low.score, ...high.score] };
}

interface HeldRt {
  y: number;
  p: number;
  group: string;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Mean calibrated probability of fresh over held-out fresh and over held-out rotten snippets (for PACC). */
function rtProbabilityRates(rows: readonly HeldRt[]): { tpr: number; fpr: number } {
  let pos = 0, neg = 0, sp = 0, sn = 0;
  for (const h of rows) {
    if (h.y === 1) {
      pos++;
      sp += h.p;
    } else {
      neg++;
      sn += h.p;
    }
  }
  return { tpr: round4(sp / Math.max(1, pos)), fpr: round4(sn / Math.max(1, neg)) };
}

/** Per-film MAE (points) of each quantifier over held-out films with ≥ 20 snippets, rates cross-fitted over two folds of films. */
interface FilmStat {
  group: string;
  truth: number;
  count: number;
  meanP: number;
}

/** Held-out films with ≥ 20 snippets: the share of their labels, their fresh-call share and their mean probability. */
function filmStats(rows: readonly HeldRt[]): FilmStat[] {
  const byFilm = new Map<string, HeldRt[]>();
  for (const h of rows) {
    let l = byFilm.get(h.group);
    if (!l) byFilm.set(h.group, (l = []));
    l.push(h);
  }
  return [...byFilm]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .filter(([, l]) => l.length >= 20)
    .map(([group, l]) => ({ group, truth: l.filter((h) => h.y === 1).length / l.length, count: l.filter((h) => h.p >= 0.5).length / l.length, meanP: l.reduce((a, h) => a + h.p, 0) / l.length }));
}

/**
 * Film-level rates: the least-squares line `truth ≈ a + b·x` over films (x = fresh-call share or mean
 * probability), written as the rates of an adjusted count, `truth = (x − fpr) / (tpr − fpr)`. Per-snippet rates
 * assume they stay put as a film's fresh share moves; on held-out films they do not (rotten reviews of
 * well-liked films read warmer), and the line over films absorbs that.
 */
export function filmRates(films: readonly FilmStat[], x: (f: FilmStat) => number): { tpr: number; fpr: number } {
  const n = Math.max(1, films.length);
  const mx = films.reduce((a, f) => a + x(f), 0) / n;
  const my = films.reduce((a, f) => a + f.truth, 0) / n;
  let sxy = 0, sxx = 0;
  for (const f of films) {
    sxy += (x(f) - mx) * (f.truth - my);
    sxx += (x(f) - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 1;
  const a = my - b * mx;
  return b > 0 ? { tpr: round4((1 - a) / b), fpr: round4(-a / b) } : { tpr: 1, fpr: 0 };
}

function quantifierFilmMae(rows: readonly HeldRt[]): { films: number; count: number; probability: number; adjusted: number; probabilityAdjusted: number; em: number; filmCount: number; filmProbability: number } {
  const stats = filmStats(rows);
  const fold = (g: string): boolean => inTestSplit(g, 0.5, 'quantifier fold');
  const ratesFor = (side: boolean): { call: { tpr: number; fpr: number }; prob: { tpr: number; fpr: number }; prior: number; filmCall: { tpr: number; fpr: number }; filmProb: { tpr: number; fpr: number } } => {
    const other = rows.filter((h) => fold(h.group) !== side);
    const otherFilms = stats.filter((f) => fold(f.group) !== side);
    const fresh = other.filter((h) => h.y === 1);
    const rotten = other.filter((h) => h.y === 0);
    return {
      call: { tpr: fresh.filter((h) => h.p >= 0.5).length / Math.max(1, fresh.length), fpr: rotten.filter((h) => h.p >= 0.5).length / Math.max(1, rotten.length) },
      prob: rtProbabilityRates(other),
      prior: fresh.length / Math.max(1, other.length),
      filmCall: filmRates(otherFilms, (f) => f.count),
      filmProb: filmRates(otherFilms, (f) => f.meanP),
    };
  };
  const byFilm = new Map<string, HeldRt[]>();
  for (const h of rows) {
    let l = byFilm.get(h.group);
    if (!l) byFilm.set(h.group, (l = []));
    l.push(h);
  }
  const rates = { true: ratesFor(true), false: ratesFor(false) };
  const adjust = (x: number, r: { tpr: number; fpr: number }): number => (r.tpr - r.fpr > 0.05 ? Math.min(1, Math.max(0, (x - r.fpr) / (r.tpr - r.fpr))) : x);
  const err = { count: 0, probability: 0, adjusted: 0, probabilityAdjusted: 0, em: 0, filmCount: 0, filmProbability: 0 };
  let films = 0;
  for (const [g, l] of [...byFilm].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (l.length < 20) continue;
    films++;
    const truth = l.filter((h) => h.y === 1).length / l.length;
    const cc = l.filter((h) => h.p >= 0.5).length / l.length;
    const mp = l.reduce((a, h) => a + h.p, 0) / l.length;
    const r = rates[fold(g) ? 'true' : 'false'];
    err.count += Math.abs(cc - truth);
    err.probability += Math.abs(mp - truth);
    err.adjusted += Math.abs(adjust(cc, r.call) - truth);
    err.probabilityAdjusted += Math.abs(adjust(mp, r.prob) - truth);
    err.em += Math.abs(emPrior(l.map((h) => h.p), r.prior) - truth);
    err.filmCount += Math.abs(adjust(cc, r.filmCall) - truth);
    err.filmProbability += Math.abs(adjust(mp, r.filmProb) - truth);
  }
  const mae = (e: number): number => Math.round((1e4 * e) / Math.max(1, films)) / 100;
  return { films, count: mae(err.count), probability: mae(err.probability), adjusted: mae(err.adjusted), probabilityAdjusted: mae(err.probabilityAdjusted), em: mae(err.em), filmCount: mae(err.filmCount), filmProbability: mae(err.filmProbability) };
}

/**
 * The same choice with the critics' own ratings beside the text (rated snippets read with the blend): film-level
 * lines and each quantifier's held-out per-film error, rates cross-fitted as above.
 */
function withRatingQuantification(rows: readonly HeldRt[]): NonNullable<SentimentHeader['quantification']>['withRating'] {
  const { films, count, probability, adjusted, filmCount, filmProbability } = quantifierFilmMae(rows);
  const fresh = rows.filter((h) => h.y === 1);
  const rotten = rows.filter((h) => h.y === 0);
  return {
    rates: { tpr: round4(fresh.filter((h) => h.p >= 0.5).length / Math.max(1, fresh.length)), fpr: round4(rotten.filter((h) => h.p >= 0.5).length / Math.max(1, rotten.length)) },
    filmCountRates: filmRates(filmStats(rows), (f) => f.count),
    filmProbabilityRates: filmRates(filmStats(rows), (f) => f.meanP),
    heldOutFilms: films,
    heldOutFilmMae: { count, probability, adjusted, filmCount, filmProbability },
  };
}

/**
 * The clause table: short texts only (every SST train phrase, MR, SST dev, Rotten Tomatoes snippets), the
 * same 10% of groups held out to calibrate it on whole sentences and snippets.
 */
async function buildClauseTable(sets: readonly [string, Labelled[]][], excluded: (r: Labelled) => boolean, log: (s: string) => void): Promise<{ header: NonNullable<SentimentHeader['clause']>; bytes: Uint8Array; scores: Record<string, number> }> {
  const short: [string, Labelled[]][] = [['sst/sst_train phrases', await loadSstPhrases()], ...sets.filter(([n]) => !n.startsWith('imdb') && n !== 'sst/sst_train')];
  const ctrain: Example[] = [];
  const cheld: Example[] = [];
  const cheldRt: boolean[] = [];
  for (const [name, rows] of short) {
    for (const r of rows) {
      if (excluded(r)) continue;
      const ex = exampleOf(readDoc(r.text), r.y, DEFAULT_TRAIN.buckets);
      if (!inTestSplit(r.group, HELD_OUT, 'calibration')) ctrain.push(ex);
      else if (r.source === undefined || r.source === r.text) {
        cheld.push(ex);
        cheldRt.push(name === 'rt_flatiron/rt_reviews');
      }
    }
  }
  log(`clause table: ${ctrain.length} short training texts, ${cheld.length} held out`);
  const ct = trainNbLr(ctrain, DEFAULT_TRAIN);
  const cz = cheld.map((ex) => marginOf(ct.weights, ct.bias, ex));
  const cPlatt = fitPlatt(cz, cheld.map((ex) => ex.y));
  const cp = cz.map((z) => sigmoid(cPlatt.a * z + cPlatt.b));
  const again = trainNbLr([...ctrain, ...cheld], DEFAULT_TRAIN);
  const cq = quantizeWeights(again.weights);
  const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
  return {
    header: { bias: again.bias, scale: cq.scale, calibration: cPlatt },
    bytes: cq.bytes,
    scores: {
      // Rotten Tomatoes films only: MR and SST share sentences across their groups, which would flatter the rest.
      clauseHeldOutAccuracyRt: pct(cp.filter((x, i) => cheldRt[i] && (x >= 0.5 ? 1 : 0) === cheld[i]!.y).length, cheldRt.filter(Boolean).length),
      clauseHeldOutEce: r4(expectedCalibrationError(cp, cheld.map((ex) => ex.y))),
    },
  };
}
