/**
 * `npm run bench -- <name> [args]`: runs one benchmark of bench/ on Node 24; with no name, lists them.
 * Benchmarks are never part of `npm test`; each compares Verdict with its peers within one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  card: 'the whole review card and each stage beside wink-nlp',
  'card-same': 'one hash per card over a seeded sample, written or checked (speed changes keep cards identical)',
  'card-ab': "two checkouts' aspect stage and whole card in one process, interleaved",
  sentiment: 'polarity throughput beside VADER, AFINN and wink-nlp',
  entities: "the entity stage's share of the card's time",
  store: 'store writes and consensus queries, SQLite and PostgreSQL',
  import: 'import + analyse + index of 1,000,000 resampled reviews',
  http: 'film page and API latency with autocannon',
  scaling: "the analyser's time per doubling of input size over adversarial shapes",
  healthz: '/healthz latency while 20 clients analyse 250 KB reviews on the worker pool',
  cli: '`verdict analyze --jsonl` as a whole process beside a wink-nlp script',
  profiles: "a prolific publication's and critic's profile page data at scale",
  jit: "V8's optimising compiles and deopts per function over distinct reviews in a fresh process",
  queue: 'two queue workers on one PostgreSQL: the jobs table beside pg-boss (throughput, claim latency, SIGKILL)',
};

const [name, ...args] = process.argv.slice(2);
if (!name || !(name in BENCHES)) {
  console.log('usage: npm run bench -- <name> [options]   (each accepts --help where it has options)\n');
  for (const [n, what] of Object.entries(BENCHES)) console.log(`  ${n.padEnd(10)} ${what}`);
  process.exit(name ? 2 : 0);
}
const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
if (!existsSync(file)) {
  console.error(`bench/${name}.ts is missing`);
  process.exit(2);
}
const r = spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
