/**
 * `verdict eval sentiment`: Verdict's polarity beside the lexicon tools people use today (VADER, AFINN,
 * wink-nlp), set by set, each row under its own protocol, with calibration (ECE) and throughput.
 *
 * Every row trains its own model here (the shipped one has seen all the data): IMDB on IMDB train only;
 * MR by 10-fold cross-validation (SST is left out there: its phrases come from MR's sentences); SST-2 dev without it; rt_flatiron split by film. Training texts equal to a
 * test text (after normalising case and punctuation; SST and MR share most sentences) are dropped.
 */
import type { Command } from 'commander';
import { EMPTY_LEXICON } from '../../analyze/lexicon.ts';
import type { Model } from '../../analyze/model.ts';
import { DEFAULT_TRAIN, exampleOf, expectedCalibrationError, fitSentiment, shuffled, type Example } from '../../learn/sentiment.ts';
import { scoreSentiment } from '../../analyze/sentiment/index.ts';
import { readDoc, type Doc } from '../../analyze/text/index.ts';
import { loadModel } from '../../node/load-model.ts';
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, loadSstPhrases, type Labelled } from '../../learn/data.ts';
import { measureSpeed, PEERS, type Speed } from '../../learn/peers.ts';

const key = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]+/g, '');

interface Row {
  name: string;
  protocol: string;
  target: number;
  /** One or more train/test splits (10 for cross-validation); accuracy pools their test predictions. */
  splits: () => { train: Labelled[]; test: Labelled[] }[];
}

interface Outcome {
  name: string;
  protocol: string;
  target: number;
  n: number;
  verdict: number;
  ece: number;
  peers: number[];
  trainSeconds: number;
  speed: Speed[];
}

const featureCache = new WeakMap<Labelled, Example>();

/** Train a protocol model on `train` (90% trains, 10% by group calibrates, then all of it trains again). */
function protocolModel(train: readonly Labelled[], exclude: ReadonlySet<string>): Model {
  const opts = DEFAULT_TRAIN;
  const fit: Example[] = [];
  const calib: { doc: Doc; y: number }[] = [];
  for (const r of train) {
    if (exclude.has(key(r.text)) || (r.source !== undefined && exclude.has(key(r.source)))) continue;
    if (inTestSplit(r.group, 0.1, 'protocol-calibration')) calib.push({ doc: readDoc(r.text), y: r.y });
    else {
      // Cross-validation folds and rows share training texts: featurise each once.
      let ex = featureCache.get(r);
      if (!ex) featureCache.set(r, (ex = exampleOf(readDoc(r.text), r.y, opts.buckets)));
      fit.push(ex);
    }
  }
  return { version: 'eval', sentiment: fitSentiment(fit, calib, opts, true).model, lexicon: EMPTY_LEXICON };
}

const pctOf = (ok: number, n: number): number => (100 * ok) / Math.max(1, n);

function runRow(row: Row, shipped: Model, speedSample: number, log: (s: string) => void): Outcome {
  let n = 0, ok = 0;
  const peerOk = PEERS.map(() => 0);
  const probs: number[] = [];
  const labels: number[] = [];
  let trainSeconds = 0;
  let speed: Speed[] = [];
  const splits = row.splits();
  splits.forEach((split, k) => {
    const exclude = new Set(split.test.map((r) => key(r.text)));
    const t0 = performance.now();
    const model = protocolModel(split.train, exclude);
    trainSeconds += (performance.now() - t0) / 1000;
    for (const r of split.test) {
      const v = scoreSentiment(readDoc(r.text), model, null).verdict;
      const p = v ? (v.fresh ? v.confidence : 1 - v.confidence) : 0.5;
      probs.push(p);
      labels.push(r.y);
      n++;
      if ((p >= 0.5 ? 1 : 0) === r.y) ok++;
      PEERS.forEach((peer, j) => {
        if ((peer.positive(r.text) ? 1 : 0) === r.y) peerOk[j]!++;
      });
    }
    if (k === 0) {
      const order = shuffled(split.test.length, 7);
      const sample = Array.from(order.subarray(0, Math.min(speedSample, split.test.length)), (i) => split.test[i]!.text);
      speed = measureSpeed(sample, model, shipped);
    }
    if (splits.length > 1) log(`${row.name}: fold ${k + 1}/${splits.length} done`);
  });
  return { name: row.name, protocol: row.protocol, target: row.target, n, verdict: pctOf(ok, n), ece: expectedCalibrationError(probs, labels), peers: peerOk.map((c) => pctOf(c, n)), trainSeconds, speed };
}

