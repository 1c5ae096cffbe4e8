/**
 * `verdict analyze --jsonl` as a whole process (issue 13) beside a wink-nlp script on the same file.
 *
 *   npm run bench -- cli [--n 5000] [--rounds 3] [--workers auto]
 *
 * Writes a seeded sample of N IMDB test reviews as JSON Lines (bench/out/cli-imdb-N.jsonl, {"text": …} per line),
 * then times whole processes, interleaved round by round (wall clock from spawn to exit, output to /dev/null):
 * wink-nlp's tokenise + sentiment (bench/wink-jsonl.mjs); Verdict from the built package (dist/, as an installed
 * `verdict` runs; built first when missing) with the full card, with `--fields verdict,aspects,credits`, with
 * `--fields verdict` (the stages of a verdict alone), and on one
 * thread (`--workers 1`); and from the checkout's TypeScript (bin/verdict.js, type stripping). Prints the best and
 * median of the rounds, reviews/s and the ratio to wink-nlp (> 1 = faster). Writes bench/out/cli.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { shuffled } from '../src/learn/sentiment.ts';
import { loadImdb } from '../src/learn/data.ts';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' }, workers: { type: 'string', default: 'auto' } } });
const n = Number(args.n);
const rounds = Number(args.rounds);
const root = new URL('..', import.meta.url).pathname;
mkdirSync(`${root}/bench/out`, { recursive: true });

const file = `${root}/bench/out/cli-imdb-${n}.jsonl`;
if (!existsSync(file)) {
  const texts = (await loadImdb('test')).map((r) => r.text);
  const pick = shuffled(texts.length, 7).subarray(0, Math.min(n, texts.length));
  writeFileSync(file, `${Array.from(pick, (i) => JSON.stringify({ text: texts[i] })).join('\n')}\n`);
}
if (!existsSync(`${root}/dist/cli/main.js`)) spawnSync(process.execPath, [`${root}/scripts/build.ts`], { stdio: 'inherit' });

const node = process.execPath;
const fields = ['--fields', 'verdict,aspects,credits'];
const workers = ['--workers', args.workers];
const runs: { name: string; argv: string[] }[] = [
  { name: 'wink-nlp script (tokenise + sentiment)', argv: [`${root}/bench/wink-jsonl.mjs`, file] },
  { name: 'verdict analyze --jsonl (package, full card)', argv: [`${root}/dist/cli/main.js`, 'analyze', '--jsonl', file, '--no-progress', ...workers] },
  { name: 'verdict analyze --jsonl --fields verdict,aspects,credits (package)', argv: [`${root}/dist/cli/main.js`, 'analyze', '--jsonl', file, '--no-progress', ...fields, ...workers] },
  // Only the stages the fields need run: a verdict alone costs the rating and sentiment stages.
  { name: 'verdict analyze --jsonl --fields verdict (package)', argv: [`${root}/dist/cli/main.js`, 'analyze', '--jsonl', file, '--no-progress', '--fields', 'verdict', ...workers] },
  { name: 'verdict analyze --jsonl --fields … --workers 1 (package, one thread)', argv: [`${root}/dist/cli/main.js`, 'analyze', '--jsonl', file, '--no-progress', ...fields, '--workers', '1'] },
  { name: 'verdict analyze --jsonl --fields … (checkout, TypeScript)', argv: [`${root}/bin/verdict.js`, 'analyze', '--jsonl', file, '--no-progress', ...fields, ...workers] },
];

function time(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(node, argv, { stdio: ['ignore', openSync('/dev/null', 'w'), 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`${argv.join(' ')} exited ${code}`))));
  });
}

const times = runs.map(() => [] as number[]);
console.log(`${n} IMDB reviews, ${rounds} rounds, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < runs.length; i++) times[i]!.push(await time(runs[i]!.argv));
  process.stderr.write(`round ${r + 1}/${rounds} done\n`);
}
const best = times.map((t) => Math.min(...t));
const median = times.map((t) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
console.log('\n| process | best s | median s | reviews/s | × wink-nlp (best) | × wink-nlp (median) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const rows = runs.map((run, i) => {
  const row = { name: run.name, best: best[i]!, median: median[i]!, perSecond: n / best[i]!, ratio: best[0]! / best[i]!, ratioMedian: median[0]! / median[i]! };
  console.log(`| ${row.name} | ${row.best.toFixed(2)} | ${row.median.toFixed(2)} | ${Math.round(row.perSecond)} | ${row.ratio.toFixed(2)}× | ${row.ratioMedian.toFixed(2)}× |`);
  return row;
});
console.log(`\nload average after: ${loadavg()[0]!.toFixed(1)} (target: the package's --jsonl ≥ 2× wink-nlp on 2 cores)`);
writeFileSync(`${root}/bench/out/cli.json`, `${JSON.stringify({ n, rounds, cores: availableParallelism(), rows }, null, 2)}\n`);
