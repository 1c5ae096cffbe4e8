/**
 * Tuning aid (not part of `npm run train`): word-table training options on `verdict eval sentiment`'s own
 * protocols (SST-2 dev, rt_flatiron by film), each variant's margins Platt-calibrated on the protocol's held-out
 * short texts (word table only, no character stack).
 *   node train/sentiment-opts-experiment.ts sst,rt '[{},{"beta":0.25}]'
 */
import { readDoc } from '../src/analyze/text/index.ts';
import { sigmoid } from '../src/analyze/sentiment/score.ts';
import { DEFAULT_TRAIN, SHORT_TOKENS, exampleOf, fitPlatt, marginOf, trainNbLr, type Example, type TrainOptions } from '../src/learn/sentiment.ts';
import { inTestSplit, type Labelled } from '../src/learn/data.ts';
import { sentimentProtocols, textKey as key } from './sentiment-protocols.ts';

const t0 = performance.now();
const lap = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const which = (process.argv[2] ?? 'sst,rt').split(',');
const configs = JSON.parse(process.argv[3] ?? '[{}]') as Partial<TrainOptions>[];

const feats = new WeakMap<Labelled, Example>();
const featOf = (r: Labelled): Example => {
  let f = feats.get(r);
  if (!f) feats.set(r, (f = exampleOf(readDoc(r.text), r.y, DEFAULT_TRAIN.buckets)));
  return f;
};
const protocols = await sentimentProtocols(which);
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
