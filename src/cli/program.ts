/**
 * @module The `verdict` command line. Each command lives in commands/<name>.ts and is listed in COMMANDS; only
 * the command being run is imported (a fast start for `verdict analyze`), all of them for `--help`.
 */
import { Command, CommanderError } from 'commander';
import { CliError, Exit, explain } from './errors.ts';
import { examplesHelp } from './examples.ts';

type Register = (program: Command) => void;

/** Command names → their module's register function, imported on demand (one module may register several). */
const COMMANDS: [string | string[], () => Promise<Register>][] = [
  ['analyze', async () => (await import('./commands/analyze.ts')).registerAnalyze],
  ['eval', async () => (await import('./commands/eval.ts')).registerEval],
  ['import', async () => (await import('./commands/import.ts')).registerImport],
  ['demo', async () => (await import('./commands/demo.ts')).registerDemo],
  ['reanalyze', async () => (await import('./commands/reanalyze.ts')).registerReanalyze],
  ['worker', async () => (await import('./commands/worker.ts')).registerWorker],
  ['keys', async () => (await import('./commands/keys.ts')).registerKeys],
  ['users', async () => (await import('./commands/users.ts')).registerUsers],
  [['correct', 'queue'], async () => (await import('./commands/correct.ts')).registerCorrect],
  ['migrate', async () => (await import('./commands/migrate.ts')).registerMigrate],
  ['films', async () => (await import('./commands/films.ts')).registerFilms],
  ['film', async () => (await import('./commands/film.ts')).registerFilm],
  ['critic', async () => (await import('./commands/critic.ts')).registerCritic],
  ['franchise', async () => (await import('./commands/franchise.ts')).registerFranchise],
  ['export', async () => (await import('./commands/export.ts')).registerExport],
  ['serve', async () => (await import('./commands/serve.ts')).registerServe],
  ['start', async () => (await import('./commands/start.ts')).registerStart],
];

const EXIT_HELP = `
Exit status: 0 done; ${Exit.INTERNAL} unexpected error (DEBUG=verdict prints the stack); ${Exit.BAD_INPUT} bad input or nothing found;
${Exit.USAGE} bad usage; ${Exit.NOTHING_STORED} an import stored nothing; ${Exit.NO_INPUT} input file missing or unreadable;
${Exit.DATABASE} database unreachable or missing; ${Exit.LISTEN} the server cannot listen.
Environment: NO_COLOR (plain output), DEBUG=verdict (stack traces), DATABASE_URL, VERDICT_DB.`;

/** The program with the commands that `argv` needs (one when it names a command, else all). */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command();
  program
    .name('verdict')
    .description('Reads film criticism: review cards, consensus, franchises and critics.')
    .version('0.1.0')
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    // Errors are printed once, by run(), as one line.
    .configureOutput({ outputError: () => {} });
  const name = argv[2];
  const names = (n: string | string[]): string[] => (Array.isArray(n) ? n : [n]);
  const chosen = COMMANDS.filter(([n]) => name !== undefined && names(n).includes(name));
  for (const [n, load] of chosen.length > 0 ? chosen : COMMANDS) {
    let register: Register;
    try {
      register = await load();
    } catch (e) {
      // `verdict eval` measures against the peers (development dependencies): absent from an installed package.
      if (n !== 'eval' || (e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
      register = (p) => {
        p.command('eval').description('Measurements against ../shared/data (needs a checkout with its development dependencies)').allowUnknownOption().argument('[what...]').action(() => {
          throw new CliError('verdict eval needs the development dependencies (vader-sentiment, wink-nlp, …): run it from a checkout after npm install', Exit.USAGE);
        });
      };
    }
    register(program);
  }
  // exitOverride and the quiet error output reach every subcommand, however deep.
  // Each command's --help ends with examples (src/cli/examples.ts).
  const walk = (cmd: Command, path: string): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput({ outputError: () => {} });
      const name = `${path}${sub.name()}`;
      if (examplesHelp(name)) sub.addHelpText('after', examplesHelp(name));
      walk(sub, `${name} `);
    }
  };
  walk(program, '');
  return program;
}

/** A commander error as one line and its exit status. */
function usage(err: CommanderError, argv: readonly string[]): { message: string; exitCode: number } {
  const command = COMMANDS.some(([n]) => (Array.isArray(n) ? n : [n]).includes(argv[2] ?? '')) ? `verdict ${argv[2]}` : 'verdict';
  const what = err.message.replace(/^error: /, '').replace(/\.$/, '');
  return { message: `${what} (see ${command} --help)`, exitCode: Exit.USAGE };
}

/** `verdict … | head -1`: the reader closing the pipe ends the command quietly, without a stack trace. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
}

/** Run the CLI on `argv` (as process.argv: node, script, args…); sets the exit status, prints failures as one line. */
export async function run(argv: readonly string[] = process.argv): Promise<void> {
  quietOnClosedPipe();
  try {
    const program = await buildProgram(argv);
    // A bare `verdict` prints the help on stdout and exits 0 (clig.dev), as `verdict --help` does.
    if (argv.length <= 2) {
      program.outputHelp();
      return;
    }
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
    }
    const { message, exitCode } = err instanceof CommanderError ? usage(err, argv) : explain(err);
    process.stderr.write(`verdict: ${message}\n`);
    if (/(^|,)\s*verdict\b/.test(process.env.DEBUG ?? '') && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = exitCode;
  }
}

export { CliError, Exit };
