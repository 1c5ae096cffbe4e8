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
import { decodeReview } from '../node/read-input.ts';
import { BudgetExceeded, PoolBusy } from '../node/pool/task-pool.ts';
import { analyzeOrProblem, inlineServerAnalyzer, readAnalyzeRequest, type ServerAnalyzer } from './api/analyze.ts';
import { buildOpenApi, type Operation } from './api/openapi.ts';
import { cardJsonSchema } from './api/card-json-schema.ts';
import { AnalyzeRequestSchema, ProblemSchema, ReviewCardSchema } from './api/schemas.ts';
import { loadAssets, type Assets } from './assets.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { limitBody, rateLimit } from './middleware.ts';
import { compression, conditionalGets, corsFor, methodNotAllowed } from './http-conventions.ts';
import { PageCache } from './page-cache.ts';
import { ProblemError, problemResponse } from './problem.ts';
import { READ_OPERATIONS, WRITE_OPERATIONS, readNewReviews, registerReadApi, requireKey, parseWith } from './api/routes.ts';
import { ReviewQuerySchema, PageQuerySchema, FilmQuerySchema } from './api/dto.ts';
import * as dto from './api/dto.ts';
import { memorySiteData, type KeyStore, type SiteData } from './site-data.ts';
import { analyzePage, type AnalyzeFormState } from './web/analyze-page.ts';
import { criticPage, criticsPage, comparePage, filmPage, filmsPage, franchisePage, aboutPage, franchisesPage, homePage, publicationPage, publicationsPage, reviewPage, type CompareChoices } from './web/pages.ts';
import { html } from './web/html.ts';
import { page } from './web/layout.ts';
import type { EditorData } from './editor/editor-data.ts';
import { EDITOR_COMPONENTS, EDITOR_OPERATIONS, registerEditor } from './editor/routes.ts';
import { requireApiRole } from './editor/auth.ts';

export interface AppDeps {
  model: Model;
  /** Where analyses run (`verdict serve`: the worker pool); default this thread. */
  analyzer?: ServerAnalyzer;
  /** Films, reviews, critics and franchises (the store behind the site); empty when absent. */
  data?: SiteData;
  /** API keys for writes; without it every write is refused. */
  keys?: KeyStore;
  /** Accounts, sessions, the review queue and corrections; without it there are no editor pages. */
  editor?: EditorData;
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
    ...READ_OPERATIONS,
    { method: 'get', path: '/api/v1/schemas/card.v1.json', operationId: 'getCardSchema', summary: "The review card's JSON Schema (card.v1, generated from the zod definition)", tags: ['analyze'], responses: { '200': { description: 'JSON Schema 2020-12', contentType: 'application/schema+json' } } },
    ...WRITE_OPERATIONS,
    ...EDITOR_OPERATIONS,
  ];
}

const COMPONENTS = {
  ReviewCard: ReviewCardSchema,
  Problem: ProblemSchema,
  AnalyzeRequest: AnalyzeRequestSchema,
  FilmSummary: dto.FilmSummarySchema,
  FilmDetail: dto.FilmDetailSchema,
  Consensus: dto.ConsensusSchema,
  Quote: dto.QuoteSchema,
  ReviewSummary: dto.ReviewSummarySchema,
  ReviewDetail: dto.ReviewDetailSchema,
  CriticSummary: dto.CriticSummarySchema,
  CriticProfile: dto.CriticProfileSchema,
  FranchiseSummary: dto.FranchiseSummarySchema,
  Share: dto.ShareSchema,
  PublicationSummary: dto.PublicationSummarySchema,
  PublicationDetail: dto.PublicationDetailSchema,
  PublicationList: dto.PublicationListSchema,
  Compare: dto.CompareSchema,
  FranchiseDetail: dto.FranchiseDetailSchema,
  FilmList: dto.FilmListSchema,
  ReviewList: dto.ReviewListSchema,
  CriticList: dto.CriticListSchema,
  FranchiseList: dto.FranchiseListSchema,
  NewReview: dto.NewReviewSchema,
  NewReviews: dto.NewReviewsBodySchema,
  RowResult: dto.RowResultSchema,
  ImportResult: dto.ImportResultSchema,
  ...EDITOR_COMPONENTS,
};