async function rows(which: Set<string>, limit: number): Promise<Row[]> {
  const cap = <T>(xs: T[]): T[] => (limit > 0 ? Array.from(shuffled(xs.length, 3).subarray(0, Math.min(limit, xs.length)), (i) => xs[i]!) : xs);
  const out: Row[] = [];
  const need = (s: string): boolean => which.has(s);
  const imdbTrain = need('imdb') || need('sst') || need('rt') || need('recent') || need('mr') ? await loadImdb('train') : [];
  if (need('imdb')) {
    const test = cap(await loadImdb('test'));
    out.push({ name: 'IMDB test', protocol: 'trained on IMDB train only', target: 93, splits: () => [{ train: imdbTrain, test }] });
  }
  const mr = need('mr') || need('sst') || need('rt') || need('recent') ? await loadMr() : [];
  const sstTrain = need('sst') || need('rt') || need('recent') ? await loadSstPhrases() : [];
  const rt = need('rt') || need('recent') || need('sst') || need('mr') ? await loadRtFlatiron() : [];
  if (need('mr')) {
    const order = shuffled(mr.length, 11);
    const fold = new Int32Array(mr.length);
    order.forEach((idx, pos) => (fold[idx] = pos % 10));
    out.push({
      name: 'MR (shared part)', protocol: '10-fold cross-validation; the 9 training folds plus IMDB train and rt_flatiron', target: 83,
      splits: () => Array.from({ length: 10 }, (_, f) => ({ train: [...mr.filter((_r, i) => fold[i] !== f), ...imdbTrain, ...rt], test: cap(mr.filter((_r, i) => fold[i] === f)) })),
    });
  }
  if (need('sst')) {
    const dev = cap(await loadSst('dev'));
    out.push({ name: 'SST-2 dev', protocol: 'trained on SST train phrases, MR, rt_flatiron, IMDB train (dev sentences removed)', target: 88, splits: () => [{ train: [...sstTrain, ...mr, ...rt, ...imdbTrain], test: dev }] });
  }
  if (need('rt')) {
    const test = cap(rt.filter((r) => inTestSplit(r.group, 0.2, 'eval-films')));
    const trainRt = rt.filter((r) => !inTestSplit(r.group, 0.2, 'eval-films'));
    out.push({ name: 'rt_flatiron fresh/rotten', protocol: 'split by film id (20% of films test); trained on the other films, MR, SST train phrases, IMDB train', target: 82, splits: () => [{ train: [...trainRt, ...mr, ...sstTrain, ...imdbTrain], test }] });
  }
  if (need('recent')) {
    // Recency: the newest tenth of the films (by the median date of their reviews) held out, trained on the older.
    const newest = newestFilms(rt, 0.1);
    const test = cap(rt.filter((r) => newest.has(r.group)));
    out.push({ name: 'rt_flatiron newest films', protocol: `the newest 10% of films (${newest.size}, median review date ≥ ${newest.since}) test; trained on the older films, MR, SST train phrases, IMDB train`, target: 82, splits: () => [{ train: [...rt.filter((r) => !newest.has(r.group)), ...mr, ...sstTrain, ...imdbTrain], test }] });
  }
  return out;
}

