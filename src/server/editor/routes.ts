/**
 * @module The editors' routes: sign-in and sign-out, the queue and correction pages under /editor, and the same
 * operations in the API (GET /api/v1/queue, PATCH /api/v1/reviews/{id}, POST /api/v1/films/{id}/merge, …),
 * each declared once for the OpenAPI document. Every write needs an editor (API key or session), every form the
 * session's CSRF token, and film pages stay drafts until published where the deployment requires it.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ASPECT_IDS, type AspectId } from '../../analyze/card.ts';
import type { Role } from '../../store/store.ts';
import { AspectIdSchema } from '../api/card-schema.ts';
import { CorrectionSchema, IdParamSchema, ReviewDetailSchema, ReviewSummarySchema } from '../api/dto.ts';
import type { Operation } from '../api/openapi.ts';
import { parseBodyWith, parseWith } from '../api/routes.ts';
import { ProblemSchema } from '../api/schemas.ts';
import { clientAddress } from '../client-address.ts';
import { ProblemError } from '../problem.ts';
import { RateLimiter } from '../rate-limit.ts';
import type { SiteData } from '../site-data.ts';
import { reviewSummary } from '../store-site-data.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { checkForm, checkLoginToken, clearSessionCookie, hasRole, identify, identityOf, loginToken, originCheck, requireApiRole, requirePage, setSessionCookie } from './auth.ts';
import { CorrectionError, type EditorData, type Principal, type QueueItem, type ReviewChange } from './editor-data.ts';
import { filmEditPage, loginPage, queuePage, reviewEditPage, signedInBar } from './pages.ts';

export interface EditorRouteDeps {
  editor: EditorData;
  data: SiteData;
  trustProxy: boolean;
  /** Film pages are drafts until an editor publishes them. */
  requirePublish: boolean;
  render: (c: Context, title: string, body: SafeHtml, status?: number) => Response | Promise<Response>;
  now: () => number;
}

const problem = (description: string) => ({ description, schema: ProblemSchema });
const AUTH_ERRORS = { '401': problem('No or unknown API key, or not signed in'), '403': problem('The key or account lacks the editor role, or a session sent no CSRF token') };

const CreditSchema = z.object({ person: z.string().min(1).max(200), role: z.enum(['cast', 'director', 'writer', 'composer', 'cinematographer', 'producer', 'editor']), character: z.string().max(200).optional() });

export const ReviewPatchSchema = z
  .strictObject({
    fresh: z.boolean().optional().describe('Fresh (true) or rotten'),
    score: z.number().min(0).max(100).optional().describe('Score 0–100'),
    filmId: z.string().min(1).optional().describe('Move the review to this film'),
    aspects: z.partialRecord(AspectIdSchema, z.number().min(-1).max(1).nullable()).optional().describe('Aspect polarity in [-1, 1]; null: not discussed'),
    quote: z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }).optional().describe('The pull quote, as character offsets into the card text'),
    credits: z.object({ add: z.array(CreditSchema).optional(), remove: z.array(z.string()).optional().describe('"person|role"') }).optional(),
    checked: z.literal(true).optional().describe('Confirm the review as it is'),
    reason: z.string().max(500).optional(),
  })
  .describe('Corrections to a review: each field given is one audited correction');

