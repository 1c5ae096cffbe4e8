/**
 * The `verdict` command line's entry point (src/cli/program.ts builds the program).
 */
import { run } from './program.ts';

await run(process.argv);
