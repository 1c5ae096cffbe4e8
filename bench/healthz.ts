/**
 * `npm run bench -- healthz [--concurrency 20] [--seconds 15] [--kb 250]`: /healthz latency while `concurrency`
 * clients keep POSTing `kb` KB reviews to /api/v1/analyze (the slow shape of issue 14: a cast list repeated).
 * The server runs in its own process, its analyses on the worker pool; /healthz is sampled every 10 ms, one at a
 * time. Prints p50/p99/max of /healthz idle and under load, and the analyse answers by status.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' }, kb: { type: 'string', default: '250' } } });
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const unit = 'Keanu Reeves as John Wick, Ian McShane as Winston, ';
const text = unit.repeat(Math.floor((Number(values.kb) * 1024) / unit.length));

const server = spawn(process.execPath, [new URL('./healthz-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
async function sampleHealthz(ms: number): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    const r = await fetch(`${url}/healthz`);
    await r.arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return out;
}

const idle = await sampleHealthz(3000);
const statuses = new Map<number, number>();
const analyseMs: number[] = [];
let stop = false;
const client = async (): Promise<void> => {
  while (!stop) {
    const t = performance.now();
    const r = await fetch(`${url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
    await r.arrayBuffer();
    if (r.status === 200) analyseMs.push(performance.now() - t);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
};
const clients = Array.from({ length: concurrency }, client);
await new Promise((r) => setTimeout(r, 1000)); // let the pool fill
const loaded = await sampleHealthz(seconds * 1000);
stop = true;
await Promise.all(clients);
server.kill('SIGTERM');

const fmt = (xs: number[]): string => `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`/healthz idle:                         ${fmt(idle)}`);
console.log(`/healthz with ${concurrency} clients analysing ${values.kb} KB: ${fmt(loaded)}`);
console.log(`analyse answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; 200s took p50 ${pct(analyseMs, 50).toFixed(0)} ms`);
