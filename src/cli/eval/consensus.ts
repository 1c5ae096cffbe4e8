/**
 * `verdict eval consensus`: rebuilds each film's Tomatometer from review text alone and compares it with the
 * published one.
 *
 * - Films: the titled Pixar and DreamWorks sets (complete review lists, so the rounded share of fresh labels
 *   is the published `critic_score`). Their labels are NEVER read for the estimate: each quote is analysed
 *   with the shipped model (which never saw titled/) and the share comes from the model's calls.
 * - Second column: the same with the critic's original score given to the analyser beside the text.
 * - Quantifiers (how model calls become a share): classify-and-count, mean calibrated probability, the
 *   adjusted count, the probability-adjusted count (PACC) and EM under prior shift, whose rates and prior ship
 *   with the model (measured by the trainer on Rotten Tomatoes films held out of its protocol model; never
 *   fitted on titled/). The target line uses the one with the least per-film error on those held-out films.
 * - Also: the same on rt_flatiron films (truth = share of their fresh labels). The shipped model was trained on
 *   every rt_flatiron review, so that table is in-sample and says so.
 * MAE (points) and Spearman rank correlation over films with ≥ 20 reviews.
 */
import type { Command } from 'commander';
import { consensusConfig, filmConsensus, modelFreshProbability, type Quantifier, type ReviewFacts } from '../../aggregate/index.ts';
import { analyze, type ReviewCard } from '../../analyze/index.ts';
import type { Model } from '../../analyze/model.ts';
import type { SentimentModel } from '../../analyze/sentiment/model.ts';
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

