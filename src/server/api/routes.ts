/**
 * @module The read and write API under /api/v1: each route declared once with its zod schemas, which
 * both validate the request and generate the OpenAPI document.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { SiteData, KeyStore } from '../site-data.ts';
import { badRequest, notFound, ProblemError } from '../problem.ts';
import type { Operation } from './openapi.ts';
import {
  CompareQuerySchema,
  CompareSchema,
  CriticListSchema,
  CriticProfileSchema,
  FilmDetailSchema,
  FilmListSchema,
  FilmQuerySchema,
  FranchiseDetailSchema,
  FranchiseListSchema,
  IdParamSchema,
  ImportResultSchema,
  NewReviewSchema,
  NewReviewsBodySchema,
  PageQuerySchema,
  PublicationDetailSchema,
  PublicationListSchema,
  ReviewDetailSchema,
  ReviewListSchema,
  ReviewQuerySchema,
  type ReviewInput,
} from './dto.ts';
import { issuesOf, ProblemSchema } from './schemas.ts';
import { jsonLines } from '../../node/json-lines.ts';
import { COLUMN_ALIASES, columnKey, FIELDS, parseLabel, RowError, toSourceRow, type Field } from '../../node/readers/columns.ts';

/** Parse a query or params object with a schema, or answer 400 listing each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw badRequest(`invalid ${what}`, { errors: issuesOf(r.error) });
  return r.data;
}

/**
 * Validate a request body that parsed as JSON: a mismatch (a wrong type, a missing or an unknown field, each named)
 * is 422, since the request is well-formed but its content cannot be processed (RFC 9110 §15.5.21); a body that is
 * not JSON at all is 400 (the caller's own parse step).
 */
