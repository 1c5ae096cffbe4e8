/**
 * `verdict eval editing`: how much an editor's checks improve a film's share fresh, and whether the queue's order
 * is worth following.
 *
 * rt_flatiron films held out by id (the trainer's calibration split: `inTestSplit(film id, 0.1, 'calibration')`),
 * with ≥ 20 snippets. Each snippet is analysed with the shipped model as an import would (text and the critic's
 * rating); the labels are hidden. The share fresh is the consensus's own (`filmConsensus`, default configuration).
 * A simulated editor then answers the first k reviews of each film (k = 5%, 10%, 20%, rounded, at least one) with
 * the true label, in the queue's order (`priorityOf`, the rule behind `/editor` and `GET /api/v1/queue`) or in a
 * random order (mean of several seeded shuffles). MAE in points against the share of the films' labels.
 * The shipped model was trained again on every rt_flatiron snippet after calibration, so "before" is in-sample
 * for these films and flatters the model: the improvement measured here is, if anything, understated.
 */
import type { Command } from 'commander';
import { DEFAULT_CONFIG, filmConsensus, type ReviewFacts } from '../../aggregate/index.ts';
import { analyze } from '../../analyze/index.ts';
import { doubtsOf, priorityOf } from '../../app/queue.ts';
import { dataFile, loadJsonlGz } from '../../node/data.ts';
import { loadModel } from '../../node/load-model.ts';
import { inTestSplit } from '../../learn/data.ts';
import { seededRandom } from '../../learn/seeded-random.ts';

interface FlatironReview {
  id: number;
  review_id?: number;
  review: string | null;
  rating: string | null;
  fresh: string;
  top_critic: number;
}

interface Case {
  id: string;
  facts: ReviewFacts[];
  truth: Map<string, boolean>;
  truthShare: number;
}

const KS = [0.05, 0.1, 0.2];
const RANDOM_SEEDS = 10;

function shuffled<T>(xs: T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const shareOf = (id: string, facts: ReviewFacts[]): number => (filmConsensus(id, facts, DEFAULT_CONFIG).share ?? 0) * 100;

/** Share after an editor answers the first `m` reviews of `order` with their true labels. */
function shareAfter(c: Case, order: ReviewFacts[], m: number): number {
  const checked = new Set(order.slice(0, m).map((f) => f.id));
  return shareOf(
    c.id,
    c.facts.map((f) => (checked.has(f.id) ? { ...f, label: c.truth.get(f.id)! } : f)),
  );
}

export interface EditingResult {
  films: number;
  reviews: number;
  before: number;
  rows: { k: number; queue: number; random: number }[];
}

export async function evalEditing(opts: { log: (s: string) => void; minReviews?: number; heldOut?: number }): Promise<EditingResult> {
  const { log } = opts;
  const model = loadModel();
  const rows = await loadJsonlGz<FlatironReview>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'));
  const byFilm = new Map<string, FlatironReview[]>();
  for (const r of rows) {
    if (!r.review || !r.review.trim()) continue;
    const film = String(r.id);
    if (!inTestSplit(film, opts.heldOut ?? 0.1, 'calibration')) continue;
    let list = byFilm.get(film);
    if (!list) byFilm.set(film, (list = []));
    list.push(r);
  }
  const cases: Case[] = [];
  for (const [film, list] of byFilm) {
    if (list.length < (opts.minReviews ?? 20)) continue;
    const facts: ReviewFacts[] = [];
    const truth = new Map<string, boolean>();
    list.forEach((r, i) => {
      const id = `${film}-${r.review_id ?? i}`;
      const rating = r.rating?.trim() ? r.rating.trim() : undefined;
      const card = analyze(r.review!, model, rating ? { rating } : {});
      // As an import stores it: the card's normalised rating.
      const normalized = card.rating ? card.rating.normalized : null;
      facts.push({ id, filmId: film, criticId: null, criticName: null, publicationName: null, topCritic: r.top_critic === 1, label: null, rating: normalized, card });
      truth.set(id, r.fresh === 'fresh');
    });
    const truthShare = (100 * [...truth.values()].filter(Boolean).length) / truth.size;
    cases.push({ id: film, facts, truth, truthShare });
  }
  const n = cases.reduce((s, c) => s + c.facts.length, 0);
  log(`model ${model.version}`);
  log(`rt_flatiron films held out by id (the trainer's calibration split) with ≥ ${opts.minReviews ?? 20} snippets: ${cases.length} films, ${n} reviews; labels hidden`);
  const mae = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const before = mae(cases.map((c) => Math.abs(shareOf(c.id, c.facts) - c.truthShare)));
  const out: EditingResult = { films: cases.length, reviews: n, before, rows: [] };
  for (const k of KS) {
    const queueErr: number[] = [];
    const randomErr: number[] = [];
    for (const c of cases) {
      const m = Math.max(1, Math.round(k * c.facts.length));
      const share = shareOf(c.id, c.facts) / 100;
      const order = [...c.facts].sort((a, b) => priorityOf(doubtsOf(b), c.facts.length, share) - priorityOf(doubtsOf(a), c.facts.length, share) || (a.id < b.id ? -1 : 1));
      queueErr.push(Math.abs(shareAfter(c, order, m) - c.truthShare));
      let r = 0;
      for (let seed = 1; seed <= RANDOM_SEEDS; seed++) r += Math.abs(shareAfter(c, shuffled(c.facts, seededRandom(seed * 7919 + c.facts.length)), m) - c.truthShare);
      randomErr.push(r / RANDOM_SEEDS);
    }
    out.rows.push({ k, queue: mae(queueErr), random: mae(randomErr) });
  }
  log('');
  log('| reviews checked per film | share-fresh MAE, queue order | random order (mean of 10 shuffles) | queue vs before | queue vs random |');
  log('| ---: | ---: | ---: | ---: | ---: |');
  log(`| none | ${before.toFixed(2)} | ${before.toFixed(2)} | | |`);
  for (const r of out.rows) {
    log(`| ${Math.round(r.k * 100)}% | ${r.queue.toFixed(2)} | ${r.random.toFixed(2)} | −${(100 * (1 - r.queue / before)).toFixed(0)}% | −${(100 * (1 - r.queue / r.random)).toFixed(0)}% |`);
  }
  const ten = out.rows.find((r) => r.k === 0.1)!;
  const halved = ten.queue <= before / 2;
  const beats = ten.queue <= 0.7 * ten.random;
  log('');
  log(`target (10% in queue order halves the MAE and beats random order by ≥ 30%): ${halved && beats ? 'met' : 'missed'} (${ten.queue.toFixed(2)} vs ${before.toFixed(2)} before, ${ten.random.toFixed(2)} random)`);
  return out;
}

export function registerEvalEditing(evalCmd: Command): void {
  evalCmd
    .command('editing')
    .description("Simulated editors: share-fresh error before and after checking 5%, 10%, 20% of each film's reviews, queue order vs random order")
    .option('--json', 'print the figures as JSON')
    .action(async (flags: { json?: boolean }) => {
      const res = await evalEditing({ log: (s) => (flags.json ? process.stderr : process.stdout).write(`${s}\n`) });
      if (flags.json) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    });
}
