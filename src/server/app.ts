/**
 * @module The HTTP application (Hono): the JSON API under /api/v1 and the server-rendered site.
 * `createApp` takes its store, model and configuration as arguments, so tests inject a temporary store.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { ANALYZER_VERSION, type Model } from '../analyze/index.ts';
import { VerdictError } from '../analyze/errors.ts';
import { analyzeOrProblem, readAnalyzeRequest } from './api/analyze.ts';
import { buildOpenApi, type Operation } from './api/openapi.ts';
import { AnalyzeRequestSchema, ProblemSchema, ReviewCardSchema } from './api/schemas.ts';
import { loadAssets, type Assets } from './assets.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { limitBody, rateLimit } from './middleware.ts';
import { ProblemError, problemResponse } from './problem.ts';
import { analyzePage, type AnalyzeFormState } from './web/analyze-page.ts';
import { html } from './web/html.ts';
import { page } from './web/layout.ts';

export interface AppDeps {
  model: Model;
  config?: Partial<ServerConfig>;
  logger?: Logger;
  /** Example reviews offered on the analyse page, by name (e.g. ballerina → its text). */
  examples?: Record<string, string>;
  /** Clock for rate limiting (ms); injectable for tests. */
  now?: () => number;
}

/** Content-Security-Policy: same-origin scripts only (no inline scripts, no eval), no plugins, no framing. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const ANALYZE_RESPONSES: Operation['responses'] = {
  '200': { description: 'The review card', schema: ReviewCardSchema },
  '400': { description: 'Malformed request', schema: ProblemSchema },
  '413': { description: 'Body over the size limit', schema: ProblemSchema },
  '415': { description: 'Unsupported content type', schema: ProblemSchema },
  '422': { description: 'Empty, binary or invalid text, or a body not matching the schema', schema: ProblemSchema },
  '429': { description: 'Rate limited (see Retry-After)', schema: ProblemSchema },
};

/** Every API operation, for the OpenAPI document. */
export function operations(): Operation[] {
  return [
    {
      method: 'post',
      path: '/api/v1/analyze',
      operationId: 'analyze',
      summary: 'Analyse one review (stateless: text in, card out; nothing is stored)',
      tags: ['analyze'],
      body: { schema: AnalyzeRequestSchema, contentTypes: ['application/json', 'text/plain', 'text/markdown', 'text/html'], description: 'JSON, or the raw review as text/plain, text/markdown or text/html' },
      responses: ANALYZE_RESPONSES,
    },
  ];
}

/** Build the application. */
export function createApp(deps: AppDeps): Hono {
  const config = resolveConfig(deps.config);
  const now = deps.now ?? Date.now;
  const assets: Assets = loadAssets();
  const log = deps.logger;
  const app = new Hono();
  const openapi = JSON.stringify(buildOpenApi(operations(), { ReviewCard: ReviewCardSchema, Problem: ProblemSchema, AnalyzeRequest: AnalyzeRequestSchema }, { version: ANALYZER_VERSION }));

  app.use(secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false, referrerPolicy: 'strict-origin-when-cross-origin' }));
  if (log) {
    app.use(async (c, next) => {
      const t0 = performance.now();
      await next();
      log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - t0) * 10) / 10 }, 'request');
    });
  }

  const isApi = (c: Context): boolean => c.req.path.startsWith('/api/');
  const htmlPage = (c: Context, title: string, body: ReturnType<typeof html>, status = 200, query?: string) =>
    c.html(page(assets, { title, path: c.req.path, ...(query !== undefined ? { query } : {}) }, body), status as 200);

  app.onError((err, c) => {
    let problem: ProblemError;
    if (err instanceof ProblemError) problem = err;
    else if (err instanceof VerdictError) problem = new ProblemError(422, 'unprocessable', 'Unprocessable input', err.message, { code: err.code });
    else if (err instanceof HTTPException) problem = new ProblemError(err.status, 'http', err.message || 'Request failed', err.message || undefined);
    else {
      log?.error({ err, path: c.req.path }, 'unhandled error');
      problem = new ProblemError(500, 'internal', 'Internal server error', 'something went wrong on our side; it has been logged');
    }
    if (isApi(c)) return problemResponse(c, problem.problem, problem.headers);
    for (const [k, v] of Object.entries(problem.headers)) c.header(k, v);
    return htmlPage(c, problem.problem.title, html`<h1>${problem.problem.title}</h1><p role="alert">${problem.problem.detail ?? ''}</p><p><a href="/">Back to the home page</a></p>`, problem.problem.status);
  });
  app.notFound((c) => {
    if (isApi(c)) return problemResponse(c, { type: '/problems/not-found', title: 'Not found', status: 404, detail: `no route for ${c.req.method} ${c.req.path}` });
    return htmlPage(c, 'Not found', html`<h1>Page not found</h1><p>There is nothing at this address. <a href="/">Back to the home page</a> or search for a film above.</p>`, 404);
  });

  // Static assets: hashed URLs, cached for a year.
  app.get('/static/:file', (c) => {
    const a = assets.byUrl.get(c.req.path);
    if (!a) return c.notFound();
    if (c.req.header('if-none-match') === a.etag) return c.body(null, 304, { ETag: a.etag, 'Cache-Control': 'public, max-age=31536000, immutable' });
    return c.body(a.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': a.type, ETag: a.etag, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
  app.get('/favicon.ico', (c) => c.redirect(assets.icon.url, 301));

  // API
  app.get('/api/v1/openapi.json', (c) => c.body(openapi, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' }));
  const analyzeLimit = rateLimit(config.analyzeRate, config.trustProxy, now);
  app.post('/api/v1/analyze', analyzeLimit, limitBody(config.maxAnalyzeBytes), async (c) => {
    const { text, options } = await readAnalyzeRequest(c);
    return c.json(analyzeOrProblem(text, deps.model, options));
  });

  // Analyse page
  const examples = deps.examples ?? {};
  app.get('/analyze', (c) => {
    const name = c.req.query('example');
    const state: AnalyzeFormState = { maxBytes: config.maxAnalyzeBytes };
    if (name !== undefined) {
      const text = examples[name];
      if (text === undefined) throw new ProblemError(404, 'not-found', 'No such example', `there is no example named "${name}"`);
      state.text = text;
      state.card = analyzeOrProblem(text, deps.model, {});
    }
    return htmlPage(c, 'Analyse a review', analyzePage(state));
  });
  app.post('/analyze', analyzeLimit, limitBody(config.maxAnalyzeBytes), async (c) => {
    const form = await c.req.parseBody();
    const state: AnalyzeFormState = { maxBytes: config.maxAnalyzeBytes };
    let text = typeof form.text === 'string' ? form.text : '';
    if (form.file instanceof File && form.file.size > 0) text = await form.file.text();
    const title = typeof form.title === 'string' ? form.title.trim() : '';
    const format = typeof form.format === 'string' && ['text', 'markdown', 'html'].includes(form.format) ? (form.format as 'text' | 'markdown' | 'html') : undefined;
    state.text = text;
    if (title) state.title = title;
    if (format) state.format = format;
    try {
      state.card = analyzeOrProblem(text, deps.model, { ...(title ? { title } : {}), ...(format ? { format } : {}) });
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      state.error = e.problem.detail ?? e.problem.title;
      return htmlPage(c, 'Analyse a review', analyzePage(state), 422);
    }
    return htmlPage(c, 'Analyse a review', analyzePage(state));
  });

  app.get('/', (c) => htmlPage(c, 'Home', html`<h1>Verdict</h1><p>Film criticism, read closely. <a href="/analyze">Analyse a review</a>.</p>`));
  return app;
}