export function parseBodyWith<T extends z.ZodType>(schema: T, input: unknown, name: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors = issuesOf(r.error);
  throw new ProblemError(422, 'invalid-request', 'Invalid request body', `the body does not match the ${name} schema: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}

const problem = (description: string) => ({ description, schema: ProblemSchema });
const NOT_FOUND = { '404': problem('No such resource') };
const BAD = { '400': problem('Invalid parameters') };

/** The read operations (documented and served). */
export const READ_OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/v1/films', operationId: 'listFilms', summary: 'List and search films', tags: ['films'], query: FilmQuerySchema, responses: { '200': { description: 'A page of films', schema: FilmListSchema }, ...BAD } },
  { method: 'get', path: '/api/v1/films/{id}', operationId: 'getFilm', summary: "A film's consensus", tags: ['films'], params: IdParamSchema, responses: { '200': { description: 'The film and its consensus', schema: FilmDetailSchema }, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/films/{id}/reviews', operationId: 'listFilmReviews', summary: "A film's reviews, paginated and filterable by fresh/rotten, top critic and aspect", tags: ['films', 'reviews'], params: IdParamSchema, query: ReviewQuerySchema, responses: { '200': { description: 'A page of reviews', schema: ReviewListSchema }, ...BAD, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/reviews/{id}', operationId: 'getReview', summary: 'One review with its card', tags: ['reviews'], params: IdParamSchema, responses: { '200': { description: 'The review and its card', schema: ReviewDetailSchema }, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/critics', operationId: 'listCritics', summary: 'List and search critics', tags: ['critics'], query: PageQuerySchema, responses: { '200': { description: 'A page of critics', schema: CriticListSchema }, ...BAD } },
  { method: 'get', path: '/api/v1/critics/{id}', operationId: 'getCritic', summary: "A critic's profile: leniency and agreement", tags: ['critics'], params: IdParamSchema, responses: { '200': { description: 'The profile', schema: CriticProfileSchema }, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/critics/{id}/reviews', operationId: 'listCriticReviews', summary: "A critic's reviews", tags: ['critics', 'reviews'], params: IdParamSchema, query: PageQuerySchema, responses: { '200': { description: 'A page of reviews', schema: ReviewListSchema }, ...BAD, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/publications', operationId: 'listPublications', summary: 'List and search publications', tags: ['publications'], query: PageQuerySchema, responses: { '200': { description: 'A page of publications', schema: PublicationListSchema }, ...BAD } },
  { method: 'get', path: '/api/v1/publications/{id}', operationId: 'getPublication', summary: 'A publication: its critics, share fresh of its reviews and leniency against the consensus', tags: ['publications'], params: IdParamSchema, responses: { '200': { description: 'The publication', schema: PublicationDetailSchema }, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/publications/{id}/reviews', operationId: 'listPublicationReviews', summary: "A publication's reviews, newest first", tags: ['publications', 'reviews'], params: IdParamSchema, query: PageQuerySchema, responses: { '200': { description: 'A page of reviews', schema: ReviewListSchema }, ...BAD, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/compare', operationId: 'compareFilms', summary: 'Two to six films side by side: share fresh, top critics, score, aspects', tags: ['films'], query: CompareQuerySchema, responses: { '200': { description: 'The films, in the order asked', schema: CompareSchema }, ...BAD, ...NOT_FOUND } },
  { method: 'get', path: '/api/v1/franchises', operationId: 'listFranchises', summary: 'Franchises', tags: ['franchises'], responses: { '200': { description: 'All franchises', schema: FranchiseListSchema } } },
  { method: 'get', path: '/api/v1/franchises/{id}', operationId: 'getFranchise', summary: 'A franchise: entries ranked and the in-universe timeline', tags: ['franchises'], params: IdParamSchema, responses: { '200': { description: 'The franchise', schema: FranchiseDetailSchema }, ...NOT_FOUND } },
];

export const WRITE_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/reviews',
    operationId: 'addReviews',
    summary: 'Store reviews: one JSON object, a JSON array, or a JSON Lines body (application/x-ndjson); idempotent by content hash',
    tags: ['reviews'],
    auth: true,
    body: { schema: NewReviewsBodySchema, contentTypes: ['application/json', 'application/x-ndjson'], description: 'A review or an array of them; as JSON Lines, one review per line. The lines `verdict export` writes are accepted as they are (review, movie_title, fresh: "fresh"|"rotten", top_critic, …; other fields ignored)' },
    responses: {
      '201': { description: 'At least one review was created; every row\'s outcome in input order', schema: ImportResultSchema },
      '200': { description: 'Nothing was created (every row a duplicate or rejected); every row\'s outcome in input order', schema: ImportResultSchema },
      '400': problem('The body is not JSON (E_BAD_JSON)'),
      '401': problem('No or unknown API key'),
      '413': problem('Body over the size limit'),
      '415': problem('Unsupported content type'),
      '422': problem('No row could be read: every row rejected (schema mismatches and unknown fields named; the import\'s checks, e.g. E_BAD_DATE)'),
      '429': problem('Rate limited'),
    },
  },
];

/** Require `Authorization: Bearer <key>` naming a live key. */
export function requireKey(keys: KeyStore | undefined): MiddlewareHandler {
  return async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const challenge = { 'WWW-Authenticate': 'Bearer realm="verdict"' };
    if (!m) throw new ProblemError(401, 'unauthorized', 'API key required', 'writes need an API key: send Authorization: Bearer <key> (create one with `verdict keys create`)', {}, challenge);
    const id = keys ? await keys.verify(m[1]!) : null;
    if (!id) throw new ProblemError(401, 'unauthorized', 'Invalid API key', 'the API key is unknown or revoked', {}, challenge);
    c.set('keyId' as never, id as never);
    await next();
  };
}

/** The import's fields (src/node/readers/columns.ts) → the API's field names; the two the API has no use for are left out. */
const API_NAME: Partial<Record<Field, keyof ReviewInput>> = { text: 'text', film: 'film', year: 'year', critic: 'critic', publication: 'publication', label: 'fresh', rating: 'rating', date: 'date', topCritic: 'topCritic', url: 'url' };
const API_FIELDS = new Set<string>(Object.keys(NewReviewSchema.shape));
/** Every column name the import reads (after `columnKey`) → the API field it fills. */
const ALIASES = new Map<string, string>(FIELDS.flatMap((f) => (API_NAME[f] ? COLUMN_ALIASES[f].map((a) => [a, API_NAME[f]!] as [string, string]) : [])));

/**
 * A row written with the import's column names (`title`, `movie_title`, `review`, `top_critic`, …) → the API's names.
 * The API's own names win over an alias of the same field. Rows as `verdict export` writes them (a `review` or
 * `movie_title` key) keep only the fields the API knows, as the import ignores other columns; any other row keeps
 * its unknown keys, so the strict schema names them.
 */
export function toApiNames(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const looksExported = 'review' in o || 'movie_title' in o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (API_FIELDS.has(k) && !(looksExported && v === null)) out[k] = v;
  for (const [k, v] of Object.entries(o)) {
    if (API_FIELDS.has(k)) continue;
    const name = ALIASES.get(columnKey(k));
    if (name === undefined) {
      if (!looksExported) out[k] = v;
      continue;
    }
    if (v === null || name in out) continue;
    out[name] = v;
  }
  if (typeof out.fresh === 'string') out.fresh = parseLabel(out.fresh) ?? out.fresh;
  if (typeof out.rating === 'number') out.rating = String(out.rating);
  return out;
}

/** A rejected row: its line, the reason (ending in its code, as the import's rejects list it), the code and the bare message. */
export interface RowReject {
  line: number;
  reason: string;
  code: string;
  message: string;
}

/**
 * One row through the import's own row checks (`toSourceRow`: text, dates, …) after the schema's type checks, so
 * the API stores nothing `verdict import` would reject (an export of it imports whole). Dates come back normalised.
 */
function checkRow(row: ReviewInput): ReviewInput | { code: string; message: string } {
  try {
    const src = toSourceRow((f) => (API_NAME[f] ? row[API_NAME[f]!] : undefined));
    return { ...row, ...(src.date !== undefined ? { date: src.date } : {}) };
  } catch (e) {
    if (e instanceof RowError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** Read the rows of a write request: JSON object, JSON array or JSON Lines; each row validated alone. */
export async function readNewReviews(c: Context): Promise<{ rows: ReviewInput[]; lines: number[]; rejected: RowReject[] }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const rows: ReviewInput[] = [];
  const lines: number[] = [];
  const rejected: RowReject[] = [];
  const reject = (line: number, code: string, message: string): void => void rejected.push({ line, reason: `${message} [${code}]`, code, message });
  const take = (value: unknown, line: number): void => {
    const r = NewReviewSchema.safeParse(toApiNames(value));
    if (!r.success) return reject(line, 'E_SCHEMA', issuesOf(r.error).map((e) => `${e.path}: ${e.message}`).join('; '));
    const checked = checkRow(r.data);
    if ('code' in checked) return reject(line, checked.code, checked.message);
    rows.push(checked);
    lines.push(line);
  };
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw badRequest('the body is not valid JSON', { code: 'E_BAD_JSON' });
    }
    if (Array.isArray(body)) body.forEach((v, i) => take(v, i + 1));
    else take(body, 1);
  } else if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/json-lines') {
    // The body limit has already bounded every line.
    for await (const item of jsonLines(await c.req.text(), Infinity)) {
      if ('error' in item) reject(item.line, item.error.code, item.error.message);
      else take(item.value, item.line);
    }
  } else {
    throw new ProblemError(415, 'unsupported-media-type', 'Unsupported media type', 'send application/json (an object or an array) or application/x-ndjson (one object per line)');
  }
  return { rows, lines, rejected };
}

/** Mount the read routes. */
export function registerReadApi(app: Hono, data: SiteData): void {
  const id = (c: Context): string => parseWith(IdParamSchema, c.req.param(), 'path').id;
  app.get('/api/v1/films', async (c) => {
    const q = parseWith(FilmQuerySchema, c.req.query(), 'query');
    return c.json(await data.films(q));
  });
  app.get('/api/v1/films/:id', async (c) => {
    const f = await data.film(id(c));
    if (!f) throw notFound(`no film with id "${id(c)}"`);
    return c.json(f);
  });
  app.get('/api/v1/films/:id/reviews', async (c) => {
    const q = parseWith(ReviewQuerySchema, c.req.query(), 'query');
    const f = await data.film(id(c));
    if (!f) throw notFound(`no film with id "${id(c)}"`);
    return c.json(await data.filmReviews(f.id, q));
  });
  app.get('/api/v1/reviews/:id', async (c) => {
    const r = await data.review(id(c));
    if (!r) throw notFound(`no review with id "${id(c)}"`);
    return c.json(r);
  });
  app.get('/api/v1/critics', async (c) => c.json(await data.critics(parseWith(PageQuerySchema, c.req.query(), 'query'))));
  app.get('/api/v1/critics/:id', async (c) => {
    const p = await data.critic(id(c));
    if (!p) throw notFound(`no critic with id "${id(c)}"`);
    return c.json(p);
  });
  app.get('/api/v1/critics/:id/reviews', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const p = await data.critic(id(c));
    if (!p) throw notFound(`no critic with id "${id(c)}"`);
    return c.json(await data.criticReviews(p.id, q));
  });
  app.get('/api/v1/publications', async (c) => c.json(await data.publications(parseWith(PageQuerySchema, c.req.query(), 'query'))));
  app.get('/api/v1/publications/:id', async (c) => {
    const p = await data.publication(id(c));
    if (!p) throw notFound(`no publication with id "${id(c)}"`);
    return c.json(p);
  });
  app.get('/api/v1/publications/:id/reviews', async (c) => {
    const q = parseWith(PageQuerySchema, c.req.query(), 'query');
    const p = await data.publication(id(c));
    if (!p) throw notFound(`no publication with id "${id(c)}"`);
    return c.json(await data.publicationReviews(p.id, q));
  });
  app.get('/api/v1/compare', async (c) => {
    const { films: ids } = parseWith(CompareQuerySchema, c.req.query(), 'query');
    const films = await Promise.all(ids.map((x) => data.film(x)));
    const missing = ids.filter((_, i) => !films[i]);
    if (missing.length) throw notFound(`no film with id ${missing.map((m) => `"${m}"`).join(', ')}`);
    return c.json({ films: films.filter((f) => f !== null) });
  });
  app.get('/api/v1/franchises', async (c) => c.json({ items: await data.franchises() }));
  app.get('/api/v1/franchises/:id', async (c) => {
    const f = await data.franchise(id(c));
    if (!f) throw notFound(`no franchise with id "${id(c)}"`);
    return c.json(f);
  });
}
