/**
 * HTTP benchmark (issue 6): the film page and GET /api/v1/films/:id over a database (the 1,000,000-review
 * database from bench/import.ts, or any), with autocannon on loopback. The server runs in its own process
 * so its memory is measured alone; /healthz in the same run is the peer (the framework's own ceiling).
 *
 *   node bench/http.ts --db bench/out/import/bench-1000000.db [--duration 20] [--connections 10] [--memory-run 60] [--workers 1|2]
 *
 * Prints a JSON report and writes it to bench/out/http.json. Targets: p99 ≤ 20 ms on the film routes;
 * server RSS after a 60-s run ≤ 110% of its level after the first 5 s; film page HTML + CSS + JS ≤ 100 KB,
 * first response ≤ 50 ms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

interface Histogram { p50: number; p90: number; p97_5: number; p99: number; average: number; max: number }
interface CannonResult { latency: Histogram; requests: Histogram & { total: number }; non2xx: number; errors: number; timeouts: number; duration: number }
type Autocannon = (opts: { url: string; connections: number; duration: number; pipelining?: number; headers?: Record<string, string>; requests?: { setupRequest: (req: { path: string }) => { path: string } }[] }) => Promise<CannonResult>;
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    'memory-run': { type: 'string', default: '60' },
    film: { type: 'string' },
    out: { type: 'string', default: 'bench/out/http.json' },
    workers: { type: 'string', default: '1' },
    'page-cache-ms': { type: 'string', default: '10000' },
  },
});
if (!args.db) {
  process.stderr.write('usage: node bench/http.ts --db FILE.db [--duration S] [--connections N] [--memory-run S] [--film ID]\n');
  process.exit(2);
}
const duration = Number(args.duration);
const connections = Number(args.connections);
const memoryRun = Number(args['memory-run']);

/** Resident memory of a process and its children (the cluster workers), in kB. */
function rssKb(pid: number): number {
  const one = (p: number): number => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  };
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  return one(pid) + children.reduce((a, c) => a + one(c), 0);
}

async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--db', db, '--port', '0', '--log-level', 'warn', '--workers', args.workers!, '--page-cache-ms', args['page-cache-ms']!], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

function summary(name: string, r: CannonResult) {
  return { route: name, rps: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, max_ms: r.latency.max, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

const { child, url } = await startServer(args.db);
try {
  // The film with the most reviews: the heaviest page.
  let filmId = args.film;
  if (!filmId) {
    const top = (await (await fetch(`${url}/api/v1/films?limit=100`)).json()) as { items: { id: string; reviews: number }[] };
    filmId = [...top.items].sort((a, b) => b.reviews - a.reviews)[0]?.id;
    if (!filmId) throw new Error('the database has no films');
  }
  const filmPath = `/films/${encodeURIComponent(filmId)}`;
  const apiPath = `/api/v1/films/${encodeURIComponent(filmId)}`;

  // Page weight and first response (cold, then the median of 20 sequential requests).
  const t0 = performance.now();
  const first = await fetch(url + filmPath);
  const htmlText = await first.text();
  const coldMs = performance.now() - t0;
  const seq: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await (await fetch(url + filmPath)).arrayBuffer();
    seq.push(performance.now() - t);
  }
  seq.sort((a, b) => a - b);
  const assets = [...htmlText.matchAll(/(?:href|src)="(\/static\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
  let assetBytes = 0;
  for (const a of assets) assetBytes += (await (await fetch(url + a)).arrayBuffer()).byteLength;
  const htmlBytes = Buffer.byteLength(htmlText);
  const weight = { film: filmId, html_bytes: htmlBytes, css_js_bytes: assetBytes, total_kb: Math.round(((htmlBytes + assetBytes) / 1024) * 10) / 10, first_response_cold_ms: Math.round(coldMs * 10) / 10, first_response_median_ms: Math.round(seq[10]! * 10) / 10 };

  const runs = [];
  for (const [name, path] of [['healthz (peer: framework only)', '/healthz'], ['film page (most reviewed film)', filmPath], ['api film (most reviewed film)', apiPath]] as const) {
    await autocannon({ url: url + path, connections, duration: 2 }); // warm-up
    runs.push(summary(name, await autocannon({ url: url + path, connections, duration })));
  }
  // Many films at random (1,000 of the most reviewed): mostly cache misses, so this measures rendering from the store.
  const ids: string[] = [];
  for (let offset = 0; ids.length < 1000; offset += 100) {
    const page = (await (await fetch(`${url}/api/v1/films?limit=100&offset=${offset}`)).json()) as { items: { id: string }[] };
    if (page.items.length === 0) break;
    ids.push(...page.items.map((f) => f.id));
  }
  const spread = (prefix: string) => [{ setupRequest: (req: { path: string }) => ({ ...req, path: `${prefix}${encodeURIComponent(ids[Math.floor(Math.random() * ids.length)]!)}` }) }];
  for (const [name, prefix] of [['film page (1,000 films at random)', '/films/'], ['api film (1,000 films at random)', '/api/v1/films/']] as const) {
    runs.push(summary(name, await autocannon({ url, connections, duration, requests: spread(prefix) })));
  }

  // Memory over a long run on the film page: RSS after 5 s vs at the end.
  let rss5 = NaN;
  const timer = setTimeout(() => (rss5 = rssKb(child.pid!)), 5000);
  const long = await autocannon({ url: url + filmPath, connections, duration: memoryRun });
  clearTimeout(timer);
  const rssEnd = rssKb(child.pid!);
  const memory = { run_s: memoryRun, rss_after_5s_mb: Math.round(rss5 / 1024), rss_end_mb: Math.round(rssEnd / 1024), ratio: Math.round((rssEnd / rss5) * 1000) / 1000, rps: Math.round(long.requests.average), p99_ms: long.latency.p99 };

  const report = { url, db: args.db, workers: Number(args.workers), page_cache_ms: Number(args['page-cache-ms']), connections, duration_s: duration, cores: (await import('node:os')).availableParallelism(), weight, runs, memory };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync(args.out!, JSON.stringify(report, null, 2));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  child.kill('SIGTERM');
}
