/**
 * Worker of the server's analysis pool (`TaskPool`, on piscina): loads the model once, then analyses the
 * batches it is given. A batch that runs past its request's time budget is aborted by piscina, which ends this
 * thread and starts a fresh one.
 */
import { workerData } from 'node:worker_threads';
import { analyzeJobs, type AnalyzeJob, type AnalyzeResult } from './jobs.ts';
import { loadModel } from '../load-model.ts';

const model = loadModel((workerData as { modelDir?: string } | undefined)?.modelDir);

export default function run(jobs: AnalyzeJob[]): AnalyzeResult[] {
  return analyzeJobs(jobs, model);
}
