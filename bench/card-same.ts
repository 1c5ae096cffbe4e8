/**
 * Same cards before and after a speed change: writes, or checks against, one sha256 per card (the whole card JSON)
 * over a seeded sample of IMDB test reviews, rt_flatiron snippets and the fixtures' full texts (not their READMEs,
 * which change with the docs).
 *
 *   npm run bench -- card-same --write /tmp/cards.base   (on the checkout before the change)
 *   npm run bench -- card-same --check /tmp/cards.base   (after: prints how many cards differ and the first diffs)
 *
 * With --dump FILE the whole cards are also written as JSON Lines, so that a differing card can be read.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../src/analyze/index.ts';
import { loadImdb, loadRtFlatiron } from '../src/learn/data.ts';
import { shuffled } from '../src/learn/sentiment.ts';
import { loadModel } from '../src/node/load-model.ts';

const { values: args } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' }, dump: { type: 'string' }, n: { type: 'string', default: '2000' } } });
if (!args.write && !args.check) {
  console.error('usage: npm run bench -- card-same (--write FILE | --check FILE) [--n 2000] [--dump cards.jsonl]');
  process.exit(2);
}
const n = Number(args.n);
const sample = (xs: string[], seed: number): string[] => Array.from(shuffled(xs.length, seed).subarray(0, Math.min(n, xs.length)), (i) => xs[i]!);
const fixtures = new URL('../test/fixtures/', import.meta.url);
const fixtureTexts: string[] = [];
for (const dir of readdirSync(fixtures, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  for (const f of readdirSync(new URL(`${dir.name}/`, fixtures))) if (f.endsWith('.txt') || (f.endsWith('.md') && f !== 'README.md')) fixtureTexts.push(readFileSync(new URL(`${dir.name}/${f}`, fixtures), 'utf8'));
}
const texts = [...sample((await loadImdb('test')).map((r) => r.text), 11), ...sample((await loadRtFlatiron()).map((r) => r.text), 13), ...fixtureTexts];
const model = loadModel();
const lines: string[] = [];
const hashes = texts.map((t) => {
  const json = JSON.stringify(analyze(t, model));
  if (args.dump) lines.push(json);
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
});
if (args.dump) writeFileSync(args.dump, lines.join('\n') + '\n');
if (args.write) {
  writeFileSync(args.write, hashes.join('\n') + '\n');
  console.log(`${hashes.length} card hashes written to ${args.write}`);
} else {
  const base = readFileSync(args.check!, 'utf8').trim().split('\n');
  if (base.length !== hashes.length) throw new Error(`${args.check} holds ${base.length} cards, this sample ${hashes.length} (same --n?)`);
  const differ = hashes.flatMap((h, i) => (h === base[i] ? [] : [i]));
  console.log(`${differ.length} of ${hashes.length} cards differ${differ.length ? `: texts ${differ.slice(0, 20).join(', ')}${differ.length > 20 ? ', …' : ''}` : ''}`);
  process.exit(differ.length ? 1 : 0);
}
