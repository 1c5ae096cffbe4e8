/**
 * Two checkouts' analysers in one process: the CPU time of the aspect stage and of the whole card, interleaved
 * per chunk of 50 texts (the order of the two swapped every round), best of R rounds per chunk, over the same N
 * IMDB test reviews and N rt_flatiron snippets (seeded sample). For a change whose cost a loaded machine would hide
 * between two runs of `npm run bench -- card`:
 *
 *   git worktree add /tmp/verdict-main main && ln -s "$PWD/node_modules" /tmp/verdict-main/node_modules
 *   npm run bench -- card-ab /tmp/verdict-main . [--n 300] [--rounds 16]
 *
 * Each checkout reads its own src/ and models/; the texts come from this checkout's data folder. Prints µs per text
 * for each and the ratio (> 1: the second is faster).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { n: { type: 'string', default: '300' }, rounds: { type: 'string', default: '16' } } });
if (positionals.length !== 2) {
  console.error('usage: npm run bench -- card-ab <checkout A> <checkout B> [--n 300] [--rounds 16]');
  process.exit(2);
}
const roots = positionals.map((p) => resolve(p));

type Run = (i: number) => unknown;
async function load(root: string, texts: readonly string[]): Promise<[string, Run][]> {
  const aspects = await import(`${root}/src/analyze/aspects/index.ts`);
  const index = await import(`${root}/src/analyze/index.ts`);
  const context = await import(`${root}/src/analyze/context.ts`);
  const entities = await import(`${root}/src/analyze/entities/index.ts`);
  const text = await import(`${root}/src/analyze/text/index.ts`);
  const model = (await import(`${root}/src/node/load-model.ts`)).loadModel(`${root}/models/`);
  // The aspect stage alone on ready docs and entities, each call with a fresh context (fresh clause memos).
  const docs = texts.map((t) => text.readDoc(t));
  const found = docs.map((d) => entities.findEntities(context.createContext(d, model)));
  return [
    ['aspects', (i) => aspects.findAspects(Object.assign(context.createContext(docs[i], model), { entities: found[i] }))],
    ['card', (i) => index.analyze(texts[i]!, model)],
  ];
}

const { loadImdb, loadRtFlatiron } = await import('../src/learn/data.ts');
const { shuffled } = await import('../src/learn/sentiment.ts');
const n = Number(args.n);
const sample = (xs: string[]): string[] => Array.from(shuffled(xs.length, 7).subarray(0, Math.min(n, xs.length)), (i) => xs[i]!);
const texts = [...sample((await loadImdb('test')).map((r) => r.text)), ...sample((await loadRtFlatiron()).map((r) => r.text))];
const trees = await Promise.all(roots.map((r) => load(r, texts)));

const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const CHUNK = 50;
const best = new Map<string, number>();
const rounds = Number(args.rounds);
for (let r = 0; r <= rounds; r++) {
  for (let c = 0; c < texts.length; c += CHUNK) {
    for (let t = 0; t < trees[0]!.length; t++) {
      for (let v0 = 0; v0 < trees.length; v0++) {
        const v = r % 2 ? trees.length - 1 - v0 : v0;
        const [name, run] = trees[v]![t]!;
        const t0 = cpu();
        for (let i = c; i < Math.min(texts.length, c + CHUNK); i++) run(i);
        const us = cpu() - t0;
        const k = `${name}\t${v}\t${c}`;
        if (r > 0) best.set(k, Math.min(best.get(k) ?? Infinity, us)); // round 0 warms up
      }
    }
  }
}
const total = (name: string, v: number): number => {
  let s = 0;
  for (const [k, us] of best) if (k.startsWith(`${name}\t${v}\t`)) s += us;
  return s / texts.length;
};
console.log(`${texts.length} texts; A ${roots[0]}, B ${roots[1]}; CPU µs per text, best of ${rounds} rounds per chunk`);
for (const [name] of trees[0]!) {
  const a = total(name, 0);
  const b = total(name, 1);
  console.log(`${name.padEnd(8)} A ${a.toFixed(1).padStart(7)}  B ${b.toFixed(1).padStart(7)}  A ÷ B ${(a / b).toFixed(3)}`);
}
