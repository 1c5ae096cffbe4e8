/**
 * Sentiment throughput with the shipped model, beside the peers on the same texts (issue 4's speed targets):
 * polarity alone (text layer + sentiment) ≥ 3× VADER, the whole card ≥ 1.0× wink-nlp's tokenise + sentiment.
 *
 *   node bench/sentiment.ts [--n 2000]
 *
 * Seeded samples of IMDB test (full reviews) and rt_flatiron (critic snippets); best of 3 interleaved rounds.
 * Writes bench/out/sentiment.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shuffled } from '../src/learn/sentiment.ts';
import { measureSpeed } from '../src/learn/peers.ts';
import { loadImdb, loadRtFlatiron } from '../src/learn/data.ts';
import { loadModel } from '../src/node/load-model.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' } } });
const n = Number(values.n);
const model = loadModel();
const sample = (texts: string[]): string[] => Array.from(shuffled(texts.length, 7).subarray(0, Math.min(n, texts.length)), (i) => texts[i]!);
const sets = { 'IMDB test (reviews)': sample((await loadImdb('test')).map((r) => r.text)), 'rt_flatiron (snippets)': sample((await loadRtFlatiron()).map((r) => r.text)) };
const report: Record<string, unknown> = {};
for (const [name, texts] of Object.entries(sets)) {
  const speed = measureSpeed(texts, model, model);
  const by = (t: string): number => speed.find((s) => s.tool === t)!.reviewsPerSecond;
  report[name] = { texts: texts.length, speed, polarityOverVader: by('Verdict polarity') / by('VADER'), polarityStageOverVader: by('Verdict polarity stage') / by('VADER'), cardOverWink: by('Verdict card') / by('wink-nlp') };
  console.log(`${name}: ${speed.map((s) => `${s.tool} ${Math.round(s.reviewsPerSecond)}/s ${s.mbPerSecond.toFixed(2)} MB/s`).join('; ')}`);
  console.log(`  polarity ÷ VADER ${(by('Verdict polarity') / by('VADER')).toFixed(2)}× (through the stage switch ${(by('Verdict polarity stage') / by('VADER')).toFixed(2)}×; target ≥ 3), card ÷ wink-nlp ${(by('Verdict card') / by('wink-nlp')).toFixed(2)}× (target ≥ 1.0)`);
}
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/sentiment.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
