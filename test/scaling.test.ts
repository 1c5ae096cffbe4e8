// The analyser's time grows linearly with adversarial inputs (issue 14; the full figures: npm run bench -- scaling).
// Each shape was quadratic or worse before: four times the input took 12 to 60 times as long.
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze/index.ts';
import { loadModel } from '../src/node/load-model.ts';

const model = loadModel();
const repeat = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const SHAPES: [string, (bytes: number) => string][] = [
  ['a cast list', (b) => repeat('Keanu Reeves as John Wick, Ian McShane as Winston, ', b)],
  ['Title Case words', (b) => repeat('Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima ', b)],
  ['one huge sentence', (b) => repeat('the film with Alpha is good and ', b)],
  ['quote-like lines', (b) => Array.from({ length: Math.ceil(b / 60) }, (_, i) => `"A stunning, heartfelt film number ${i}," says The Planet.`).join('\n').slice(0, b)],
];

function best(text: string): number {
  let ms = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    analyze(text, model);
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

describe('analyser running time', () => {
  it.each(SHAPES)('%s: four times the input takes under nine times as long', (_name, make) => {
    best(make(8 * 1024));
    const small = best(make(32 * 1024));
    const large = best(make(128 * 1024));
    expect(large / Math.max(small, 5)).toBeLessThan(9);
  });
});
