/** Quick protocol check while tuning: IMDB train → test. Not part of `npm run train`. */
import { loadImdb } from './sentiment-data.ts';
import { DEFAULT_TRAIN, accuracy, featurize, trainNbLr } from './sentiment-train.ts';

const t0 = performance.now();
const lap = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const tr = await loadImdb('train');
const te = await loadImdb('test');
lap('loaded');
const opts = { ...DEFAULT_TRAIN, ...JSON.parse(process.argv[2] ?? '{}') };
const xtr = featurize(tr.map((r) => r.text), tr.map((r) => r.y), opts.buckets);
const xte = featurize(te.map((r) => r.text), te.map((r) => r.y), opts.buckets);
lap('features');
for (const epochs of [1, 2, 4, 8]) {
  const m = trainNbLr(xtr, { ...opts, epochs });
  lap(`epochs ${epochs}: ${(100 * accuracy(m.weights, m.bias, xte)).toFixed(2)}%`);
}
