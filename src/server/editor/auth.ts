/**
 * @module Who is asking, and may they: the session cookie (HttpOnly, SameSite=Lax, Secure and `__Host-` named
 * over TLS, expiring with its session), API keys with roles, and CSRF protection. Forms are checked twice: Hono's
 * `csrf` middleware refuses a cross-site form post by its Origin (or Sec-Fetch-Site) header, and every form carries
 * the session's synchronizer token (`_csrf`), compared in constant time. The login form, which has no session
 * yet, carries a token bound to a short-lived cookie instead (double submit). API calls from a session send the
 * token as `X-CSRF-Token`; API keys need none (a browser never sends them on its own).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { Role } from '../../store/store.ts';
import { ProblemError } from '../problem.ts';
import type { EditorData, Principal } from './editor-data.ts';

const RANK: Record<Role, number> = { reader: 0, editor: 1, admin: 2 };

/** What a request carries once `identify` ran. */
export interface Identity {
  principal: Principal | null;
  /** The session's CSRF token, when the request came with a session. */
  csrfToken: string | null;
  /** The raw session token (to end it at logout or login). */
  sessionToken: string | null;
}

const IDENTITY = 'verdictIdentity';

export function identityOf(c: Context): Identity {
  return (c.get(IDENTITY as never) as Identity | undefined) ?? { principal: null, csrfToken: null, sessionToken: null };
}

/** True when the request reached us over TLS (directly, or through a trusted proxy that says so). */
export function isTls(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim() === 'https';
}

const cookieName = (tls: boolean): string => (tls ? '__Host-verdict_session' : 'verdict_session');
const LOGIN_COOKIE = 'verdict_login';

export function setSessionCookie(c: Context, token: string, expiresAt: string, trustProxy: boolean): void {
  const tls = isTls(c, trustProxy);
  setCookie(c, cookieName(tls), token, { path: '/', httpOnly: true, secure: tls, sameSite: 'Lax', expires: new Date(expiresAt) });
}

export function clearSessionCookie(c: Context, trustProxy: boolean): void {
  const tls = isTls(c, trustProxy);
  deleteCookie(c, cookieName(tls), { path: '/', secure: tls });
}

/** Reads the session cookie or the API key, and records who is asking (anonymous when neither holds). */
export function identify(editor: EditorData, trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    const id: Identity = { principal: null, csrfToken: null, sessionToken: null };
    const auth = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (auth) {
      const key = await editor.apiKey(auth[1]!);
      if (key) id.principal = { name: `key:${key.id} (${key.name})`, role: key.role, kind: 'key' };
    } else {
      const token = getCookie(c, cookieName(isTls(c, trustProxy))) ?? getCookie(c, cookieName(false));
      if (token) {
        id.sessionToken = token;
        const s = await editor.session(token);
        if (s) {
          id.principal = { name: s.user.username, role: s.user.role, kind: 'session' };
          id.csrfToken = s.session.csrf;
        }
      }
    }
    c.set(IDENTITY as never, id as never);
    await next();
  };
}

export const hasRole = (p: Principal | null, role: Role): boolean => p !== null && RANK[p.role] >= RANK[role];

function sameToken(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Hono's origin check for form posts (cross-site form posts are refused with 403). */
export const originCheck = (): MiddlewareHandler => csrf();

/** A page for `role` and above: anonymous → the login page; a lower role → 403. */
export function requirePage(role: Role): MiddlewareHandler {
  return async (c, next) => {
    // Form posts are checked by their handlers (origin, CSRF token, then the role), so a forged post gets a 403.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const { principal } = identityOf(c);
    if (!principal || principal.kind !== 'session') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    if (!hasRole(principal, role)) throw new ProblemError(403, 'forbidden', 'Forbidden', `this page needs the ${role} role; you are signed in as a ${principal.role}`);
    await next();
  };
}

/** A form post: needs a session of `role` and the session's CSRF token in `_csrf`. */
export async function checkForm(c: Context, role: Role): Promise<Record<string, string>> {
  const { principal, csrfToken } = identityOf(c);
  const body = await c.req.parseBody();
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form[k] = v;
  if (!principal || principal.kind !== 'session') throw new ProblemError(401, 'unauthorized', 'Sign in first', 'your session has ended; sign in again');
  if (!sameToken(form._csrf, csrfToken)) throw new ProblemError(403, 'csrf', 'Form expired', 'the form is missing its security token or it is stale: reload the page and try again');
  if (!hasRole(principal, role)) throw new ProblemError(403, 'forbidden', 'Forbidden', `this needs the ${role} role; you are signed in as a ${principal.role}`);
  return form;
}

/** An API write: an API key of `role` or above, or a session of `role` with its CSRF token in X-CSRF-Token. */
export function requireApiRole(role: Role): MiddlewareHandler {
  return async (c, next) => {
    const { principal, csrfToken } = identityOf(c);
    const challenge = { 'WWW-Authenticate': 'Bearer realm="verdict"' };
    if (!principal) {
      const sent = /^Bearer\s/i.test(c.req.header('authorization') ?? '');
      throw new ProblemError(401, 'unauthorized', sent ? 'Invalid API key' : 'API key required', sent ? 'the API key is unknown or revoked' : 'send Authorization: Bearer <key> (create one with `verdict keys create`) or sign in', {}, challenge);
    }
    if (principal.kind === 'session' && !sameToken(c.req.header('x-csrf-token'), csrfToken)) throw new ProblemError(403, 'csrf', 'CSRF token required', 'a signed-in browser sends its session\'s token as X-CSRF-Token');
    if (!hasRole(principal, role)) throw new ProblemError(403, 'forbidden', 'Forbidden', `this needs the ${role} role; the ${principal.kind === 'key' ? 'key' : 'account'} has the ${principal.role} role`);
    await next();
  };
}

/** The login form's token: a random value in a short-lived HttpOnly cookie and in the form (double submit). */
export function loginToken(c: Context, trustProxy: boolean): string {
  const token = randomBytes(24).toString('base64url');
  setCookie(c, LOGIN_COOKIE, token, { path: '/login', httpOnly: true, secure: isTls(c, trustProxy), sameSite: 'Strict', maxAge: 3600 });
  return token;
}

export function checkLoginToken(c: Context, sent: string | undefined): boolean {
  return sameToken(getCookie(c, LOGIN_COOKIE), sent);
}