/** Build the application. */
export function createApp(deps: AppDeps): Hono {
  const config = resolveConfig(deps.config);
  const now = deps.now ?? Date.now;
  const assets: Assets = loadAssets();
  const log = deps.logger;
  // strict: false — /films/ and /films are the same page.
  const app = new Hono({ strict: false });
  const openapi = JSON.stringify(buildOpenApi(operations(), COMPONENTS, { version: ANALYZER_VERSION }));

  app.use(secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false, referrerPolicy: 'strict-origin-when-cross-origin' }));
  // API conventions (http-conventions.ts): compression, CORS when configured, ETag/304 on GETs.
  if (config.compress) app.use(compression());
  const corsMiddleware = corsFor(config.corsOrigins);
  if (corsMiddleware) app.use('/api/*', corsMiddleware);
  app.use('/api/*', conditionalGets());
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
    else if (err instanceof BudgetExceeded || err instanceof PoolBusy) problem = new ProblemError(503, 'unavailable', 'Analysis unavailable', err.message, {}, { 'Retry-After': '5' });
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
    const allow = methodNotAllowed(app, c, corsMiddleware !== null);
    if (allow) {
      const detail = `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow.join(', ')}`;
      if (isApi(c)) return problemResponse(c, { type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405, detail }, { Allow: allow.join(', ') });
      c.header('Allow', allow.join(', '));
      return htmlPage(c, 'Method not allowed', html`<h1>Method not allowed</h1><p>${detail}</p>`, 405);
    }
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

  // Liveness (also the bench's baseline route: the cost of the framework alone).
  app.get('/healthz', (c) => c.json({ ok: true }));

  // Editors: sign-in, sessions, the queue and corrections (src/server/editor/).
  const data = deps.data ?? memorySiteData({ films: [], reviews: [], critics: [], franchises: [] });
  if (deps.editor) registerEditor(app, { editor: deps.editor, data, trustProxy: config.trustProxy, requirePublish: config.requirePublish, render: (c, title, body, status) => htmlPage(c, title, body, status), now });

  // API
  const cardSchema = JSON.stringify(cardJsonSchema());
  app.get('/api/v1/schemas/card.v1.json', (c) => c.body(cardSchema, 200, { 'Content-Type': 'application/schema+json', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/api/v1/openapi.json', (c) => c.body(openapi, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' }));
  const analyzer = deps.analyzer ?? inlineServerAnalyzer(deps.model);
  const analyzeLimit = rateLimit(config.analyzeRate, config.trustProxy, now);
  app.post('/api/v1/analyze', analyzeLimit, limitBody(config.maxAnalyzeBytes), async (c) => {
    const { text, options } = await readAnalyzeRequest(c);
    return c.json(await analyzeOrProblem(text, analyzer, options));
  });

  // Analyse page
  const examples = deps.examples ?? {};
  app.get('/analyze', async (c) => {
    const name = c.req.query('example');
    const state: AnalyzeFormState = { maxBytes: config.maxAnalyzeBytes };
    if (name !== undefined) {
      const text = examples[name];
      if (text === undefined) throw new ProblemError(404, 'not-found', 'No such example', `there is no example named "${name}"`);
      state.text = text;
      state.card = await analyzeOrProblem(text, analyzer, {});
    }
    return htmlPage(c, 'Analyse a review', analyzePage(state));
  });
  app.post('/analyze', analyzeLimit, limitBody(config.maxAnalyzeBytes), async (c) => {
    const form = await c.req.parseBody();
    const state: AnalyzeFormState = { maxBytes: config.maxAnalyzeBytes };
    let text = typeof form.text === 'string' ? form.text : '';
    let uploadError: string | undefined;
    if (form.file instanceof File && form.file.size > 0) {
      // Binary or undecodable uploads are refused with the reason (UTF-16 with a byte-order mark is decoded).
      try {
        text = decodeReview(new Uint8Array(await form.file.arrayBuffer()), { maxBytes: config.maxAnalyzeBytes, where: 'the uploaded file' });
      } catch (e) {
        if (!(e instanceof VerdictError)) throw e;
        uploadError = e.message;
        text = '';
      }
    }
    const title = typeof form.title === 'string' ? form.title.trim() : '';
    const format = typeof form.format === 'string' && ['text', 'markdown', 'html'].includes(form.format) ? (form.format as 'text' | 'markdown' | 'html') : undefined;
    state.text = text;
    if (title) state.title = title;
    if (format) state.format = format;
    if (uploadError) {
      state.error = uploadError;
      return htmlPage(c, 'Analyse a review', analyzePage(state), 422);
    }
    try {
      state.card = await analyzeOrProblem(text, analyzer, { ...(title ? { title } : {}), ...(format ? { format } : {}) });
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      state.error = e.problem.detail ?? e.problem.title;
      return htmlPage(c, 'Analyse a review', analyzePage(state), 422);
    }
    return htmlPage(c, 'Analyse a review', analyzePage(state));
  });

  // Reads
  // Film page and film API answers are reused while the film has the same review count (page-cache.ts).
  const cache = new PageCache(config.pageCacheMs);
  const cached = async (c: Context, type: string, render: () => Promise<{ body: string; status?: number } | null>): Promise<Response | null> => {
    const stamp = await data.filmStamp(c.req.param('id') ?? '');
    if (stamp === null) return null;
    const key = c.req.url;
    const hit = cache.get(key, stamp, now());
    if (hit) return c.body(hit as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': type, 'X-Cache': 'hit' });
    const out = await render();
    if (!out) return null;
    const body = new TextEncoder().encode(out.body);
    if ((out.status ?? 200) === 200) cache.set(key, stamp, now(), body);
    return c.body(body as Uint8Array<ArrayBuffer>, (out.status ?? 200) as 200, { 'Content-Type': type, 'X-Cache': 'miss' });
  };
  app.get('/api/v1/films/:id', async (c, next) => {
    const r = await cached(c, 'application/json', async () => {
      const f = await data.film(c.req.param('id'));
      return f ? { body: JSON.stringify(f) } : null;
    });
    return r ?? next();
  });
  registerReadApi(app, data);

  // Writes: an API key, then a rate limit (counted after the key check, so bad-key traffic from an address never
  // uses up its good keys' allowance), a body limit, and a size cap per review.
  app.post('/api/v1/reviews', deps.editor ? requireApiRole('editor') : requireKey(deps.keys), rateLimit(config.writeRate, config.trustProxy, now), limitBody(config.maxWriteBytes), async (c) => {
    const read = await readNewReviews(c);
    const { rejected } = read;
    const rows: typeof read.rows = [];
    const lines: number[] = [];
    read.rows.forEach((r, i) => {
      const bytes = Buffer.byteLength(r.text, 'utf8');
      if (bytes > config.maxReviewBytes) {
        const message = `the review text is ${Math.ceil(bytes / 1024)} KB, over the ${Math.round(config.maxReviewBytes / 1024)} KB limit per review`;
        rejected.push({ line: read.lines[i]!, reason: `${message} [E_TOO_LARGE]`, code: 'E_TOO_LARGE', message });
      }
      else {
        rows.push(r);
        lines.push(read.lines[i]!);
      }
    });
    if (rows.length === 0) {
      const codes = [...new Set(rejected.map((r) => r.code))];
      throw new ProblemError(422, 'invalid-request', 'No review could be read', rejected.length ? `${rejected.length} row(s) rejected: ${rejected[0]!.reason}${rejected.length > 1 ? '; …' : ''}` : 'the body holds no reviews', { ...(codes.length === 1 ? { code: codes[0] } : {}), errors: rejected.map((r) => ({ path: `line ${r.line}`, message: r.reason })) });
    }
    const result = await data.addReviews(rows);
    // Rows numbered by the store (1..n) → the body's own lines; the ones rejected before storing join in order.
    const results = [
      ...rejected.map((r) => ({ line: r.line, status: 'rejected' as const, reason: r.message, code: r.code })),
      ...result.results.map((o) => ({ ...o, line: lines[o.line - 1] ?? o.line })),
    ].sort((a, b) => a.line - b.line);
    const codeAt = new Map(result.results.flatMap((o) => (o.status === 'rejected' ? [[o.line, o.code] as const] : [])));
    const moreRejected = result.rejected.map((r) => ({ line: lines[r.line - 1] ?? r.line, reason: r.reason, ...(codeAt.has(r.line) ? { code: codeAt.get(r.line)! } : {}) }));
    const body = { ...result, ids: results.flatMap((o) => ('id' in o && o.id ? [o.id] : [])), rejected: [...rejected.map(({ line, reason, code }) => ({ line, reason, code })), ...moreRejected].sort((a, b) => a.line - b.line), results };
    return c.json(body, result.imported > 0 ? 201 : 200);
  });

  // Pages
  const PAGE_TOP = 12;
  app.get('/', async (c) => htmlPage(c, 'Home', homePage(await data.topFilms(PAGE_TOP), await data.franchises())));
  app.get('/films', async (c) => {
    const q = parseWith(FilmQuerySchema, c.req.query(), 'query');
    const query = q.q?.trim() || undefined;
    return htmlPage(c, query ? `Films matching ${query}` : 'Films', filmsPage(await data.films({ ...q, q: query }), query), 200, query ?? '');
  });
  // The other entries of a film's franchise, offered as one-click comparisons on its page.
  // A light read (the films' rows, no consensus): the film page's budget holds on uncached renders.
  const siblingsOf = async (f: dto.FilmDetail) =>
    f.franchise ? (await data.franchiseFilms(f.franchise.name)).filter((x) => x.id !== f.id && x.reviews > 0).sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999)).slice(0, 8) : [];
  app.get('/films/:id', async (c, next) => {
    const raw = c.req.query();
    // Empty filter fields from the form mean "any".
    const q = parseWith(ReviewQuerySchema, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')), 'filters');
    const r = await cached(c, 'text/html; charset=UTF-8', async () => {
      const f = await data.film(c.req.param('id'));
      if (!f) return null;
      return { body: page(assets, { title: f.title, path: c.req.path }, filmPage(f, await data.filmReviews(f.id, { ...q, limit: config.pageSize }), q, await siblingsOf(f))) };
    });
    return r ?? next();
  });
  app.get('/films/:id', async (c) => {
    const raw = c.req.query();
    // Empty filter fields from the form mean "any".
    const q = parseWith(ReviewQuerySchema, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')), 'filters');
    const f = await data.film(c.req.param('id'));
    if (!f) throw new ProblemError(404, 'not-found', 'Film not found', `there is no film with id "${c.req.param('id')}"`);
    return htmlPage(c, f.title, filmPage(f, await data.filmReviews(f.id, { ...q, limit: config.pageSize }), q, await siblingsOf(f)));
  });
  app.get('/reviews/:id', async (c) => {
    const r = await data.review(c.req.param('id'));
    if (!r) throw new ProblemError(404, 'not-found', 'Review not found', `there is no review with id "${c.req.param('id')}"`);
    return htmlPage(c, `${r.critic?.name ?? 'Review'} on ${r.film.title}`, reviewPage(r));
  });
  app.get('/critics', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const query = q.q?.trim() || undefined;
    return htmlPage(c, 'Critics', criticsPage(await data.critics({ ...q, q: query }), query));
  });
  app.get('/critics/:id', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const p = await data.critic(c.req.param('id'));
    if (!p) throw new ProblemError(404, 'not-found', 'Critic not found', `there is no critic with id "${c.req.param('id')}"`);
    return htmlPage(c, p.name, criticPage(p, await data.criticReviews(p.id, { ...q, limit: config.pageSize })));
  });
  app.get('/publications', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const query = q.q?.trim() || undefined;
    return htmlPage(c, 'Publications', publicationsPage(await data.publications({ ...q, q: query }), query));
  });
  app.get('/publications/:id', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const p = await data.publication(c.req.param('id'));
    if (!p) throw new ProblemError(404, 'not-found', 'Publication not found', `there is no publication with id "${c.req.param('id')}"`);
    return htmlPage(c, p.name, publicationPage(p, await data.publicationReviews(p.id, { ...q, limit: config.pageSize })));
  });
  // Compare: `films` lists ids; `with` (the "compare with…" form) names one more film by title.
  app.get('/compare', async (c) => {
    const ids = [...new Set((c.req.query('films') ?? '').split(',').map((x) => x.trim()).filter(Boolean))].slice(0, 6);
    const wanted = (c.req.query('with') ?? '').trim().slice(0, 200);
    let choices: CompareChoices | undefined;
    if (wanted) {
      const matches = (await data.films({ q: wanted, limit: 10, offset: 0 })).items.filter((m) => !ids.includes(m.id));
      const exact = matches.filter((m) => m.title.toLowerCase() === wanted.toLowerCase());
      const pick = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
      if (pick) return c.redirect(`/compare?films=${[...ids, pick.id].map(encodeURIComponent).join(',')}`, 302);
      choices = { query: wanted, matches };
    }
    const films = await Promise.all(ids.map((id) => data.film(id)));
    const missing = ids.filter((_, i) => !films[i]);
    if (missing.length) throw new ProblemError(404, 'not-found', 'Film not found', `there is no film with id ${missing.map((m) => `"${m}"`).join(', ')}`);
    const found = films.filter((f) => f !== null);
    return htmlPage(c, found.length ? `Compare ${found.map((f) => f.title).join(', ')}` : 'Compare films', comparePage(found, choices));
  });
  app.get('/franchises', async (c) => htmlPage(c, 'Franchises', franchisesPage(await data.franchises())));
  app.get('/about', (c) => htmlPage(c, 'About', aboutPage()));
  app.get('/franchises/:id', async (c) => {
    const f = await data.franchise(c.req.param('id'));
    if (!f) throw new ProblemError(404, 'not-found', 'Franchise not found', `there is no franchise with id "${c.req.param('id')}"`);
    return htmlPage(c, f.name, franchisePage(f));
  });
  return app;
}
