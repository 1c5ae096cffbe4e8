/**
 * `verdict eval consensus`: rebuilds films' share of fresh reviews from their review text (labels unread), with
 * and without the critics' own ratings, and compares it with the truth, quantifier by quantifier.
 *
 * - rt_flatiron films held out by id (20% of the films): a protocol model is trained here without them, by the
 *   same build as the shipped one (its calibration, rating blend and quantifier rates from its own held-out
 *   calibration films); truth = the share of their fresh labels.
 * - The titled Pixar and DreamWorks films (complete review lists, so the rounded share of fresh labels is the
 *   published `critic_score`), read with the shipped model, which never saw titled/.
 * - Quantifiers: classify-and-count, mean calibrated probability, the textbook adjusted count (Forman 2008,
 *   the baseline), PACC, EM under prior shift, and the film-level lines; the one marked chosen has the least
 *   per-film error on the model's own held-out calibration films, never on the films scored here.
 * MAE (points) and Spearman rank correlation over films with ≥ 20 reviews.
 */
import type { Command } from 'commander';
import { consensusConfig, filmConsensus, modelFreshProbability, type Quantifier, type ReviewFacts } from '../../aggregate/index.ts';
import { analyze, type ReviewCard } from '../../analyze/index.ts';
import type { Model } from '../../analyze/model.ts';
import type { SentimentModel } from '../../analyze/sentiment/model.ts';
import { sentimentFromParts } from '../../analyze/sentiment/model.ts';
import { inTestSplit } from '../../learn/data.ts';
import { buildSentiment } from '../../learn/sentiment-build.ts';
import { dataFile, loadJsonlGz } from '../../node/data.ts';
import { loadModel } from '../../node/load-model.ts';

const MIN_REVIEWS = 20;

interface TitledMovie {
  movie_id: string;
  movie_title: string;
  movie_year: number;
  critic_score: string | null;
}

interface TitledReview {
  id: number;
  movie_id: string;
  quote: string | null;
  original_score: string | null;
  is_top_critic: boolean;
  critic_name: string | null;
  publication_name: string | null;
}

interface FlatironReview {
  id: number;
  review: string | null;
  rating: string | null;
  fresh: string;
  top_critic: number;
}

/** One review analysed twice: from its text alone, and from its text with the critic's original score. */
interface Analysed {
  id: string;
  topCritic: boolean;
  text: ReviewCard;
  withScore: ReviewCard;
  /** The human label (only for the calibration set and for reporting; never used for titled estimates). */
  label: boolean;
}

interface FilmCase {
  id: string;
  title: string;
  set: string;
  /** Published (or label-derived) share, 0–100. */
  truth: number;
  reviews: Analysed[];
  /** Reviews whose text is also an rt_flatiron training text (the model saw them). */
  seen: number;
}

export interface Rates {
  tpr: number;
  fpr: number;
  ptpr: number;
  pfpr: number;
  n: number;
}

