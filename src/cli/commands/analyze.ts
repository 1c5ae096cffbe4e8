/**
 * `verdict analyze`: one review to a card on the terminal or as JSON; or JSON Lines in, cards out, streaming on
 * every core (worker threads, input order kept, constant memory).
 */
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
// Only what parsing the options needs is imported up front: the analyser, the model and the pool load when
// used (in --jsonl mode the main thread never loads the analyser, only the worker threads do).
import type { AnalyzeOptions, InputFormat, OffsetUnit } from '../../analyze/index.ts';
import { ErrorCode, VerdictError } from '../../analyze/errors.ts';
import { textProblem } from '../../analyze/text/validate.ts';
import { DEFAULT_MAX_BYTES, decodeReview, formatBytes, parseSize, readFileBounded } from '../../node/read-input.ts';
import { COLUMN_ALIASES, columnKey } from '../../node/readers/column-names.ts';
import type { AnalyzeJob, JsonResult } from '../../node/pool/jobs.ts';
import { CARD_FIELDS, pickFields, stagesForFields } from '../../node/pool/fields.ts';
import { CliError, Exit } from '../errors.ts';
import { optionParser, useColor } from '../output.ts';

interface AnalyzeFlags {
  json?: boolean;
  jsonl?: boolean;
  format?: InputFormat;
  title?: string;
  rating?: string;
  maxSize: number;
  progress: boolean;
  color?: boolean;
  fields?: string[];
  offsets: OffsetUnit;
  workers?: number | 'auto';
  quiet?: boolean;
}

function parseFields(value: string): string[] {
  const fields = value.split(',').map((f) => f.trim()).filter(Boolean);
  const bad = fields.filter((f) => !(CARD_FIELDS as readonly string[]).includes(f));
  if (bad.length > 0) throw new Error(`unknown card field${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')} (fields: ${CARD_FIELDS.join(', ')})`);
  if (fields.length === 0) throw new Error('no field named');
  return fields;
}

function parseWorkers(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new Error(`expected a whole number of threads (0 analyses on the main thread) or "auto", got "${value}"`);
  return n;
}

/**
 * --workers auto: a thread added to a run pays for its start and warm-up (model load, V8 compiling the analyser
 * on that thread, about 1.5 s of CPU here) before it helps. On a core of its own (one core left to V8's
 * compiler threads and the main thread) it pays off once about a megabyte of input remains; on a core that
 * the others use as well, only on a long input (measured on 2 cores: one thread beats two up to about 5,000
 * IMDB reviews, 6.5 MB).
 */
const SPARE_CORE_BYTES = 1 << 20;
const SHARED_CORE_BYTES = 8 << 20;

/** The threads worth running with `remaining` bytes of input left on `cores` cores. */
export function autoThreads(remaining: number, cores: number): number {
  const spare = Math.max(1, cores - 1);
  const onSpare = Math.min(spare, 1 + Math.floor(remaining / SPARE_CORE_BYTES));
  const onShared = onSpare === spare ? Math.floor(remaining / SHARED_CORE_BYTES) : 0;
  return Math.min(cores, onSpare + onShared);
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a review (text, Markdown or HTML) and print its review card')
    .argument('[file]', 'review file, or - for standard input', '-')
    .option('--json', 'print the card as JSON')
    .option('--jsonl', 'JSON Lines in (a text field: "text", or "review" as `verdict export` writes; optional title/movie_title, rating; others passed through), one card per line out')
    .addOption(new Option('--format <format>', 'input format (detected when omitted)').choices(['text', 'markdown', 'html']))
    .option('--title <title>', "the film's title, when known")
    .option('--rating <rating>', "the critic's rating, when given apart from the text")
    .option('--fields <list>', `keep only these card fields, comma-separated, and run only the stages they need (${CARD_FIELDS.join(', ')})`, optionParser(parseFields))
    .addOption(new Option('--offsets <unit>', 'offset unit: utf16 (JavaScript string indices) or codepoints (Python, Rust)').choices(['utf16', 'codepoints']).default('utf16'))
    .option('--max-size <size>', 'largest review accepted (e.g. 2MB, 500KB)', optionParser(parseSize), DEFAULT_MAX_BYTES)
    .option('--workers <n>', '--jsonl: analysis threads (default auto: one, and up to one per core as the input proves long; 0 = main thread only)', optionParser(parseWorkers))
    .option('--no-progress', 'no progress bar in --jsonl mode')
    .option('--no-color', 'plain terminal output (also NO_COLOR=1)')
    .option('-q, --quiet', 'no progress bar or per-line messages on stderr (errors still go to stdout records and the exit status)')
    .addHelpText('after', `
Examples:
  verdict analyze examples/ballerina.txt
  verdict analyze review.html --json
  cat reviews.jsonl | verdict analyze --jsonl - > cards.jsonl
  verdict export | verdict analyze --jsonl --fields verdict,aspects,credits

Offsets count UTF-16 code units (JavaScript string indices) unless --offsets codepoints.
Bad input (empty, binary, invalid UTF-8, over --max-size) exits with status 2 and a one-line message;
in --jsonl mode a bad line becomes {"error": {...}} naming its line, and the run goes on.`)
    .action(async (file: string, flags: AnalyzeFlags) => {
      if (flags.jsonl) return analyzeJsonl(file, flags);
      const [{ analyze }, { loadModel }, { renderCard }] = await Promise.all([import('../../analyze/index.ts'), import('../../node/load-model.ts'), import('../render-card.ts')]);
      const model = loadModel();
      const text = decodeReview(await readAll(file, flags.maxSize), { maxBytes: flags.maxSize, where: file === '-' ? 'standard input' : file });
      const options: AnalyzeOptions = { offsets: flags.offsets };
      if (flags.format) options.format = flags.format;
      if (flags.title) options.title = flags.title;
      if (flags.rating) options.rating = flags.rating;
      const stages = stagesForFields(flags.fields);
      if (stages) options.stages = stages;
      const card = analyze(text, model, options);
      if (card.text.trim() === '') throw new VerdictError(ErrorCode.EMPTY_TEXT, `${file === '-' ? 'standard input' : file} has no visible text once its ${card.format} markup is removed`);
      if (flags.json || flags.fields) process.stdout.write(`${JSON.stringify(pickFields(card, flags.fields), null, 2)}\n`);
      else process.stdout.write(renderCard(card, { color: useColor(flags.color) }));
    });
}

