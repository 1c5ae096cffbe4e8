/**
 * The `verdict` command line. Each command lives in commands/<name>.ts and registers itself here.
 */
import { Command } from 'commander';
import { VerdictError } from '../analyze/errors.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerEval } from './commands/eval.ts';
import { registerImport } from './commands/import.ts';
import { registerDemo } from './commands/demo.ts';
import { registerReanalyze } from './commands/reanalyze.ts';
import { registerWorker } from './commands/worker.ts';
import { registerKeys } from './commands/keys.ts';
import { registerUsers } from './commands/users.ts';
import { registerCorrect } from './commands/correct.ts';
import { registerCritic } from './commands/critic.ts';
import { registerExport } from './commands/export.ts';
import { registerFilm } from './commands/film.ts';
import { registerFilms } from './commands/films.ts';
import { registerFranchise } from './commands/franchise.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerServe } from './commands/serve.ts';
import { registerStart } from './commands/start.ts';

const program = new Command();
program
  .name('verdict')
  .description('Reads film criticism: review cards, consensus, franchises and critics.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerAnalyze(program);
registerEval(program);
registerImport(program);
registerDemo(program);
registerReanalyze(program);
registerWorker(program);
registerKeys(program);
registerUsers(program);
registerCorrect(program);
registerMigrate(program);
registerFilms(program);
registerFilm(program);
registerCritic(program);
registerFranchise(program);
registerExport(program);
registerServe(program);
registerStart(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof VerdictError) {
    process.stderr.write(`verdict: ${err.message} [${err.code}]\n`);
    process.exit(2);
  }
  throw err;
}
