/**
 * Worker thread of the analysis pool: loads the model once, then analyses batches of reviews sent by
 * `AnalyzePool`, answering each with cards (or their JSON) or per-review errors (in the same order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeJobs, analyzeJobsJson, toStored, type PoolRequest } from './jobs.ts';
import { loadModel, type ModelWeights } from '../load-model.ts';

const data = workerData as { modelDir?: string; weights?: ModelWeights } | undefined;
// The weight tables come from the pool when it shares them between its threads.
const model = loadModel(data?.modelDir, { weights: data?.weights });
parentPort!.on('message', (msg: PoolRequest) => {
  const results = msg.json ? analyzeJobsJson(msg.jobs, model, msg.json.fields) : msg.stored ? analyzeJobs(msg.jobs, model).map(toStored) : analyzeJobs(msg.jobs, model);
  parentPort!.postMessage({ id: msg.id, results });
});