/** The file's size, or a one-line error for a path that is missing or not a file. */
function fileSize(file: string): number {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new CliError(`cannot read ${file}: no such file (give a review file, or - for standard input)`, Exit.NO_INPUT);
  }
  if (st.isDirectory()) throw new CliError(`${file} is a folder: analyze reads one file (use \`verdict import ${file}\` for a folder of reviews)`, Exit.NO_INPUT);
  return st.size;
}

/** Read a whole file or stdin, stopping early (with a clear error) once past the size limit. */
async function readAll(file: string, maxBytes: number): Promise<Uint8Array> {
  if (file !== '-') {
    const size = fileSize(file);
    if (size > maxBytes) throw new VerdictError(ErrorCode.TOO_LARGE, `${file} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-size)`);
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

/** Which keys of a JSON Lines record hold the text, title and rating (the import's column names), cached per key set. */
const keyCache = new Map<string, { text?: string; title?: string; rating?: string; format?: string }>();
function recordKeys(o: Record<string, unknown>): { text?: string; title?: string; rating?: string; format?: string } {
  const keys = Object.keys(o);
  const sig = keys.join('\u0000');
  let hit = keyCache.get(sig);
  if (!hit) {
    const byKey = new Map(keys.map((k) => [columnKey(k), k]));
    const find = (aliases: readonly string[]): string | undefined => {
      for (const a of aliases) {
        const k = byKey.get(a);
        if (k !== undefined) return k;
      }
      return undefined;
    };
    // "text" first: a record with both "text" and "review" means the former.
    hit = {};
    const text = find(['text', ...COLUMN_ALIASES.text]);
    const title = find(COLUMN_ALIASES.film);
    const rating = find(COLUMN_ALIASES.rating.filter((r) => r !== 'score'));
    if (text) hit.text = text;
    if (title) hit.title = title;
    if (rating) hit.rating = rating;
    if (keyCache.size < 1000) keyCache.set(sig, hit);
  }
  return hit;
}

interface Line {
  line: number;
  offset: number;
  rest?: Record<string, unknown>;
  job?: AnalyzeJob;
  error?: { code: string; message: string };
}

/** What a --jsonl run needs of its pool: worker threads (which --workers auto grows), or the main thread. */
interface CardPool {
  readonly size: number;
  analyzeJson(jobs: AnalyzeJob[], fields?: readonly string[]): Promise<JsonResult[]>;
  grow?(n: number): void;
  close(): Promise<void>;
}

/**
 * The pool of --workers: threads (the first started at once), or the main thread for 0. For auto, one thread
 * that may grow to as many as a file's size is worth (one per core for a pipe, whose length is not known).
 */
async function startPool(workers: number | 'auto', fileBytes: number | null): Promise<CardPool> {
  if (workers === 0) return new (await import('../../node/pool/pool.ts')).AnalyzePool({ size: 0 });
  const { WorkerPool } = await import('../../node/pool/worker-pool.ts');
  // A larger young generation than an import's: CPU matters more here than a few MB per thread.
  const youngMb = 32;
  if (workers !== 'auto') return new WorkerPool({ size: workers, youngMb });
  const cores = availableParallelism();
  return new WorkerPool({ size: 1, maxSize: fileBytes === null ? cores : autoThreads(fileBytes, cores), youngMb });
}

async function analyzeJsonl(file: string, flags: AnalyzeFlags): Promise<void> {
  const total = file === '-' ? 0 : fileSize(file);
  const workers = flags.workers ?? 'auto';
  // The threads start first: their start and model load overlap the rest of this set-up and the first reads.
  // A pipe's size, or a file's that stat does not know (0), is found as the run goes.
  const pool = await startPool(workers, total > 0 ? total : null);
  try {
    await writeCards(file, total, flags, pool, workers === 'auto');
  } finally {
    await pool.close();
  }
}

async function writeCards(file: string, total: number, flags: AnalyzeFlags, pool: CardPool, auto: boolean): Promise<void> {
  const stream = file === '-' ? process.stdin : createReadStream(file);
  const quiet = flags.quiet === true;
  // Lazy: a pipe (no terminal) never loads the progress bar.
  const bar = !quiet && flags.progress && process.stderr.isTTY
    ? await import('cli-progress').then(({ default: cliProgress }) => new cliProgress.SingleBar({ format: 'analyze |{bar}| {percentage}% {value}/{total} bytes | {cards} cards, {errors} errors | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic))
    : null;
  bar?.start(total || 1, 0, { cards: 0, errors: 0 });
  let cards = 0;
  let errors = 0;
  const where = file === '-' ? 'stdin' : file;
  const out = process.stdout;
  // A closed pipe (`verdict analyze --jsonl big.jsonl | head`) ends the run quietly.
  out.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : undefined));
  const [{ mapOrdered }, { jsonLines }] = await Promise.all([import('../../node/pool/ordered.ts'), import('../../node/json-lines.ts')]);
  const cores = availableParallelism();

  async function* lines(): AsyncGenerator<Line> {
    for await (const item of jsonLines(stream, flags.maxSize)) {
      if ('error' in item) {
        yield { line: item.line, offset: item.offset, error: item.error };
        continue;
      }
      const o = item.value;
      const keys = recordKeys(o);
      const text = keys.text === undefined ? undefined : o[keys.text];
      if (typeof text !== 'string') {
        yield { line: item.line, offset: item.offset, error: { code: ErrorCode.MISSING_TEXT, message: 'no text field with a string ("text", or "review" as `verdict export` writes)' } };
        continue;
      }
      if (text.trim() === '') {
        yield { line: item.line, offset: item.offset, error: { code: ErrorCode.EMPTY_TEXT, message: `"${keys.text}" is empty or whitespace only` } };
        continue;
      }
      const bad = textProblem(text, `"${keys.text}"`);
      if (bad) {
        yield { line: item.line, offset: item.offset, error: { code: bad.code, message: bad.message } };
        continue;
      }
      const job: AnalyzeJob = { text, offsets: flags.offsets };
      if (flags.format) job.format = flags.format;
      const title = keys.title === undefined ? undefined : o[keys.title];
      if (typeof title === 'string' && title.trim()) {
        const badTitle = textProblem(title, `"${keys.title}"`);
        if (badTitle) {
          yield { line: item.line, offset: item.offset, error: { code: badTitle.code, message: badTitle.message } };
          continue;
        }
        job.title = title;
      }
      const rating = keys.rating === undefined ? undefined : o[keys.rating];
      if (typeof rating === 'string' || typeof rating === 'number') job.rating = String(rating);
      const rest: Record<string, unknown> = {};
      for (const k in o) if (k !== keys.text) rest[k] = o[k];
      yield { line: item.line, offset: item.offset, rest, job };
    }
  }

  const run = async (batch: Line[]): Promise<(JsonResult | null)[]> => {
    if (auto) {
      // A file's size tells what is left; of a pipe, what has come so far is the guess.
      const read = batch[batch.length - 1]!.offset;
      pool.grow?.(autoThreads(total ? total - read : read, cores) - pool.size);
    }
    const jobs = batch.filter((l) => l.job).map((l) => l.job!);
    const results = jobs.length > 0 ? await pool.analyzeJson(jobs, flags.fields) : [];
    let k = 0;
    return batch.map((l) => (l.job ? results[k++]! : null));
  };

  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk === '') return;
    const s = chunk;
    chunk = '';
    if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for await (const [line, result] of mapOrdered(lines(), run, { batchSize: 32, inFlight: Math.max(2, (auto ? cores : pool.size) * 3) })) {
    const error = line.error ?? (result && 'error' in result ? result.error : null);
    if (error) {
      errors++;
      chunk += `${JSON.stringify({ error: { file: where, line: line.line, code: error.code, message: error.message } })}\n`;
      if (!bar && !quiet) process.stderr.write(`verdict: ${where}:${line.line}: ${error.message} [${error.code}]\n`);
    } else {
      cards++;
      const head = JSON.stringify(line.rest);
      chunk += `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"card":${(result as { json: string }).json}}\n`;
    }
    if (chunk.length > 65536) await flush();
    bar?.update(total ? line.offset : cards + errors, { cards, errors });
  }
  await flush();
  bar?.update(total || 1, { cards, errors });
  bar?.stop();
  if (errors > 0 && !quiet) process.stderr.write(`verdict: ${cards} cards, ${errors} bad lines (see the "error" records)\n`);
  // A run that produced no card fails: 65 as an import that stored nothing, 2 (bad input: empty) for no line at all.
  if (cards === 0 && errors > 0) throw new CliError(`no line of ${where} gave a card (${errors} bad line${errors === 1 ? '' : 's'})`, Exit.NOTHING_STORED);
  if (cards === 0) throw new CliError(`no input: ${where} holds no JSON line (give one review per line)`, Exit.BAD_INPUT);
}
