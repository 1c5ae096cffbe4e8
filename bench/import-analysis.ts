/**
 * What an analysis thread of an import costs per row, against the same analysis on this thread: the rows of an
 * import corpus (bench/import.ts) as the import sends them (`AnalyzeJob`s, in messages of 100), each analysed once
 * (fresh rows, as an import sees them), after a warm-up of `--warm` rows. Prints the CPU time per row of this
 * thread doing `analyzeJobs` + `toStored`, and of one pool worker (its own thread's CPU, so message passing,
 * structured clone and its garbage collection count) with the pool's settings.
 *
 *   node bench/import-analysis.ts [--rows 6000] [--warm 1000] FILE
 */
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readInputs } from '../src/node/readers/index.ts';
import { loadModel, loadWeights, shareWeights, type ModelWeights } from '../src/node/load-model.ts';
import { analyzeJobs, toStored, type AnalyzeJob } from '../src/node/pool/jobs.ts';

const SLICE = 100;
const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const c = process.threadCpuUsage(since);
  return (c.user + c.system) / 1000;
};

if (isMainThread) {
  const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { rows: { type: 'string', default: '6000' }, warm: { type: 'string', default: '1000' } } });
  const rows = Number(args.rows);
  const warm = Number(args.warm);
  const jobs: AnalyzeJob[] = [];
  for await (const item of readInputs(positionals, { maxBytes: 2 * 1024 * 1024 })) {
    if (item.kind !== 'row') continue;
    const { row } = item;
    jobs.push({ text: row.text, title: row.film, rating: row.rating, format: row.format, year: row.year });
    if (jobs.length >= 2 * rows + 2 * warm) break;
  }
  // Two halves of fresh rows: one for this thread, one for the worker, each after its own warm-up.
  const half = Math.floor(jobs.length / 2);
  const mine = jobs.slice(0, half);
  const theirs = jobs.slice(half);

  const model = loadModel();
  for (let i = 0; i < warm; i += SLICE) analyzeJobs(mine.slice(i, Math.min(warm, i + SLICE)), model).map(toStored);
  const t = process.threadCpuUsage();
  for (let i = warm; i < mine.length; i += SLICE) analyzeJobs(mine.slice(i, i + SLICE), model).map(toStored);
  const here = cpuMs(t) / (mine.length - warm);

  // As AnalyzePool starts its workers (shared weight tables, the same heap limits).
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { weights: shareWeights(loadWeights()), warm },
    resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 8 },
  });
  const next = (): Promise<unknown> => new Promise((resolve) => worker.once('message', resolve));
  await next();
  for (let i = 0; i < theirs.length; i += SLICE) {
    const answer = next();
    worker.postMessage(theirs.slice(i, i + SLICE));
    await answer;
  }
  const answer = next();
  worker.postMessage('cpu');
  const there = (await answer) as number;
  await worker.terminate();
  process.stdout.write(`${JSON.stringify({ rowsEach: mine.length - warm, thisThreadMsPerRow: +here.toFixed(3), poolWorkerMsPerRow: +there.toFixed(3), ratio: +(there / here).toFixed(2) })}\n`);
} else {
  const data = workerData as { weights: ModelWeights; warm: number };
  const model = loadModel(undefined, { weights: data.weights });
  let start: NodeJS.CpuUsage | null = null;
  let seen = 0;
  let measured = 0;
  parentPort!.postMessage('ready');
  parentPort!.on('message', (m: AnalyzeJob[] | 'cpu') => {
    if (m === 'cpu') {
      parentPort!.postMessage(cpuMs(start ?? undefined) / measured);
      return;
    }
    if (seen >= data.warm) {
      start ??= process.threadCpuUsage();
      measured += m.length;
    }
    seen += m.length;
    parentPort!.postMessage({ results: analyzeJobs(m, model).map(toStored) });
  });
}
