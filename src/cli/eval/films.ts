/**
 * `verdict eval films | linking | franchises`: the film index's measurements, which live in train/ beside the
 * index build (they read the Wikipedia extracts with the build's parser): run as their own processes here.
 * - films: the lead-paragraph parsing against 100 films checked by hand (train/film-index-eval.ts)
 * - linking: reviews linked to the right index film on the frozen entity sets (train/film-link-eval.ts)
 * - franchises: titled Pixar and DreamWorks imports through `verdict import` (franchise of every titled film),
 *   and an rt_flatiron import (films made from people's names) (train/film-store-eval.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

function runTrainScript(script: string, args: string[]): void {
  const path = fileURLToPath(new URL(`../../../train/${script}`, import.meta.url));
  if (!existsSync(path)) {
    process.stderr.write(`verdict eval: ${script} is not here (the measurements need the source checkout's train/ folder)\n`);
    process.exitCode = 2;
    return;
  }
  const r = spawnSync(process.execPath, [path, ...args], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

export function registerEvalFilms(evalCmd: Command): void {
  evalCmd
    .command('films')
    .description("The film index's parse of Wikipedia leads against 100 films checked by hand (directors, series, order)")
    .option('--misses', 'list every miss')
    .action((flags: { misses?: boolean }) => runTrainScript('film-index-eval.ts', flags.misses ? ['--misses'] : []));
  evalCmd
    .command('linking')
    .description('Reviews linked to the right film index entry, on the frozen entity sets')
    .option('--rows', 'one line per review')
    .action((flags: { rows?: boolean }) => runTrainScript('film-link-eval.ts', flags.rows ? ['--rows'] : []));
  evalCmd
    .command('franchises')
    .description("Import the titled Pixar and DreamWorks reviews and check every film's franchise; import rt_flatiron and count films made from people's names")
    .option('--only <part>', 'franchises or flatiron')
    .option('--workers <n>', 'analysis threads of the imports')
    .action((flags: { only?: string; workers?: string }) => runTrainScript('film-store-eval.ts', [...(flags.only ? [flags.only] : []), ...(flags.workers ? ['--workers', flags.workers] : [])]));
}
