/**
 * @module Terminal output conventions shared by the commands: colour (off with NO_COLOR, --no-color or a
 * non-terminal), --quiet, and option parsers that fail as usage errors.
 */
import { InvalidArgumentError } from 'commander';

/** Colour only on a terminal, and never with NO_COLOR set (no-color.org) or --no-color. */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean } = process.stdout): boolean {
  return flag !== false && !process.env.NO_COLOR && stream.isTTY === true;
}

/** A commander option parser from a function that throws on bad values: its message becomes a usage error. */
export function optionParser<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (e) {
      throw new InvalidArgumentError((e as Error).message);
    }
  };
}

/** Print data as JSON on stdout (indented, as every --json does). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