/** tpr/fpr of the model's calls and mean probabilities, on labelled analysed reviews. */
export function measureRates(rows: { card: ReviewCard; label: boolean }[]): Rates {
  let pos = 0;
  let neg = 0;
  let tp = 0;
  let fp = 0;
  let pp = 0;
  let pn = 0;
  for (const r of rows) {
    const p = modelFreshProbability(r.card);
    if (p === null) continue;
    if (r.label) {
      pos++;
      if (r.card.verdict!.fresh) tp++;
      pp += p;
    } else {
      neg++;
      if (r.card.verdict!.fresh) fp++;
      pn += p;
    }
  }
  return { tpr: tp / Math.max(1, pos), fpr: fp / Math.max(1, neg), ptpr: pp / Math.max(1, pos), pfpr: pn / Math.max(1, neg), n: pos + neg };
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(a: number[], b: number[]): number {
  const rank = (xs: number[]): number[] => {
    const idx = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(xs.length);
    for (let i = 0; i < idx.length; ) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
      for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  if (n < 2) return Number.NaN;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

function normText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Estimated share (0–100) of one film from its analysed reviews, labels ignored. */
function estimate(film: FilmCase, variant: 'text' | 'withScore', quantifier: Quantifier): number | null {
  const facts: ReviewFacts[] = film.reviews.map((r) => ({
    id: r.id,
    filmId: film.id,
    criticId: null,
    criticName: null,
    publicationName: null,
    topCritic: r.topCritic,
    label: null,
    rating: null,
    card: variant === 'text' ? r.text : r.withScore,
  }));
  const c = filmConsensus(film.id, facts, consensusConfig({ ignoreLabels: true, quantifier }));
  return c.share === null ? null : c.share * 100;
}

interface Row {
  name: string;
  mae: number;
  spearman: number;
  films: number;
}

function score(films: FilmCase[], variant: 'text' | 'withScore', quantifier: Quantifier, name: string): Row & { per: { film: FilmCase; est: number }[] } {
  const per: { film: FilmCase; est: number }[] = [];
  for (const f of films) {
    const est = estimate(f, variant, quantifier);
    if (est !== null) per.push({ film: f, est });
  }
  const mae = per.reduce((s, p) => s + Math.abs(p.est - p.film.truth), 0) / Math.max(1, per.length);
  return { name, mae, spearman: spearman(per.map((p) => p.est), per.map((p) => p.film.truth)), films: per.length, per };
}

/**
 * The error that remains from the text alone even if every review's probability were perfectly calibrated and the
 * errors of a film's reviews independent: each label then falls fresh with its probability p, so a film's share
 * misses the mean of its p by sampling alone, E|error| = sqrt(2/pi) * sqrt(sum p(1-p)) / n. Any estimate built
 * from these per-review probabilities meets this floor; only sharper probabilities (smaller p(1-p)) lower it.
 * Returns the mean floor over films (points) and the mean p(1-p) of their reviews.
 */
export function samplingFloor(films: { probabilities: number[] }[]): { floor: number; variance: number } {
  let floor = 0;
  let v = 0;
  let n = 0;
  for (const f of films) {
    const ps = f.probabilities;
    if (!ps.length) continue;
    const sum = ps.reduce((s, p) => s + p * (1 - p), 0);
    floor += (100 * Math.sqrt(2 / Math.PI) * Math.sqrt(sum)) / ps.length;
    v += sum / ps.length;
    n++;
  }
  return { floor: floor / Math.max(1, n), variance: v / Math.max(1, n) };
}

export interface ConsensusEvalOptions {
  films: boolean;
  json?: string | undefined;
  log: (s: string) => void;
}

/** Share of rt_flatiron films (by id) the protocol model never sees; the held-out rows score them. */
const HELD_OUT_FILMS = 0.2;

interface NamedQuantifier {
  name: string;
  /** Key of its held-out error in the model's `quantification` (what chooses it). */
  key: string;
  q: Quantifier;
}

/** The quantifiers a sentiment model's header allows, text alone and with the critics' ratings. */
function quantifiersOf(sm: SentimentModel | null): { text: NamedQuantifier[]; withScore: NamedQuantifier[] } {
  const base: NamedQuantifier[] = [
    { name: 'classify and count', key: 'count', q: { kind: 'count' } },
    { name: 'mean calibrated probability', key: 'probability', q: { kind: 'probability' } },
  ];
  const quant = sm?.quantification;
  const rated = quant?.withRating;
  const text: NamedQuantifier[] = [
    ...base,
    ...(sm ? [{ name: 'adjusted count (baseline)', key: 'adjusted', q: { kind: 'adjusted', tpr: sm.snippetRates.tpr, fpr: sm.snippetRates.fpr } } as NamedQuantifier] : []),
    ...(quant
      ? ([
          { name: 'probability-adjusted count', key: 'probabilityAdjusted', q: { kind: 'probability-adjusted', tpr: quant.probabilityTpr, fpr: quant.probabilityFpr } },
          { name: 'EM prior shift', key: 'em', q: { kind: 'em', prior: quant.prior } },
          { name: 'count, film-level rates', key: 'filmCount', q: { kind: 'adjusted', ...quant.filmCountRates } },
          { name: 'probability, film-level rates', key: 'filmProbability', q: { kind: 'probability-adjusted', ...quant.filmProbabilityRates } },
        ] as NamedQuantifier[])
      : []),
  ];
  const withScore: NamedQuantifier[] = [
    ...base,
    ...(rated
      ? ([
          { name: 'adjusted count (baseline)', key: 'adjusted', q: { kind: 'adjusted', ...rated.rates } },
          { name: 'count, film-level rates', key: 'filmCount', q: { kind: 'adjusted', ...rated.filmCountRates } },
          { name: 'probability, film-level rates', key: 'filmProbability', q: { kind: 'probability-adjusted', ...rated.filmProbabilityRates } },
        ] as NamedQuantifier[])
      : []),
  ];
  return { text, withScore };
}

/** The quantifier with the least per-film error on the trainer's held-out Rotten Tomatoes films (never titled/). */
function chosenOf(list: NamedQuantifier[], errors: Record<string, number> | undefined): NamedQuantifier {
  const err = (n: NamedQuantifier): number => errors?.[n.key] ?? Number.POSITIVE_INFINITY;
  return [...list].sort((a, b) => err(a) - err(b))[0]!;
}

export async function evalConsensus(opts: ConsensusEvalOptions): Promise<Record<string, unknown>> {
  const { log } = opts;
  const model = loadModel();
  log(`model ${model.version}`);
  const polarity = { stages: ['sentiment'] as const };
  const analyseBoth = (m: Model, id: string, text: string, rating: string | null, label: boolean, topCritic: boolean): Analysed => {
    const card = analyze(text, m, polarity);
    const withScore = rating && rating.trim() ? analyze(text, m, { ...polarity, rating: rating.trim() }) : card;
    return { id, topCritic, text: card, withScore, label };
  };

  // 1. rt_flatiron films held out by id: a protocol model is trained here without them (its calibration, rating
  //    blend and quantifiers all from its own held-out films), then their share is rebuilt; truth = their labels.
  const flat = await loadJsonlGz<FlatironReview>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  const trainTexts = new Set<string>();
  for (const r of flat) if (r.review && r.review.trim()) trainTexts.add(normText(r.review));
  const heldOut = (id: string): boolean => inTestSplit(id, HELD_OUT_FILMS, 'eval-films');
  log(`rt_flatiron: training a protocol model without ${Math.round(HELD_OUT_FILMS * 100)}% of the films (by id)…`);
  const built = await buildSentiment(log, { heldOutFilms: heldOut, clause: false });
  const protoSentiment = sentimentFromParts(built.header, built.weights, null, built.charWeights.byteLength ? built.charWeights : null);
  const proto: Model = { ...model, version: `${model.version}+protocol`, sentiment: protoSentiment };
  const heldFilmsById = new Map<string, FilmCase>();
  for (const r of flat) {
    if (!r.review || !r.review.trim() || !heldOut(String(r.id))) continue;
    const film = String(r.id);
    let f = heldFilmsById.get(film);
    if (!f) heldFilmsById.set(film, (f = { id: `rt_flatiron/${film}`, title: `rt_flatiron film ${film}`, set: 'rt_flatiron', truth: 0, reviews: [], seen: 0 }));
    f.reviews.push(analyseBoth(proto, `flat-${r.id}-${f.reviews.length}`, r.review, r.rating, r.fresh === 'fresh', r.top_critic === 1));
  }
  const heldFilms = [...heldFilmsById.values()].filter((f) => f.reviews.length >= MIN_REVIEWS);
  for (const f of heldFilms) f.truth = (100 * f.reviews.filter((r) => r.label).length) / f.reviews.length;
  log(`held-out rt_flatiron: ${heldFilms.length} films with ≥ ${MIN_REVIEWS} reviews, ${heldFilms.reduce((s, f) => s + f.reviews.length, 0)} reviews`);

  // 2. The titled Pixar and DreamWorks films, labels unread, with the shipped model (which never saw titled/).
  const titled: FilmCase[] = [];
  for (const set of ['pixar', 'dreamworks']) {
    const movies = await loadJsonlGz<TitledMovie>(dataFile(`titled/rt_${set}_movies.jsonl.gz`));
    const reviews = await loadJsonlGz<TitledReview>(dataFile(`titled/rt_${set}_reviews.jsonl.gz`));
    const byMovie = new Map<string, TitledReview[]>();
    for (const r of reviews) {
      if (!r.quote || !r.quote.trim()) continue;
      let l = byMovie.get(r.movie_id);
      if (!l) byMovie.set(r.movie_id, (l = []));
      l.push(r);
    }
    for (const m of movies) {
      const pct = m.critic_score ? Number.parseFloat(m.critic_score) : Number.NaN;
      const rs = byMovie.get(m.movie_id) ?? [];
      if (!Number.isFinite(pct) || rs.length < MIN_REVIEWS) continue;
      titled.push({
        id: m.movie_id,
        title: `${m.movie_title} (${m.movie_year})`,
        set,
        truth: pct,
        // label: false here, and never read for titled films.
        reviews: rs.map((r) => analyseBoth(model, `${set}-${r.id}`, r.quote!, r.original_score, false, r.is_top_critic)),
        seen: rs.filter((r) => trainTexts.has(normText(r.quote!))).length,
      });
    }
  }
  log(`titled: ${titled.length} films with ≥ ${MIN_REVIEWS} reviews, ${titled.reduce((s, f) => s + f.reviews.length, 0)} reviews analysed`);

  // Each model's quantifiers come from its own header: the protocol model's for the held-out films, the
  // shipped model's for titled/. The chosen ones are those with the least error on each model's own held-out
  // calibration films (the trainer's figures), never on the films scored here.
  const shipped = model.sentiment as SentimentModel | null;
  const sets = [
    { label: 'rt_flatiron films held out by id', films: heldFilms, qs: quantifiersOf(protoSentiment), sm: protoSentiment },
    { label: 'titled Pixar + DreamWorks vs published Tomatometer', films: titled, qs: quantifiersOf(shipped), sm: shipped },
  ];
  const names = [...new Set(sets.flatMap((x) => [...x.qs.text, ...x.qs.withScore].map((q) => q.name)))];
  const results: Record<string, unknown> = { model: model.version, tables: {} };
  const cell = (films: FilmCase[], variant: 'text' | 'withScore', q: NamedQuantifier | undefined, name: string): Row | null => (q ? score(films, variant, q.q, name) : null);
  const fmt = (r: Row | null, chosen: boolean): string => (r ? `${r.mae.toFixed(2)}${chosen ? ' *' : ''}` : '—');
  log(`\nShare fresh, MAE in points over films with ≥ ${MIN_REVIEWS} reviews (* = the quantifier chosen on the model's own held-out calibration films)`);
  log(`| quantifier | ${sets.map((x) => `${x.label} (${x.films.length}): text | with ratings`).join(' | ')} |`);
  log(`| --- | ${sets.map(() => '---: | ---:').join(' | ')} |`);
  const chosen = sets.map((x) => ({ text: chosenOf(x.qs.text, x.sm?.quantification?.heldOutFilmMae), withScore: chosenOf(x.qs.withScore, x.sm?.quantification?.withRating?.heldOutFilmMae) }));
  const table: Record<string, unknown>[] = [];
  for (const name of names) {
    const cells = sets.map((x, k) => {
      const t = cell(x.films, 'text', x.qs.text.find((q) => q.name === name), name);
      const w = cell(x.films, 'withScore', x.qs.withScore.find((q) => q.name === name), name);
      return { t, w, tc: chosen[k]!.text.name === name, wc: chosen[k]!.withScore.name === name };
    });
    log(`| ${name} | ${cells.map((c) => `${fmt(c.t, c.tc)} | ${fmt(c.w, c.wc)}`).join(' | ')} |`);
    table.push({ quantifier: name, ...Object.fromEntries(sets.map((x, k) => [x.label, { text: cells[k]!.t && { mae: cells[k]!.t!.mae, spearman: cells[k]!.t!.spearman }, withScore: cells[k]!.w && { mae: cells[k]!.w!.mae, spearman: cells[k]!.w!.spearman } }])) });
  }
  (results.tables as Record<string, unknown>).share = table;
  const targets: [string, number][] = [];
  const floors: Record<string, unknown> = {};
  results.floors = floors;
  sets.forEach((x, k) => {
    const t = score(x.films, 'text', chosen[k]!.text.q, chosen[k]!.text.name);
    const w = score(x.films, 'withScore', chosen[k]!.withScore.q, chosen[k]!.withScore.name);
    const [tt, wt] = k === 0 ? [4, 2.5] : [4, 2];
    log(`${x.label}: text alone (${chosen[k]!.text.name}) MAE ${t.mae.toFixed(2)}, Spearman ${t.spearman.toFixed(3)} — target ≤ ${tt}: ${t.mae <= tt ? 'met' : 'missed'}; with ratings (${chosen[k]!.withScore.name}) MAE ${w.mae.toFixed(2)}, Spearman ${w.spearman.toFixed(3)} — target ≤ ${wt}: ${w.mae <= wt ? 'met' : 'missed'}`);
    targets.push([`${x.label}: text`, t.mae], [`${x.label}: with ratings`, w.mae]);
    // How far the text alone can go with these probabilities (see samplingFloor).
    const probs = (variant: 'text' | 'withScore') => x.films.map((f) => ({ probabilities: f.reviews.flatMap((r) => modelFreshProbability(variant === 'text' ? r.text : r.withScore) ?? []) }));
    const ft = samplingFloor(probs('text'));
    const fw = samplingFloor(probs('withScore'));
    const beyond = ft.floor > tt
      ? `the text target needs sharper probabilities (a mean p(1-p) of about ${(ft.variance * (tt / ft.floor) ** 2).toFixed(3)})`
      : `the text MAE of ${t.mae.toFixed(2)} is ${(t.mae - ft.floor).toFixed(2)} above it: error shared by a film's reviews, not chance`;
    log(`  sampling floor with these probabilities (perfectly calibrated, independent): text ${ft.floor.toFixed(2)} (mean p(1-p) ${ft.variance.toFixed(3)}), with ratings ${fw.floor.toFixed(2)} (${fw.variance.toFixed(3)}); ${beyond}`);
    floors[x.label] = { text: ft, withScore: fw };
    if (opts.films && k === 1) {
      log(`  per film (${chosen[k]!.text.name}, text alone):`);
      for (const p of t.per) log(`    ${p.film.title.padEnd(54)} truth ${p.film.truth.toFixed(0).padStart(3)}  text ${p.est.toFixed(1).padStart(5)}  (${p.film.reviews.length} reviews${p.film.seen ? `, ${p.film.seen} seen in training` : ''})`);
    }
  });
  const seen = titled.filter((f) => f.seen / f.reviews.length > 0.1);
  if (seen.length) log(`(titled films with > 10% of their review texts also in rt_flatiron, which the shipped model was trained on: ${seen.map((f) => `${f.title} (${f.seen}/${f.reviews.length})`).join(', ')})`);
  results.chosen = Object.fromEntries(sets.map((x, k) => [x.label, { text: chosen[k]!.text.name, withScore: chosen[k]!.withScore.name }]));
  results.targets = Object.fromEntries(targets);
  return results;
}

export function registerEvalConsensus(evalCmd: Command): void {
  evalCmd
    .command('consensus')
    .description('Rebuild films\' share fresh from review text (labels unread), with and without the critics\' ratings: held-out rt_flatiron films and the titled Pixar and DreamWorks films, MAE per quantifier')
    .option('--films', 'list each film: published share and the estimate (the quantifier chosen on held-out films)', false)
    .option('--json <file>', 'also write the figures as JSON')
    .action(async (flags: { films: boolean; json?: string }) => {
      const results = await evalConsensus({ films: flags.films, json: flags.json, log: (s) => console.log(s) });
      if (flags.json) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(flags.json, `${JSON.stringify(results, null, 2)}\n`);
      }
    });
}
