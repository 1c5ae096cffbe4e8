/**
 * The `verdict` command line's entry point (src/cli/program.ts builds the program).
 */
import { enableCompileCache } from 'node:module';

// V8's code for the modules, kept on disk between runs (under the system's temporary folder, or
// NODE_COMPILE_CACHE): a later start skips most of compiling them. Quietly nothing where that folder cannot be
// written. Set before the program's modules load, so that they are cached too; the worker threads inherit it.
startCompileCache();
const { run } = await import('./program.ts');
await run(process.argv);

function startCompileCache(): void {
  const { directory } = enableCompileCache();
  if (directory !== undefined) process.env.NODE_COMPILE_CACHE ??= directory;
}