const PatchResultSchema = z.object({ corrections: z.array(CorrectionSchema), review: ReviewDetailSchema }).describe('The corrections made and the review after them');
const SplitSchema = z.strictObject({ reviewIds: z.array(z.string().min(1)).min(1).max(10_000), title: z.string().min(1).max(500).describe('The film they belong to (created when missing)'), year: z.number().int().min(1870).max(2100).nullable().optional(), reason: z.string().max(500).optional() });
const MergeSchema = z.strictObject({ into: z.string().min(1).describe('Film to merge into'), reason: z.string().max(500).optional() });
const FranchiseSchema = z.strictObject({ franchise: z.string().max(300).nullable(), position: z.number().int().min(0).max(1000).nullable().optional(), reason: z.string().max(500).optional() });
const PublishSchema = z.strictObject({ published: z.boolean() });
const ReasonSchema = z.strictObject({ reason: z.string().max(500).optional() });
const CorrectionIdSchema = z.object({ id: z.coerce.number().int().min(1).describe('Correction id') });
export const QueueQuerySchema = z.object({
  film: z.string().optional().describe('Only this film'),
  critic: z.string().optional().describe('Only this critic'),
  kind: z.enum(['verdict', 'rating', 'film', 'credit', 'label']).optional().describe('Only this kind of doubt'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
const QueueSchema = z
  .object({
    items: z.array(z.object({ review: ReviewSummarySchema, priority: z.number(), filmShare: z.number().nullable(), doubts: z.array(z.object({ kind: z.string(), p: z.number(), detail: z.string() })) })),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .describe('Reviews in doubt, the check that would change most first');

/** The editors' API operations (documented and served; every write needs the editor role). */
export const EDITOR_OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/v1/queue', operationId: 'reviewQueue', summary: 'The review queue: unchecked reviews, the check that would change most first', tags: ['editors'], query: QueueQuerySchema, auth: true, responses: { '200': { description: 'A page of the queue', schema: QueueSchema }, ...AUTH_ERRORS } },
  { method: 'patch', path: '/api/v1/reviews/{id}', operationId: 'correctReview', summary: 'Correct a review (verdict, score, film, aspects, quote, credits) or confirm it', tags: ['editors', 'reviews'], params: IdParamSchema, auth: true, body: { schema: ReviewPatchSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The corrections and the review', schema: PatchResultSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named), or corrects nothing'), ...AUTH_ERRORS, '404': problem('No such review or film'), '409': problem('Conflicting correction') } },
  { method: 'get', path: '/api/v1/reviews/{id}/corrections', operationId: 'reviewCorrections', summary: "A review's audit trail", tags: ['editors', 'reviews'], params: IdParamSchema, responses: { '200': { description: 'Corrections, newest first', schema: z.object({ items: z.array(CorrectionSchema) }) }, '404': problem('No such review') } },
  { method: 'post', path: '/api/v1/films/{id}/merge', operationId: 'mergeFilm', summary: 'Merge this film into another (its reviews move; later imports follow)', tags: ['editors', 'films'], params: IdParamSchema, auth: true, body: { schema: MergeSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The correction', schema: CorrectionSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named)'), ...AUTH_ERRORS, '404': problem('No such film'), '409': problem('Already merged') } },
  { method: 'post', path: '/api/v1/films/{id}/split', operationId: 'splitFilm', summary: 'Split reviews off this film into another (created when missing)', tags: ['editors', 'films'], params: IdParamSchema, auth: true, body: { schema: SplitSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The correction', schema: CorrectionSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named)'), ...AUTH_ERRORS, '404': problem('No such film or review'), '409': problem('A review is not on this film') } },
  { method: 'put', path: '/api/v1/films/{id}/franchise', operationId: 'setFilmFranchise', summary: "Set a film's franchise and order (null: none)", tags: ['editors', 'films'], params: IdParamSchema, auth: true, body: { schema: FranchiseSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The correction', schema: CorrectionSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named)'), ...AUTH_ERRORS, '404': problem('No such film') } },
  { method: 'post', path: '/api/v1/films/{id}/publish', operationId: 'publishFilm', summary: 'Publish a film page (or take it back to draft)', tags: ['editors', 'films'], params: IdParamSchema, auth: true, body: { schema: PublishSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The correction', schema: CorrectionSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named)'), ...AUTH_ERRORS, '404': problem('No such film') } },
  { method: 'post', path: '/api/v1/corrections/{id}/undo', operationId: 'undoCorrection', summary: 'Undo a correction (itself audited)', tags: ['editors'], params: CorrectionIdSchema, auth: true, body: { schema: ReasonSchema, contentTypes: ['application/json'] }, responses: { '200': { description: 'The undoing correction', schema: CorrectionSchema }, '400': problem('The body is not JSON'), '422': problem('The body does not match the schema (each bad or unknown field named)'), ...AUTH_ERRORS, '404': problem('No such correction'), '409': problem('Already undone, or a later correction must be undone first') } },
];

export const EDITOR_COMPONENTS = { Correction: CorrectionSchema, ReviewPatch: ReviewPatchSchema };

