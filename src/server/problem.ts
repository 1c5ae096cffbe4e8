/**
 * @module RFC 9457 problem details (https://www.rfc-editor.org/rfc/rfc9457): every API error is
 * `application/problem+json` with a stable `type`, a human title, the status and a specific detail.
 * Stack traces never reach clients.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A problem details object (RFC 9457 section 3). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine code (e.g. E_EMPTY_TEXT) when one applies. */
  code?: string;
  /** Field-level errors for validation problems. */
  errors?: { path: string; message: string }[];
}

const TYPE_BASE = '/problems/';

/** An error a route throws to answer with a problem document. */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(status: number, slug: string, title: string, detail?: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) {
    super(detail ?? title);
    this.name = 'ProblemError';
    this.problem = { type: `${TYPE_BASE}${slug}`, title, status, ...(detail ? { detail } : {}), ...extra };
    this.headers = headers;
  }
}

/** Send a problem document. */
export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  const body = { ...problem, instance: problem.instance ?? c.req.path };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, { 'content-type': 'application/problem+json', ...headers });
}

export const notFound = (what: string): ProblemError => new ProblemError(404, 'not-found', 'Not found', what);
export const badRequest = (detail: string, extra: Partial<Problem> = {}): ProblemError => new ProblemError(400, 'bad-request', 'Bad request', detail, extra);
