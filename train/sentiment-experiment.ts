/**
 * Tuning aid (not part of `npm run train`): IMDB train → test accuracy for option sets given as JSON.
 *   node train/sentiment-experiment.ts '[{"lr":0.05},{"init":1}]'
 */
import { loadImdb } from '../src/learn/data.ts';
import { DEFAULT_TRAIN, accuracy, featurize, marginOf, trainNbLr, type TrainOptions } from '../src/learn/sentiment.ts';

const t0 = performance.now();
const lap = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const tr = await loadImdb('train');
const te = await loadImdb('test');
const configs = JSON.parse(process.argv[2] ?? '[{}]') as Partial<TrainOptions>[];
const buckets = configs[0]?.buckets ?? DEFAULT_TRAIN.buckets;
const xtr = featurize(tr.map((r) => r.text), tr.map((r) => r.y), buckets);
const xte = featurize(te.map((r) => r.text), te.map((r) => r.y), buckets);
lap('features');
for (const c of configs) {
  const m = trainNbLr(xtr, { ...DEFAULT_TRAIN, ...c, buckets });
  lap(`${JSON.stringify(c)}: ${(100 * accuracy(m.weights, m.bias, xte)).toFixed(2)}%`);
}
if (process.argv[3]) {
  // Ensemble: average margins of the option sets in argv[3], each weighted.
  const parts = JSON.parse(process.argv[3]) as (Partial<TrainOptions> & { weight: number })[];
  const models = parts.map((c) => ({ c, m: trainNbLr(xtr, { ...DEFAULT_TRAIN, ...c, buckets }) }));
  for (const { c, m } of models) lap(`${JSON.stringify(c)} alone: ${(100 * accuracy(m.weights, m.bias, xte, c.norm ?? 0)).toFixed(2)}%`);
  for (const scale of [0.5, 1, 2]) {
    let ok = 0;
    xte.forEach((ex) => {
      let z = 0;
      models.forEach(({ c, m }, k) => (z += (k === 0 ? 1 : scale) * c.weight * marginOf(m.weights, m.bias, ex, c.norm ?? 0)));
      if ((z >= 0 ? 1 : 0) === ex.y) ok++;
    });
    lap(`ensemble, others ×${scale}: ${((100 * ok) / xte.length).toFixed(2)}%`);
  }
}
