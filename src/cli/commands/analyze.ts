/**
 * `verdict analyze`: one review to a card on the terminal or as JSON; or JSON Lines in, cards out, streaming.
 */
import { createReadStream, statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { analyze, type AnalyzeOptions, type InputFormat, type Model } from '../../analyze/index.ts';
import { ErrorCode, VerdictError } from '../../analyze/errors.ts';
import { assertValidText } from '../../analyze/text/validate.ts';
import { jsonLines } from '../../node/json-lines.ts';
import { loadModel } from '../../node/load-model.ts';
import { DEFAULT_MAX_BYTES, decodeReview, formatBytes, parseSize, readFileBounded } from '../../node/read-input.ts';
import { renderCard } from '../render-card.ts';

interface AnalyzeFlags {
  json?: boolean;
  jsonl?: boolean;
  format?: InputFormat;
  title?: string;
  rating?: string;
  maxSize: number;
  progress: boolean;
  color?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a review (text, Markdown or HTML) and print its review card')
    .argument('[file]', 'review file, or - for standard input', '-')
    .option('--json', 'print the card as JSON')
    .option('--jsonl', 'JSON Lines in (a "text" field; optional "title", "rating", others passed through), one card per line out')
    .addOption(new Option('--format <format>', 'input format (detected when omitted)').choices(['text', 'markdown', 'html']))
    .option('--title <title>', "the film's title, when known")
    .option('--rating <rating>', "the critic's rating, when given apart from the text")
    .option('--max-size <size>', 'largest review accepted (e.g. 2MB, 500KB)', parseSize, DEFAULT_MAX_BYTES)
    .option('--no-progress', 'no progress bar in --jsonl mode')
    .option('--no-color', 'plain terminal output')
    .addHelpText('after', `
Examples:
  verdict analyze examples/ballerina.txt
  verdict analyze review.html --json
  cat reviews.jsonl | verdict analyze --jsonl - > cards.jsonl

Bad input (empty, binary, invalid UTF-8, over --max-size) exits with status 2 and a one-line message;
in --jsonl mode a bad line becomes {"error": {...}} naming its line, and the run goes on.`)
    .action(async (file: string, flags: AnalyzeFlags) => {
      const model = loadModel();
      if (flags.jsonl) return analyzeJsonl(file, flags, model);
      const text = decodeReview(await readAll(file, flags.maxSize), { maxBytes: flags.maxSize, where: file === '-' ? 'standard input' : file });
      const options: AnalyzeOptions = {};
      if (flags.format) options.format = flags.format;
      if (flags.title) options.title = flags.title;
      if (flags.rating) options.rating = flags.rating;
      const card = analyze(text, model, options);
      if (card.text.trim() === '') throw new VerdictError(ErrorCode.EMPTY_TEXT, `${file === '-' ? 'standard input' : file} has no visible text once its ${card.format} markup is removed`);
      if (flags.json) process.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
      else process.stdout.write(renderCard(card, { color: flags.color !== false && process.stdout.isTTY === true }));
    });
}

/** Read a whole file or stdin, stopping early (with a clear error) once past the size limit. */
async function readAll(file: string, maxBytes: number): Promise<Uint8Array> {
  if (file !== '-') {
    let st;
    try {
      st = statSync(file);
    } catch {
      throw new VerdictError(ErrorCode.MISSING_TEXT, `cannot read ${file}: no such file`);
    }
    if (st.isDirectory()) throw new VerdictError(ErrorCode.MISSING_TEXT, `cannot read ${file}: a folder (import reads folders)`);
    if (st.size > maxBytes) throw new VerdictError(ErrorCode.TOO_LARGE, `${file} is ${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-size)`);
    // stat says 0 for pipes and devices: the read itself stops at the limit.
    return readFileBounded(file, maxBytes);
  }
  // Standard input: refuse a huge pipe as soon as it passes the limit, without holding it all.
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new VerdictError(ErrorCode.TOO_LARGE, `standard input is over the ${formatBytes(maxBytes)} limit (raise it with --max-size)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

async function analyzeJsonl(file: string, flags: AnalyzeFlags, model: Model): Promise<void> {
  const stream = file === '-' ? process.stdin : createReadStream(file);
  const total = file === '-' ? 0 : statSync(file).size;
  const bar = flags.progress && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'analyze |{bar}| {percentage}% {value}/{total} bytes | {cards} cards, {errors} errors | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(total || 1, 0, { cards: 0, errors: 0 });
  let cards = 0;
  let errors = 0;
  const where = file === '-' ? 'stdin' : file;
  const out = process.stdout;
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  for await (const item of jsonLines(stream, flags.maxSize)) {
    let record: string;
    try {
      if ('error' in item) throw new VerdictError(item.error.code, item.error.message);
      const o = item.value;
      if (typeof o.text !== 'string') throw new VerdictError(ErrorCode.MISSING_TEXT, 'no "text" field with a string');
      if (o.text.trim() === '') throw new VerdictError(ErrorCode.EMPTY_TEXT, '"text" is empty or whitespace only');
      assertValidText(o.text, '"text"');
      if (typeof o.title === 'string') assertValidText(o.title, '"title"');
      const options: AnalyzeOptions = {};
      if (flags.format) options.format = flags.format;
      if (typeof o.title === 'string') options.title = o.title;
      if (typeof o.rating === 'string' || typeof o.rating === 'number') options.rating = String(o.rating);
      const { text: _text, ...rest } = o;
      const card = analyze(o.text, model, options);
      if (card.text.trim() === '') throw new VerdictError(ErrorCode.EMPTY_TEXT, `"text" has no visible text once its ${card.format} markup is removed`);
      record = JSON.stringify({ ...rest, card });
      cards++;
    } catch (e) {
      if (!(e instanceof VerdictError)) throw e;
      errors++;
      record = JSON.stringify({ error: { file: where, line: item.line, code: e.code, message: e.message } });
      process.stderr.write(bar ? '' : `verdict: ${where}:${item.line}: ${e.message} [${e.code}]\n`);
    }
    await write(`${record}\n`);
    bar?.update(total ? item.offset : cards + errors, { cards, errors });
  }
  bar?.update(total || 1, { cards, errors });
  bar?.stop();
  if (errors > 0) process.stderr.write(`verdict: ${cards} cards, ${errors} bad lines (see the "error" records)\n`);
}