function analyseBoth(model: Model, id: string, text: string, rating: string | null, label: boolean, topCritic: boolean): Analysed {
  const card = analyze(text, model);
  const withScore = rating && rating.trim() ? analyze(text, model, { rating: rating.trim() }) : card;
  return { id, topCritic, text: card, withScore, label };
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

export interface ConsensusEvalOptions {
  films: boolean;
  json?: string | undefined;
  log: (s: string) => void;
}

export async function evalConsensus(opts: ConsensusEvalOptions): Promise<Record<string, unknown>> {
  const { log } = opts;
  const model = loadModel();
  log(`model ${model.version}`);

  // 1. rt_flatiron: the shipped model was trained on all of it, so it serves only to flag titled films whose
  //    quotes it contains, and as an in-sample check of the aggregation (truth = the share of its labels).
  const flat = await loadJsonlGz<FlatironReview>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  const trainTexts = new Set<string>();
  const flatFilmsById = new Map<string, FilmCase>();
  for (const r of flat) {
    if (!r.review || !r.review.trim()) continue;
    trainTexts.add(normText(r.review));
    const film = String(r.id);
    let f = flatFilmsById.get(film);
    if (!f) flatFilmsById.set(film, (f = { id: `rt_flatiron/${film}`, title: `rt_flatiron film ${film}`, set: 'rt_flatiron', truth: 0, reviews: [], seen: 0 }));
    f.reviews.push(analyseBoth(model, `flat-${r.id}-${f.reviews.length}`, r.review, r.rating, r.fresh === 'fresh', r.top_critic === 1));
  }
  // The adjusted count's tpr/fpr: measured by the trainer on Rotten Tomatoes films held out of its 90% protocol model.
  const sentiment = model.sentiment as Pick<SentimentModel, 'snippetRates' | 'quantification'> | null;
  const shipped = sentiment?.snippetRates ?? null;
  const quant = sentiment?.quantification ?? null;
  const inSample = measureRates([...flatFilmsById.values()].flatMap((f) => f.reviews.map((a) => ({ card: a.text, label: a.label }))));
  log(`rt_flatiron, in-sample for information: tpr ${inSample.tpr.toFixed(3)}, fpr ${inSample.fpr.toFixed(3)} over ${inSample.n} reviews`);
  log(`adjusted count rates (shipped with the model, measured on held-out rt_flatiron films): ${shipped ? `tpr ${shipped.tpr}, fpr ${shipped.fpr}` : 'none (adjusted rows skipped)'}`);
  log(`probability rates and prior (the same held-out films): ${quant ? `tpr_p ${quant.probabilityTpr}, fpr_p ${quant.probabilityFpr}, prior ${quant.prior}` : 'none (PACC and EM rows skipped)'}`);

  // 2. The titled Pixar and DreamWorks films, labels unread.
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

  // rt_flatiron films: truth is the share of their labels.
  const flatFilms = [...flatFilmsById.values()].filter((f) => f.reviews.length >= MIN_REVIEWS);
  for (const f of flatFilms) f.truth = (100 * f.reviews.filter((r) => r.label).length) / f.reviews.length;

  // Text plus score has no held-out rates of its own: its adjusted row is left out rather than measured in-sample.
  // The PACC and EM rows likewise: their rates and prior are the text model's.
  const quantifiers: [string, Quantifier, boolean][] = [
    ['classify and count', { kind: 'count' }, true],
    ['mean calibrated probability', { kind: 'probability' }, true],
    ...(shipped ? [['adjusted classify and count', { kind: 'adjusted', tpr: shipped.tpr, fpr: shipped.fpr }, false] as [string, Quantifier, boolean]] : []),
    ...(quant
      ? ([
          ['probability-adjusted count', { kind: 'probability-adjusted', tpr: quant.probabilityTpr, fpr: quant.probabilityFpr }, false],
          ['EM prior shift', { kind: 'em', prior: quant.prior }, false],
          ['count, film-level rates', { kind: 'adjusted', ...quant.filmCountRates }, false],
          ['probability, film-level rates', { kind: 'probability-adjusted', ...quant.filmProbabilityRates }, false],
        ] as [string, Quantifier, boolean][])
      : []),
  ];
  // The quantifier for the target: the one with the least per-film error on the held-out rt_flatiron films
  // (measured by the trainer, cross-fitted over two folds of films), never chosen on titled/.
  const heldKey: Record<string, string> = {
    'classify and count': 'count',
    'mean calibrated probability': 'probability',
    'adjusted classify and count': 'adjusted',
    'probability-adjusted count': 'probabilityAdjusted',
    'EM prior shift': 'em',
    'count, film-level rates': 'filmCount',
    'probability, film-level rates': 'filmProbability',
  };
  const heldMae = (name: string): number => quant?.heldOutFilmMae[heldKey[name] ?? ''] ?? Number.POSITIVE_INFINITY;
  const chosen = quant ? [...quantifiers].sort((a, b) => heldMae(a[0]) - heldMae(b[0]))[0]! : (quantifiers.find((q) => q[1].kind === 'adjusted') ?? quantifiers[0]!);
  if (quant) {
    log(`held-out rt_flatiron films (${quant.heldOutFilms} with ≥ 20 snippets, rates from the other half of them), per-film MAE: ${quantifiers.map(([n]) => `${n} ${heldMae(n).toFixed(2)}`).join(', ')}`);
  }
  log(`quantifier for the target: ${chosen[0]}${quant ? ' (least held-out error)' : ''}`);
  const clean = titled.filter((f) => f.seen / f.reviews.length <= 0.1);
  const results: Record<string, unknown> = { model: model.version, rates: shipped, quantification: quant, chosen: chosen[0], tables: {} };
  const table = (label: string, films: FilmCase[]): void => {
    log(`\n${label}: ${films.length} films with ≥ ${MIN_REVIEWS} reviews`);
    log(`  ${'quantifier'.padEnd(30)} ${'text alone: MAE'.padStart(16)} ${'Spearman'.padStart(9)}   ${'text + score: MAE'.padStart(18)} ${'Spearman'.padStart(9)}`);
    const rows: Record<string, unknown>[] = [];
    const perFilm: string[] = [];
    for (const [name, q, withScore] of quantifiers) {
      const t = score(films, 'text', q, name);
      const s = withScore ? score(films, 'withScore', q, name) : null;
      const sCells = s ? `${s.mae.toFixed(2).padStart(18)} ${s.spearman.toFixed(3).padStart(9)}` : `${'—'.padStart(18)} ${'—'.padStart(9)}`;
      log(`  ${t.name.padEnd(30)} ${t.mae.toFixed(2).padStart(16)} ${t.spearman.toFixed(3).padStart(9)}   ${sCells}`);
      rows.push({ quantifier: t.name, text: { mae: t.mae, spearman: t.spearman, films: t.films }, withScore: s && { mae: s.mae, spearman: s.spearman, films: s.films } });
      if (opts.films && name === chosen[0]) {
        perFilm.push(`  per film (${name}, text alone):`);
        for (const p of t.per) {
          perFilm.push(`    ${p.film.title.padEnd(54)} truth ${p.film.truth.toFixed(0).padStart(3)}  text ${p.est.toFixed(1).padStart(5)}  (${p.film.reviews.length} reviews${p.film.seen ? `, ${p.film.seen} seen in training` : ''})`);
        }
      }
    }
    for (const l of perFilm) log(l);
    (results.tables as Record<string, unknown>)[label] = rows;
  };
  table('titled Pixar + DreamWorks vs published Tomatometer', titled);
  if (clean.length !== titled.length) {
    const dropped = titled.filter((f) => !clean.includes(f)).map((f) => `${f.title} (${f.seen}/${f.reviews.length})`);
    log(`\n(films with > 10% of their review texts also in rt_flatiron, which the model was trained on: ${dropped.join(', ')})`);
    table('titled, without those films', clean);
  }
  table('rt_flatiron films vs share of their labels (IN-SAMPLE: the shipped model was trained on these reviews)', flatFilms);
  const main = (results.tables as Record<string, { quantifier: string; text: { mae: number }; withScore: { mae: number } | null }[]>)['titled Pixar + DreamWorks vs published Tomatometer'] ?? [];
  const pick = main.find((r) => r.quantifier === chosen[0]);
  const cc = main.find((r) => r.quantifier === 'classify and count');
  const verdict = (mae: number): string => `${mae <= 5 ? 'target met' : 'target missed'} (${mae.toFixed(2)})`;
  log('');
  if (pick) log(`target, text alone (${chosen[0]}, chosen on held-out rt_flatiron films), MAE ≤ 5 points: ${verdict(pick.text.mae)}`);
  if (cc?.withScore) log(`text plus the critic's score (classify and count), MAE ≤ 5 points: ${verdict(cc.withScore.mae)}`);
  return results;
}

export function registerEvalConsensus(evalCmd: Command): void {
  evalCmd
    .command('consensus')
    .description('Rebuild the Tomatometer of the titled Pixar and DreamWorks films from review text alone (labels unread) and compare: MAE and Spearman')
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
