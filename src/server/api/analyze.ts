/**
 * @module POST /api/v1/analyze: stateless, text in, card out.
 */
import type { Context } from 'hono';
import { textProblem, type AnalyzeOptions, type Model, type ReviewCard } from '../../analyze/index.ts';
import { ErrorCode } from '../../analyze/errors.ts';
import { analyzeJobs, type AnalyzeJob, type AnalyzeResult } from '../../node/pool/jobs.ts';
import { BudgetExceeded, PoolBusy } from '../../node/pool/task-pool.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { AnalyzeRequestSchema, issuesOf } from './schemas.ts';

const TEXT_TYPES: Record<string, AnalyzeOptions['format']> = { 'text/plain': 'text', 'text/markdown': 'markdown', 'text/html': 'html' };

/** `film` and `movie_title` (the names POST /api/v1/reviews and `verdict import` read) name the title here too. */
function titleAliases(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'title' in body) return body;
  const { film, movie_title: movieTitle, ...rest } = body as Record<string, unknown>;
  const title = film ?? movieTitle;
  return title === undefined ? body : { ...rest, title };
}

/** Read a request into text + options: JSON `{text, format?, title?, rating?}` or a raw text/markdown/html body. */
export async function readAnalyzeRequest(c: Context): Promise<{ text: string; options: AnalyzeOptions }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw badRequest('the body is not valid JSON', { code: ErrorCode.BAD_JSON });
    }
    const parsed = AnalyzeRequestSchema.safeParse(titleAliases(body));
    if (!parsed.success) throw new ProblemError(422, 'invalid-request', 'Invalid request', 'the body does not match the AnalyzeRequest schema', { errors: issuesOf(parsed.error) });
    const { text, ...rest } = parsed.data;
    const options: AnalyzeOptions = {};
    if (rest.format) options.format = rest.format;
    if (rest.title) options.title = rest.title;
    if (rest.rating) options.rating = rest.rating;
    return { text, options };
  }
  if (type in TEXT_TYPES) {
    const buf = new Uint8Array(await c.req.arrayBuffer());
    if (buf.includes(0)) throw new ProblemError(422, 'unprocessable', 'Unprocessable review', 'the body looks binary (a NUL byte), not text', { code: ErrorCode.BINARY_INPUT });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      throw new ProblemError(422, 'unprocessable', 'Unprocessable review', 'the body is not valid UTF-8', { code: ErrorCode.INVALID_UTF8 });
    }
    const options: AnalyzeOptions = { format: TEXT_TYPES[type]! };
    const title = c.req.query('title') ?? c.req.query('film') ?? c.req.query('movie_title');
    if (title) options.title = title;
    return { text, options };
  }
  throw new ProblemError(415, 'unsupported-media-type', 'Unsupported media type', 'send application/json ({"text": …}) or a text/plain, text/markdown or text/html body');
}

/** What analyses for the server: the worker pool (`TaskPool`), or the calling thread in tests. */
export interface ServerAnalyzer {
  analyze(jobs: AnalyzeJob[]): Promise<AnalyzeResult[]>;
}

/** Analysis on the calling thread (tests and embedding; `verdict serve` uses the worker pool). */
export function inlineServerAnalyzer(model: Model): ServerAnalyzer {
  return { analyze: async (jobs) => analyzeJobs(jobs, model) };
}

/**
 * Analyse off the event loop: empty or bad text is a 422 problem; a pool past its time budget or full a 503
 * (with Retry-After), so one slow request never holds the server.
 */
export async function analyzeOrProblem(text: string, analyzer: ServerAnalyzer, options: AnalyzeOptions): Promise<ReviewCard> {
  if (text.trim() === '') throw new ProblemError(422, 'unprocessable', 'Unprocessable review', 'the text is empty or whitespace only: nothing to analyse', { code: ErrorCode.EMPTY_TEXT });
  const bad = textProblem(text, 'the text');
  if (bad) throw new ProblemError(422, 'unprocessable', 'Unprocessable review', bad.message, { code: bad.code });
  let result: AnalyzeResult | undefined;
  try {
    [result] = await analyzer.analyze([{ text, ...options }]);
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof PoolBusy) throw new ProblemError(503, 'unavailable', 'Analysis unavailable', e.message, {}, { 'Retry-After': '5' });
    throw e;
  }
  if (!result) throw new Error('the analysis pool returned no result');
  if ('error' in result) throw new ProblemError(422, 'unprocessable', 'Unprocessable review', result.error.message, { code: result.error.code });
  return result.card;
}
