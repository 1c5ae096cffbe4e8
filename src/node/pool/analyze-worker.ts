/**
 * Worker thread of the analysis pool: loads the model once, then analyses batches of reviews sent by
 * `AnalyzePool`, answering each with cards or per-review errors (in the same order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeJobs, type PoolRequest } from './jobs.ts';
import { loadModel } from '../load-model.ts';

const model = loadModel((workerData as { modelDir?: string } | undefined)?.modelDir);
parentPort!.on('message', (msg: PoolRequest) => {
  parentPort!.postMessage({ id: msg.id, results: analyzeJobs(msg.jobs, model) });
});
