/**
 * The held-out protocols of `verdict eval sentiment` that the sentiment tuning aids share: SST-2 dev (`sst`),
 * rt_flatiron by film (`rt`) and the first of MR's seeded ten folds (`mr1`), each with its training side.
 */
import { inTestSplit, loadImdb, loadMr, loadRtFlatiron, loadSst, loadSstPhrases, type Labelled } from '../src/learn/data.ts';
import { shuffled } from '../src/learn/sentiment.ts';

export interface Protocol {
  name: string;
  train: Labelled[];
  test: Labelled[];
}

/** A text's key for keeping test texts out of training (case and punctuation ignored). */
export const textKey = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The protocols named in `which`, in the order sst, rt, mr1. */
export async function sentimentProtocols(which: readonly string[]): Promise<Protocol[]> {
  const imdbTrain = await loadImdb('train');
  const mr = await loadMr();
  const sstTrain = await loadSstPhrases();
  const rt = await loadRtFlatiron();
  const heldFilm = (r: Labelled): boolean => inTestSplit(r.group, 0.2, 'eval-films');
  const out: Protocol[] = [];
  if (which.includes('sst')) out.push({ name: 'SST-2 dev', train: [...sstTrain, ...mr, ...rt, ...imdbTrain], test: await loadSst('dev') });
  if (which.includes('rt')) out.push({ name: 'rt_flatiron', train: [...rt.filter((r) => !heldFilm(r)), ...mr, ...sstTrain, ...imdbTrain], test: rt.filter(heldFilm) });
  if (which.includes('mr1')) {
    // Fold 1 of the MR row's seeded 10 (its training side: the other folds, IMDB train, rt_flatiron).
    const order = shuffled(mr.length, 11);
    const fold = new Int32Array(mr.length);
    order.forEach((idx, pos) => (fold[idx] = pos % 10));
    out.push({ name: 'MR fold 1', train: [...mr.filter((_r, i) => fold[i] !== 0), ...imdbTrain, ...rt], test: mr.filter((_r, i) => fold[i] === 0) });
  }
  return out;
}
