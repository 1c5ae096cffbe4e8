/**
 * What a fresh process pays before the analyser runs at speed: V8's optimising compiles and deoptimisations
 * over distinct reviews, as the CLI, an import or a server meets them (issue 13, "start fast").
 *
 *   npm run bench -- jit [--n 3000] [--top 25]
 *
 * Times a fresh child process that loads the model and analyses N distinct seeded IMDB test reviews then N
 * rt_flatiron snippets, once each, beside a fresh wink-nlp process (tokenise + sentiment) on the same texts: the
 * throughput a CLI run, an import or a server's first minutes get (bench/card.ts times the warm state). Then runs
 * the Verdict child again under `node --trace-opt --trace-deopt` and reads V8's log: compile time per function
 * (Maglev and TurboFan, summed over every compile of it), compiles and deopts per function, and the analysis
 * time per 500 reviews, and the CPU seconds of each kind of thread (V8Worker: the background compiles and GC
 * marking). A function compiled again and again is one whose optimised code keeps meeting paths it
 * had no feedback for: each of its deopts throws away all of its code. Writes bench/out/jit.json (with each
 * function's deopt reasons and bytecode offsets).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '3000' }, top: { type: 'string', default: '25' }, child: { type: 'string' } } });
const n = Number(args.n);

if (args.child) {
  const [{ analyze }, { shuffled }, { loadImdb, loadRtFlatiron }, { loadModel }] = await Promise.all([
    import('../src/analyze/index.ts'),
    import('../src/learn/sentiment.ts'),
    import('../src/learn/data.ts'),
    import('../src/node/load-model.ts'),
  ]);
  const pick = (texts: string[]): string[] => Array.from(shuffled(texts.length, 13).subarray(0, Math.min(n, texts.length)), (i) => texts[i]!);
  const sets = { imdb: pick((await loadImdb('test')).map((r) => r.text)), snippets: pick((await loadRtFlatiron()).map((r) => r.text)) };
  let t = performance.now();
  let run: (text: string) => unknown;
  if (args.child === 'wink') {
    // The peer as `verdict eval sentiment` runs it: wink-nlp's tokenise + sentiment.
    run = (await import('../src/learn/peers.ts')).PEERS.find((p) => p.name === 'wink-nlp')!.positive;
  } else {
    const model = loadModel();
    run = (text) => analyze(text, model);
  }
  console.log(`#load ${(performance.now() - t).toFixed(0)}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const [name, texts] of Object.entries(sets)) {
    for (let from = 0; from < texts.length; from += 500) {
      t = performance.now();
      for (let i = from; i < Math.min(texts.length, from + 500); i++) run(texts[i]!);
      console.log(`#chunk ${name} ${from} ${(((performance.now() - t) * 1000) / Math.min(500, texts.length - from)).toFixed(0)}`);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`#all ${(performance.now() - t0).toFixed(0)} ${((cpu.user + cpu.system) / 1000).toFixed(0)}`);
  // CPU seconds per kind of thread (Linux): V8's background threads compile (and mark) beside the main thread,
  // and unlike the compile log's wall times these do not grow with the machine's other load.
  if (existsSync('/proc/self/task')) {
    const tick = 100;
    const perKind = new Map<string, number>();
    for (const t of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const kind = readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim();
      perKind.set(kind, (perKind.get(kind) ?? 0) + (Number(f[11]) + Number(f[12])) / tick);
    }
    for (const [kind, s] of perKind) if (s > 0) console.log(`#cpu ${kind} ${s.toFixed(2)}`);
  }
  process.exit(0);
}

const child = (tool: string, flags: string[] = []): string => {
  const r = spawnSync(process.execPath, [...flags, new URL(import.meta.url).pathname, '--child', tool, '--n', String(n)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    console.error(r.stderr || r.stdout);
    process.exit(1);
  }
  return r.stdout;
};
// Timed without the trace (its printing costs time), beside wink-nlp in a fresh process of its own on the same texts.
const timings = { verdict: child('verdict'), wink: child('wink') };
const r = { stdout: child('verdict', ['--trace-opt', '--trace-deopt', '--trace-file-names']) };
const perFn = new Map<string, { ms: number; compiles: number; deopts: number; reasons: Record<string, number> }>();
const entry = (name: string) => {
  let e = perFn.get(name);
  if (!e) perFn.set(name, (e = { ms: 0, compiles: 0, deopts: 0, reasons: {} }));
  return e;
};
// "findPeople <file:///…/src/analyze/entities/people.ts>" → "findPeople"; an anonymous one by its file.
const fnName = (s: string): string => {
  const m = /^(\S*) ?<(?:file:\/\/)?([^>]*)>$/.exec(s);
  if (!m) return s || '(anonymous)';
  return m[1] || `(anonymous, ${m[2]!.split('/').slice(-2).join('/')})`;
};
let total = 0;
let turbofan = 0;
let deopts = 0;
const chunks: string[] = [];
for (const line of r.stdout.split('\n')) {
  const done = /^\[completed compiling 0x[0-9a-f]+ <JSFunction ([^]*?) \(sfi[^]*\(target (\w+)\)[^]*took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
  if (done) {
    const ms = Number(done[3]) + Number(done[4]) + Number(done[5]);
    const e = entry(fnName(done[1]!));
    e.ms += ms;
    e.compiles++;
    total += ms;
    if (done[2] === 'TURBOFAN_JS') turbofan += ms;
    continue;
  }
  const deopt = /deoptimizing 0x[0-9a-f]+ <JSFunction ([^]*?) \(sfi/.exec(line);
  if (deopt && line.startsWith('[bailout')) {
    const e = entry(fnName(deopt[1]!));
    e.deopts++;
    // "reason: wrong map" at "bytecode offset 1333": where in the function, and why.
    const why = `${/reason: ([^)]*)\)/.exec(line)?.[1] ?? '?'} @${/bytecode offset (\d+)/.exec(line)?.[1] ?? '?'}`;
    e.reasons[why] = (e.reasons[why] ?? 0) + 1;
    deopts++;
    continue;
  }
  if (line.startsWith('#')) chunks.push(line.slice(1));
}
const top = [...perFn].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(args.top));
const lines = (out: string, tag: string) => out.split('\n').filter((l) => l.startsWith(`#${tag} `)).map((l) => l.slice(tag.length + 2).split(' '));
const all = Object.fromEntries(Object.entries(timings).map(([tool, out]) => [tool, lines(out, 'all')[0]!.map(Number)])) as Record<string, number[]>;
console.log(`${n} IMDB reviews then ${n} snippets, each once, in a fresh process\n`);
console.log('| first reviews of a fresh process | Verdict µs/review | wink-nlp µs/review | × wink-nlp |\n| --- | ---: | ---: | ---: |');
const wink = lines(timings.wink, 'chunk');
lines(timings.verdict, 'chunk').forEach(([set, from, us], k) => console.log(`| ${set} ${from}–${Number(from) + 500} | ${us} | ${wink[k]![2]} | ${(Number(wink[k]![2]) / Number(us)).toFixed(2)}× |`));
console.log(`| all, wall | ${all.verdict![0]} ms | ${all.wink![0]} ms | **${(all.wink![0]! / all.verdict![0]!).toFixed(2)}×** |`);
console.log(`| all, CPU of every thread | ${all.verdict![1]} ms | ${all.wink![1]} ms | ${(all.wink![1]! / all.verdict![1]!).toFixed(2)}× |`);
console.log('\nThe traced run (compile log):');
console.log(chunks.filter((c) => !c.startsWith('chunk') && !c.startsWith('all')).map((c) => (c.startsWith('cpu') ? `  CPU s, ${c.slice(4)}` : `  ${c} ms`)).join('\n'));
const compiles = [...perFn.values()].reduce((a, e) => a + e.compiles, 0);
// The compile times are the compile jobs' wall times: on a loaded machine they grow; the counts do not.
console.log(`\noptimising compiles: ${compiles}, ${total.toFixed(0)} ms in all (TurboFan ${turbofan.toFixed(0)} ms), ${deopts} deopts\n`);
console.log('| function | compile ms | compiles | deopts |\n| --- | ---: | ---: | ---: |');
for (const [name, e] of top) console.log(`| ${name} | ${e.ms.toFixed(0)} | ${e.compiles} | ${e.deopts} |`);
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/jit.json', import.meta.url), JSON.stringify({ n, timings: { verdict: lines(timings.verdict, 'chunk'), wink: lines(timings.wink, 'chunk'), all }, compiles, totalMs: total, turbofanMs: turbofan, deopts, chunks, functions: Object.fromEntries(perFn) }, null, 1));
