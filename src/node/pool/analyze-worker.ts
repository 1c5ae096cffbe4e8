/**
 * Worker thread of the analysis pool: loads the model once, then analyses batches of reviews sent by
 * `WorkerPool`, answering each with cards (or their JSON) or per-review errors (in the same order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeJobs, analyzeJobsJson, toStored, type PoolRequest } from './jobs.ts';
import { loadModel, loadWeights, shareWeights } from '../load-model.ts';
import type { WorkerSetup } from './worker-pool.ts';

const setup = (workerData ?? {}) as WorkerSetup;
let weights = setup.weights;
if (setup.share) {
  // The pool's first thread: the later ones are started with these tables, once they are here.
  weights = shareWeights(loadWeights(setup.modelDir));
  parentPort!.postMessage({ weights });
}
const model = loadModel(setup.modelDir, { weights });
parentPort!.on('message', (msg: PoolRequest) => {
  const results = msg.json ? analyzeJobsJson(msg.jobs, model, msg.json.fields) : msg.stored ? analyzeJobs(msg.jobs, model).map(toStored) : analyzeJobs(msg.jobs, model);
  parentPort!.postMessage({ id: msg.id, results });
});