// A correction the rules refuse (a score out of range, a quote outside the text) is well-formed but unprocessable: 422.
const toProblem = (e: unknown): never => {
  if (e instanceof CorrectionError) throw new ProblemError(e.status === 400 ? 422 : e.status, e.status === 404 ? 'not-found' : e.status === 409 ? 'conflict' : 'invalid-request', e.status === 404 ? 'Not found' : e.status === 409 ? 'Conflict' : 'Invalid correction', e.message);
  throw e;
};

/** A JSON body: 400 when it is not JSON, 422 when it does not match `schema` (every field named). */
async function jsonBody<T extends z.ZodType>(c: Context, schema: T, name: string): Promise<z.infer<T>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'invalid-request', 'Bad JSON', 'the body is not valid JSON', { code: 'E_BAD_JSON' });
  }
  return parseBodyWith(schema, body, name);
}

const queueDto = (it: QueueItem) => ({ review: reviewSummary(it.review), priority: it.priority, filmShare: it.filmShare, doubts: it.doubts });
const corrDto = ({ undo: _u, ...c }: Awaited<ReturnType<EditorData['undo']>>) => c;

/** Only same-site relative paths (no open redirect). */
const localPath = (s: string | undefined, fallback: string): string => (s && /^\/(?![/\\])[\w\-./?=&%#]*$/.test(s) ? s : fallback);

export function registerEditor(app: Hono, deps: EditorRouteDeps): void {
  const { editor, data } = deps;
  const flashes = new Map<string, string>();
  const flash = (text: string): string => {
    const id = randomBytes(8).toString('hex');
    flashes.set(id, text);
    if (flashes.size > 500) flashes.delete(flashes.keys().next().value!);
    return id;
  };
  const takeFlash = (c: Context): string | undefined => {
    const id = c.req.query('flash');
    if (!id) return undefined;
    const t = flashes.get(id);
    flashes.delete(id);
    return t;
  };
  const withFlash = (path: string, text: string): string => `${path}${path.includes('?') ? '&' : '?'}flash=${flash(text)}`;
  const who = (c: Context, reason?: string | null) => ({ user: (identityOf(c).principal as Principal).name, reason: reason ?? null });

  app.use('*', identify(editor, deps.trustProxy));

  // Drafts: where publishing is required, a film page nobody published is for editors only.
  if (deps.requirePublish) {
    const draftGate = async (c: Context, next: () => Promise<void>) => {
      const f = await editor.film(c.req.param('id') ?? '');
      if (f && !f.publishedAt && !hasRole(identityOf(c).principal, 'editor')) throw new ProblemError(404, 'not-found', 'Film not found', 'this film page is not published yet');
      await next();
    };
    app.use('/films/:id', draftGate);
    app.use('/api/v1/films/:id', draftGate);
    app.use('/api/v1/films/:id/reviews', draftGate);
  }

  // --- sign-in ---
  const loginLimiter = new RateLimiter(20, 60_000);
  app.get('/login', (c) => {
    const next = localPath(c.req.query('next'), '/editor');
    c.header('Cache-Control', 'no-store');
    return deps.render(c, 'Sign in', loginPage({ token: loginToken(c, deps.trustProxy), next }));
  });
  app.post('/login', originCheck(), async (c) => {
    c.header('Cache-Control', 'no-store');
    const body = await c.req.parseBody();
    const form = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const next = localPath(form('next'), '/editor');
    if (!checkLoginToken(c, form('_login'))) throw new ProblemError(403, 'csrf', 'Form expired', 'the sign-in form is stale or was posted from elsewhere: reload it and try again');
    const again = (error: string, status: number) => deps.render(c, 'Sign in', loginPage({ token: loginToken(c, deps.trustProxy), next, error, username: form('username') }), status);
    const d = loginLimiter.hit(clientAddress(c, deps.trustProxy), deps.now());
    if (!d.ok) {
      c.header('Retry-After', String(d.resetS));
      return again(`Too many sign-in attempts from this address: try again in ${d.resetS} s.`, 429);
    }
    const res = await editor.login(form('username'), form('password'), identityOf(c).sessionToken ?? undefined);
    if (!res.ok) {
      if (res.reason === 'locked') return again('This account is locked after too many failed sign-ins. Try again later, or ask an administrator to reset it.', 423);
      return again('Wrong username or password, or the account is disabled.', 401);
    }
    setSessionCookie(c, res.token, res.session.expiresAt, deps.trustProxy);
    return c.redirect(next, 303);
  });
  app.post('/logout', originCheck(), async (c) => {
    const { sessionToken, principal } = identityOf(c);
    if (principal) await checkForm(c, 'reader');
    if (sessionToken) await editor.logout(sessionToken);
    clearSessionCookie(c, deps.trustProxy);
    return c.redirect('/', 303);
  });

  // --- pages ---
  const render = (c: Context, title: string, body: SafeHtml, status?: number) => {
    const { principal, csrfToken } = identityOf(c);
    c.header('Cache-Control', 'no-store');
    return deps.render(c, title, principal ? html`${signedInBar(principal, csrfToken ?? '')}${body}` : body, status);
  };
  app.use('/editor', requirePage('editor'));
  app.use('/editor/*', requirePage('editor'));
  app.get('/editor', async (c) => {
    const q = parseWith(QueueQuerySchema, Object.fromEntries(Object.entries(c.req.query()).filter(([k, v]) => v !== '' && k !== 'flash')), 'filters');
    const page = await editor.queue({ filmId: q.film, criticId: q.critic, kind: q.kind, limit: q.limit, offset: q.offset });
    const qs = new URLSearchParams(Object.entries({ film: q.film, critic: q.critic, kind: q.kind }).filter(([, v]) => v) as [string, string][]).toString();
    return render(c, 'Review queue', queuePage({ ...page, offset: q.offset, limit: q.limit, filter: { film: q.film, critic: q.critic, kind: q.kind }, csrf: identityOf(c).csrfToken ?? '', flash: takeFlash(c), back: `/editor${qs ? `?${qs}` : ''}` }));
  });
  app.get('/editor/reviews/:id', async (c) => {
    const r = await data.review(c.req.param('id'));
    if (!r) throw new ProblemError(404, 'not-found', 'Review not found', `there is no review with id "${c.req.param('id')}"`);
    return render(c, 'Check a review', reviewEditPage(r, await editor.audit({ reviewId: r.id }), identityOf(c).csrfToken ?? '', takeFlash(c)));
  });
  app.get('/editor/films/:id', async (c) => {
    const f = await editor.film(c.req.param('id'));
    if (!f || f.mergedInto) throw new ProblemError(404, 'not-found', 'Film not found', `there is no film with id "${c.req.param('id')}"`);
    return render(c, `Edit ${f.title}`, filmEditPage(f, await editor.audit({ filmId: f.id, limit: 100 }), identityOf(c).csrfToken ?? '', { checked: await editor.checked(f.id), requirePublish: deps.requirePublish, flash: takeFlash(c) }));
  });

  const resolveFilm = async (s: string): Promise<string> => {
    const t = s.trim();
    const byId = await editor.film(t);
    if (byId) return byId.id;
    const found = (await data.films({ q: t.replace(/\s*\(\d{4}\)$/, ''), limit: 5, offset: 0 })).items;
    const year = /\((\d{4})\)$/.exec(t);
    const exact = found.filter((f) => f.title.toLowerCase() === t.replace(/\s*\(\d{4}\)$/, '').toLowerCase() && (!year || f.year === Number(year[1])));
    if (exact.length === 1) return exact[0]!.id;
    throw new ProblemError(400, 'invalid-request', 'Which film?', exact.length > 1 || found.length > 1 ? `"${t}" names several films: give its id or "Title (year)"` : `no film matches "${t}"`);
  };

  /** A review form: check it, apply the change, go back with a message saying what the film's share became. */
  const reviewForm = (what: string, change: (form: Record<string, string>, reviewId: string) => Promise<ReviewChange | { move: string } | { split: { title: string; year: number | null } }>) =>
    app.post(`/editor/reviews/:id/${what}`, originCheck(), async (c) => {
      const form = await checkForm(c, 'editor');
      const id = c.req.param('id');
      const review = await data.review(id);
      if (!review) throw new ProblemError(404, 'not-found', 'Review not found', `there is no review with id "${id}"`);
      const before = (await data.film(review.film.id))?.consensus.share ?? null;
      const ch = await change(form, id);
      const row = await ('move' in ch ? editor.move(id, ch.move, who(c, form.reason)) : 'split' in ch ? editor.split(review.film.id, [id], ch.split, who(c, form.reason)) : editor.correct(id, ch, who(c, form.reason))).catch(toProblem);
      const after = (await data.film(review.film.id))?.consensus.share ?? null;
      const pctS = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10}%`);
      const what2 = row.field === 'checked' ? 'confirmed' : row.field === 'fresh' ? `marked ${row.after ? 'fresh' : 'rotten'}` : `${row.field} corrected`;
      return c.redirect(withFlash(localPath(form.back, `/editor/reviews/${encodeURIComponent(id)}`), `${review.critic?.name ?? 'Review'} on ${review.film.title} ${what2}. ${review.film.title}: ${pctS(before)} → ${pctS(after)} fresh.`), 303);
    });
  reviewForm('verdict', async (f) => {
    if (f.value === 'confirm') return { field: 'checked' };
    if (f.value !== 'fresh' && f.value !== 'rotten') throw new ProblemError(400, 'invalid-request', 'Fresh or rotten?', 'choose fresh or rotten');
    return { field: 'fresh', value: f.value === 'fresh' };
  });
  reviewForm('score', async (f) => ({ field: 'score', value: Number(f.score) }));
  reviewForm('film', async (f) => {
    try {
      return { move: await resolveFilm(f.film ?? '') };
    } catch (e) {
      // No such film: with "create", the review is split off into a new one.
      const m = /^(.*\S)\s*\((\d{4})\)$/.exec((f.film ?? '').trim());
      if (f.create === '1' && e instanceof ProblemError && /no film matches/.test(e.problem.detail ?? '')) return { split: { title: m ? m[1]! : (f.film ?? '').trim(), year: m ? Number(m[2]) : null } };
      throw e;
    }
  });
  reviewForm('aspects', async (f) => {
    if (!(ASPECT_IDS as readonly string[]).includes(f.aspect ?? '')) throw new ProblemError(400, 'invalid-request', 'Which aspect?', 'choose an aspect');
    return { field: 'aspects', value: { [f.aspect as AspectId]: f.opinion === 'remove' ? null : Math.max(-1, Math.min(1, Number(f.opinion))) } };
  });
  reviewForm('quote', async (f) => {
    const m = /^(\d+)-(\d+)$/.exec(f.span ?? '');
    if (!m) throw new ProblemError(400, 'invalid-request', 'Which sentence?', 'choose a sentence to quote');
    return { field: 'quote', value: { start: Number(m[1]), end: Number(m[2]) } };
  });
  app.post('/editor/reviews/:id/credits', originCheck(), async (c) => {
    await checkForm(c, 'editor');
    const body = await c.req.parseBody({ all: true });
    const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
    const one = (k: string) => list(body[k])[0]?.trim() ?? '';
    const id = c.req.param('id');
    const add = one('person') ? [{ person: one('person'), role: (one('role') || 'cast') as 'cast', ...(one('character') ? { character: one('character') } : {}) }] : [];
    await editor.correct(id, { field: 'credits', add, remove: list(body.remove) }, who(c, one('reason'))).catch(toProblem);
    return c.redirect(withFlash(localPath(one('back'), `/editor/reviews/${encodeURIComponent(id)}`), 'Credits saved.'), 303);
  });
  app.post('/editor/corrections/:id/undo', originCheck(), async (c) => {
    const form = await checkForm(c, 'editor');
    const row = await editor.undo(Number(c.req.param('id')), who(c, form.reason)).catch(toProblem);
    return c.redirect(withFlash(localPath(form.back, '/editor'), `Undone: ${(row.before as { field?: string } | null)?.field ?? 'correction'}.`), 303);
  });
  const filmForm = (what: string, run: (form: Record<string, string>, filmId: string, c: Context) => Promise<string>) =>
    app.post(`/editor/films/:id/${what}`, originCheck(), async (c) => {
      const form = await checkForm(c, 'editor');
      const id = c.req.param('id');
      const text = await run(form, id, c);
      const target = what === 'merge' ? await resolveFilm(form.into ?? '') : id;
      return c.redirect(withFlash(`/editor/films/${encodeURIComponent(target)}`, text), 303);
    });
  filmForm('publish', async (f, id, c) => {
    await editor.publish(id, f.publish !== 'false', who(c)).catch(toProblem);
    return f.publish !== 'false' ? 'Published.' : 'Back to draft.';
  });
  filmForm('franchise', async (f, id, c) => {
    const pos = f.position?.trim() ? Number(f.position) : null;
    await editor.franchise(id, f.franchise?.trim() || null, pos, who(c, f.reason)).catch(toProblem);
    return 'Franchise saved.';
  });
  filmForm('merge', async (f, id, c) => {
    await editor.merge(id, await resolveFilm(f.into ?? ''), who(c, f.reason)).catch(toProblem);
    return 'Merged.';
  });

  // --- API ---
  const id = (c: Context): string => parseWith(IdParamSchema, c.req.param(), 'path').id;
  const need = (role: Role) => requireApiRole(role);
  app.get('/api/v1/queue', need('editor'), async (c) => {
    const q = parseWith(QueueQuerySchema, c.req.query(), 'query');
    const page = await editor.queue({ filmId: q.film, criticId: q.critic, kind: q.kind, limit: q.limit, offset: q.offset });
    return c.json({ items: page.items.map(queueDto), total: page.total, limit: q.limit, offset: q.offset });
  });
  app.patch('/api/v1/reviews/:id', need('editor'), async (c) => {
    const reviewId = id(c);
    const body = await jsonBody(c, ReviewPatchSchema, 'ReviewPatch');
    const changes: ReviewChange[] = [];
    if (body.fresh !== undefined) changes.push({ field: 'fresh', value: body.fresh });
    if (body.score !== undefined) changes.push({ field: 'score', value: body.score });
    if (body.aspects) changes.push({ field: 'aspects', value: body.aspects });
    if (body.quote) changes.push({ field: 'quote', value: body.quote });
    if (body.credits) changes.push({ field: 'credits', add: body.credits.add, remove: body.credits.remove });
    if (body.checked) changes.push({ field: 'checked' });
    if (changes.length === 0 && !body.filmId) throw new ProblemError(422, 'invalid-request', 'Nothing to correct', 'give at least one of fresh, score, filmId, aspects, quote, credits, checked');
    const rows = [];
    for (const ch of changes) rows.push(await editor.correct(reviewId, ch, who(c, body.reason)).catch(toProblem));
    if (body.filmId) rows.push(await editor.move(reviewId, body.filmId, who(c, body.reason)).catch(toProblem));
    const review = await data.review(reviewId);
    return c.json({ corrections: rows.map(corrDto), review });
  });
  app.get('/api/v1/reviews/:id/corrections', async (c) => {
    if (!(await data.review(id(c)))) throw new ProblemError(404, 'not-found', 'Not found', `no review with id "${id(c)}"`);
    return c.json({ items: (await editor.audit({ reviewId: id(c) })).map(corrDto) });
  });
  app.post('/api/v1/films/:id/merge', need('editor'), async (c) => {
    const body = await jsonBody(c, MergeSchema, 'merge');
    return c.json(corrDto(await editor.merge(id(c), body.into, who(c, body.reason)).catch(toProblem)));
  });
  app.post('/api/v1/films/:id/split', need('editor'), async (c) => {
    const body = await jsonBody(c, SplitSchema, 'split');
    return c.json(corrDto(await editor.split(id(c), body.reviewIds, { title: body.title, year: body.year ?? null }, who(c, body.reason)).catch(toProblem)));
  });
  app.put('/api/v1/films/:id/franchise', need('editor'), async (c) => {
    const body = await jsonBody(c, FranchiseSchema, 'franchise');
    return c.json(corrDto(await editor.franchise(id(c), body.franchise, body.position ?? null, who(c, body.reason)).catch(toProblem)));
  });
  app.post('/api/v1/films/:id/publish', need('editor'), async (c) => {
    const body = await jsonBody(c, PublishSchema, 'publish');
    return c.json(corrDto(await editor.publish(id(c), body.published, who(c)).catch(toProblem)));
  });
  app.post('/api/v1/corrections/:id/undo', need('editor'), async (c) => {
    const cid = parseWith(CorrectionIdSchema, c.req.param(), 'path').id;
    const body = await jsonBody(c, ReasonSchema, 'undo');
    return c.json(corrDto(await editor.undo(cid, who(c, body.reason)).catch(toProblem)));
  });
}
