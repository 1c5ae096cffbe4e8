/**
 * `verdict start`: what `npm start` runs. Until the server exists, it analyses the bundled example review.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { analyze } from '../../analyze/index.ts';
import { loadModel } from '../../node/load-model.ts';
import { renderCard } from '../render-card.ts';

export const EXAMPLE_REVIEW = fileURLToPath(new URL('../../../examples/ballerina.txt', import.meta.url));

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Analyse the bundled example review (examples/ballerina.txt) and print its card')
    .action(() => {
      const card = analyze(readFileSync(EXAMPLE_REVIEW, 'utf8'), loadModel());
      process.stdout.write(renderCard(card, { color: process.stdout.isTTY === true }));
    });
}
