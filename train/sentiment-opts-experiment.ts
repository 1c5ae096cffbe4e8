/**
 * Tuning aid (not part of `npm run train`): word-table training options on `verdict eval sentiment`'s own
 * protocols (SST-2 dev, rt_flatiron by film), each variant's margins Platt-calibrated on the protocol's held-out
 * short texts (word table only, no character stack).
 *   node train/sentiment-opts-experiment.ts sst,rt '[{},{"beta":0.25}]'
 */
import { readDoc } from '../src/analyze/text/index.ts';
import { sigmoid } from '../src/analyze/sentiment/score.ts';
import { DEFAULT_TRAIN, SHORT_TOKENS, exampleOf, fitPlatt, marginOf, trainNbLr, type Example, type TrainOptions } from '../src/learn/sentiment.ts';
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, loadSstPhrases, type Labelled } from '../src/learn/data.ts';

const t0 = performance.now();
const lap = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const key = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]+/g, '');
const which = (process.argv[2] ?? 'sst,rt').split(',');
const configs = JSON.parse(process.argv[3] ?? '[{}]') as Partial<TrainOptions>[];

const imdbTrain = await loadImdb('train');
const mr = await loadMr();
const sstTrain = await loadSstPhrases();
const rt = await loadRtFlatiron();
const feats = new WeakMap<Labelled, Example>();
const featOf = (r: Labelled): Example => {
  let f = feats.get(r);
  if (!f) feats.set(r, (f = exampleOf(readDoc(r.text), r.y, DEFAULT_TRAIN.buckets)));
  return f;
};
const protocols: { name: string; train: Labelled[]; test: Labelled[] }[] = [];
if (which.includes('sst')) protocols.push({ name: 'SST-2 dev', train: [...sstTrain, ...mr, ...rt, ...imdbTrain], test: await loadSst('dev') });
if (which.includes('rt')) protocols.push({ name: 'rt_flatiron', train: [...rt.filter((r) => !inTestSplit(r.group, 0.2, 'eval-films')), ...mr, ...sstTrain, ...imdbTrain], test: rt.filter((r) => inTestSplit(r.group, 0.2, 'eval-films')) });
if (which.includes('mr1')) {
  // One fold of the MR row (fold 0 of its seeded 10).
  const { shuffled } = await import('../src/learn/sentiment.ts');
  const order = shuffled(mr.length, 11);
  const fold = new Int32Array(mr.length);
  order.forEach((idx, pos) => (fold[idx] = pos % 10));
  protocols.push({ name: 'MR fold 1', train: [...mr.filter((_r, i) => fold[i] !== 0), ...imdbTrain, ...rt], test: mr.filter((_r, i) => fold[i] === 0) });
}
for (const p of protocols) {
  const exclude = new Set(p.test.map((r) => key(r.text)));
  const fit: Example[] = [];
  const calib: Example[] = [];
  for (const r of p.train) {
    if (exclude.has(key(r.text)) || (r.source !== undefined && exclude.has(key(r.source)))) continue;
    (inTestSplit(r.group, 0.1, 'protocol-calibration') ? calib : fit).push(featOf(r));
  }
  const shortCalib = calib.filter((ex) => ex.tokens < SHORT_TOKENS);
  const test = p.test.map(featOf);
  lap(`${p.name}: ${fit.length} train, ${shortCalib.length} short calib, ${test.length} test`);
  for (const c of configs) {
    const m = trainNbLr(fit, { ...DEFAULT_TRAIN, ...c });
    const platt = fitPlatt(shortCalib.map((ex) => marginOf(m.weights, m.bias, ex)), shortCalib.map((ex) => ex.y));
    const ok = test.filter((ex) => (sigmoid(platt.a * marginOf(m.weights, m.bias, ex) + platt.b) >= 0.5 ? 1 : 0) === ex.y).length;
    lap(`${p.name} ${JSON.stringify(c)}: ${((100 * ok) / test.length).toFixed(2)}%`);
  }
}
