/**
 * Scaling benchmark (issue 14): the analyser's time as the input doubles, over adversarial shapes.
 *
 *   npm run bench -- scaling [--from 16KB] [--to 2MB] [--shape cast,titlecase,...] [--budget 30]
 *
 * For each shape, builds inputs of 16 KB, 32 KB, … 2 MB, times `analyze` in CPU time (process.cpuUsage: on a
 * shared machine wall time counts the other jobs too; shipped model, after one warm-up at the smallest size; best
 * of three runs, two from 1 s on) and prints the time and the ratio to the previous size, then per shape the mean
 * ratio per doubling and the worst single step. A linear analyser doubles (2×); the target is ≤ 2.3× per doubling.
 * A shape stops early once one run takes more than --budget seconds (the rest would only take longer), and says so.
 */
import { parseArgs } from 'node:util';
import { analyze } from '../src/analyze/index.ts';
import { loadModel } from '../src/node/load-model.ts';
import { formatBytes, parseSize } from '../src/node/read-input.ts';

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: '16KB' },
    to: { type: 'string', default: '2MB' },
    shape: { type: 'string' },
    budget: { type: 'string', default: '30' },
    help: { type: 'boolean', default: false },
  },
});

/** A deterministic stream of pseudo-random integers (so every run builds the same inputs). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima', 'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo', 'Sierra', 'Tango', 'Uniform', 'Victor', 'Whiskey', 'Xray', 'Yankee', 'Zulu'];

/** Repeat `unit(i)` until the text reaches `bytes` characters (all shapes are ASCII: characters = bytes). */
function fill(bytes: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return parts.join('').slice(0, bytes);
}

const SHAPES: Record<string, { what: string; make: (bytes: number) => string }> = {
  cast: { what: '"Keanu Reeves as John Wick, Ian McShane as Winston, " repeated', make: (b) => fill(b, () => 'Keanu Reeves as John Wick, Ian McShane as Winston, ') },
  titlecase: {
    what: 'Title Case words, no punctuation',
    make: (b) => {
      const r = rng(1);
      return fill(b, () => `${WORDS[r() % WORDS.length]} `);
    },
  },
  names: { what: '"John Smith " repeated', make: (b) => fill(b, () => 'John Smith ') },
  quotes: { what: 'quote-like lines', make: (b) => fill(b, (i) => `"A stunning, heartfelt film number ${i}," says The Daily Planet.\n`) },
  markdown: { what: 'nested Markdown (> and - up to 40 deep)', make: (b) => fill(b, (i) => `${'> '.repeat(i % 40)}- A fine film, ${i}.\n`) },
  lower: {
    what: 'lower-case words, no punctuation',
    make: (b) => {
      const r = rng(1);
      const w = 'the film is great and the acting superb but the plot drags'.split(' ');
      // The generator's high bits: its low bits repeat within a few words, and a periodic text is not this shape.
      return fill(b, () => `${w[(r() >>> 16) % w.length]} `);
    },
  },
  sentence: { what: 'one huge sentence', make: (b) => fill(b, (i) => `the film with ${WORDS[i % WORDS.length]} is good and `) },
};

if (args.help) {
  console.log('npm run bench -- scaling [--from 16KB] [--to 2MB] [--shape NAME,...] [--budget SECONDS]\n');
  for (const [n, s] of Object.entries(SHAPES)) console.log(`  ${n.padEnd(10)} ${s.what}`);
  process.exit(0);
}

const from = parseSize(args.from);
const to = parseSize(args.to);
const budgetMs = Number(args.budget) * 1000;
const names = args.shape ? args.shape.split(',') : Object.keys(SHAPES);
for (const n of names) {
  if (!SHAPES[n]) {
    console.error(`unknown shape "${n}" (one of ${Object.keys(SHAPES).join(', ')})`);
    process.exit(2);
  }
}
const model = loadModel();

/** Best of three runs (of two from 1 s on): on a shared machine the minimum is the steadiest figure. */
function time(text: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = process.cpuUsage();
    analyze(text, model);
    const { user, system } = process.cpuUsage(t0);
    best = Math.min(best, (user + system) / 1000);
    if (best >= 1000 && k >= 1) break;
  }
  return best;
}

console.log(`analyse CPU time per input size, doubling from ${formatBytes(from)} to ${formatBytes(to)} (target ≤ 2.3× per doubling)\n`);
const worst: [string, number, number][] = [];
for (const name of names) {
  const shape = SHAPES[name]!;
  console.log(`${name}: ${shape.what}`);
  time(shape.make(from));
  let prev = 0;
  let maxRatio = 0;
  // The mean ratio per doubling from the first size that takes 5 ms on: (last / first) ^ (1 / doublings).
  let first: [number, number] | null = null;
  let last: [number, number] | null = null;
  for (let size = from; size <= to; size *= 2) {
    const ms = time(shape.make(size));
    const ratio = prev > 0 ? ms / prev : 0;
    // Below a few milliseconds the ratio is mostly noise: it does not count towards the worst.
    if (prev >= 5) maxRatio = Math.max(maxRatio, ratio);
    if (!first && ms >= 5) first = [size, ms];
    else if (first) last = [size, ms];
    console.log(`  ${formatBytes(size).padStart(9)}  ${ms.toFixed(1).padStart(9)} ms  ${prev > 0 ? `${ratio.toFixed(2)}×` : ''}`);
    prev = ms;
    if (ms > budgetMs && size * 2 <= to) {
      console.log(`  stopped: over the ${args.budget} s budget`);
      maxRatio = Math.max(maxRatio, Infinity);
      break;
    }
  }
  const mean = first && last && Number.isFinite(maxRatio) ? (last[1] / first[1]) ** (1 / Math.log2(last[0] / first[0])) : Infinity;
  worst.push([name, mean, maxRatio]);
}
const fmt = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'over budget');
console.log('\nratio per doubling: mean (first size from 5 ms to the last), worst single step (noisy on a busy machine)');
for (const [name, mean, max] of worst) console.log(`  ${name.padEnd(10)} mean ${fmt(mean).padStart(11)}  worst ${fmt(max).padStart(11)}  ${mean <= 2.3 ? 'ok' : 'OVER TARGET'}`);
console.log(`\npeak resident memory of this run: ${formatBytes(process.resourceUsage().maxRSS * 1024)} (one shape per run with --shape gives each its own)`);