/** The newest `share` of films by the median date of their reviews (films without dates are never newest). */
function newestFilms(rows: readonly Labelled[], share: number): Set<string> & { since: string } {
  const dates = new Map<string, number[]>();
  for (const r of rows) {
    if (r.date === undefined) continue;
    let l = dates.get(r.group);
    if (!l) dates.set(r.group, (l = []));
    l.push(r.date);
  }
  const medians = [...dates].map(([g, l]) => [g, l.sort((a, b) => a - b)[Math.floor(l.length / 2)]!] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const picked = medians.slice(0, Math.max(1, Math.round(medians.length * share)));
  const since = new Date(picked[picked.length - 1]?.[1] ?? 0).toISOString().slice(0, 10);
  return Object.assign(new Set(picked.map(([g]) => g)), { since });
}

const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);

export function registerEvalSentiment(evalCmd: Command): void {
  evalCmd
    .command('sentiment')
    .description('Polarity accuracy, calibration and speed beside VADER, AFINN and wink-nlp (each row under its own protocol)')
    .option('--sets <list>', 'comma-separated: imdb, mr, sst, rt, recent', 'imdb,mr,sst,rt,recent')
    .option('--limit <n>', 'evaluate at most n test texts per set (seeded sample; 0 = all)', '0')
    .option('--speed-sample <n>', 'texts per set for the throughput runs', '1000')
    .action(async (o: { sets: string; limit: string; speedSample: string }) => {
      const log = (s: string): void => console.error(s);
      const shipped = loadModel();
      const outcomes: Outcome[] = [];
      for (const row of await rows(new Set(o.sets.split(',').map((s) => s.trim())), Number(o.limit))) {
        log(`${row.name}: training (${row.protocol}) and scoring…`);
        outcomes.push(runRow(row, shipped, Number(o.speedSample), log));
      }
      console.log('\nAccuracy (%), each row under its own protocol; ECE = expected calibration error of Verdict\'s confidence (10 bins)\n');
      console.log('| set | protocol | n | Verdict | ECE | VADER | AFINN | wink-nlp | target |');
      console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
      for (const r of outcomes) {
        const met = r.verdict >= r.target ? 'met' : 'missed';
        console.log(`| ${r.name} | ${r.protocol} | ${r.n} | **${f2(r.verdict)}** | ${r.ece.toFixed(3)} | ${r.peers.map(f1).join(' | ')} | ≥ ${r.target}: ${met} |`);
      }
      console.log('\nThroughput on the same texts (a seeded sample of each test set; best of 3 interleaved rounds)\n');
      console.log('| set | tool | reviews/s | MB/s | Verdict polarity ÷ tool | Verdict card ÷ tool |');
      console.log('| --- | --- | ---: | ---: | ---: | ---: |');
      for (const r of outcomes) {
        const pol = r.speed.find((s) => s.tool === 'Verdict polarity')!;
        const card = r.speed.find((s) => s.tool === 'Verdict card')!;
        for (const s of r.speed) {
          const ratio = (a: Speed): string => (s === a ? '' : `${f2(a.reviewsPerSecond / s.reviewsPerSecond)}×`);
          console.log(`| ${r.name} | ${s.tool} | ${Math.round(s.reviewsPerSecond)} | ${f2(s.mbPerSecond)} | ${ratio(pol)} | ${ratio(card)} |`);
        }
      }
      const vaderRatio = outcomes.map((r) => r.speed.find((s) => s.tool === 'Verdict polarity')!.reviewsPerSecond / r.speed.find((s) => s.tool === 'VADER')!.reviewsPerSecond);
      const winkRatio = outcomes.map((r) => r.speed.find((s) => s.tool === 'Verdict card')!.reviewsPerSecond / r.speed.find((s) => s.tool === 'wink-nlp')!.reviewsPerSecond);
      if (outcomes.length) {
        console.log(`\nSpeed targets: polarity ≥ 3× VADER (min over sets ${f2(Math.min(...vaderRatio))}×: ${Math.min(...vaderRatio) >= 3 ? 'met' : 'missed'}); whole card ≥ 1.0× wink-nlp (min ${f2(Math.min(...winkRatio))}×: ${Math.min(...winkRatio) >= 1 ? 'met' : 'missed'})`);
        console.log(`Training time per protocol model: ${outcomes.map((r) => `${r.name} ${f1(r.trainSeconds)} s`).join(', ')}`);
      }
    });
}
