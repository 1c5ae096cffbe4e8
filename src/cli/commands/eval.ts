/**
 * `verdict eval <what>`: measurements against ../shared/data. Each subcommand lives in train/eval-*.ts
 * style modules under src/cli/eval/ and registers here.
 */
import type { Command } from 'commander';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Measure Verdict on the labelled data sets in ../shared/data')
    .addHelpText('after', '\nThe data sets are looked up in ../shared/data (or VERDICT_DATA).');
}
