import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../../analyze/model.ts';
import { createApiKey } from '../../app/api-keys.ts';
import { createUser } from '../../app/users.ts';
import { openStore } from '../../store/open.ts';
import { testCard } from '../../store/store.case.test.ts';
import type { Store } from '../../store/store.ts';
import { createApp, operations } from '../app.ts';
import { storeSiteData } from '../store-site-data.ts';
import { storeEditorData } from './editor-data.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ORIGIN = 'http://localhost';
const json = async (r: Response | Promise<Response>): Promise<Json> => (await r).json();
const PASSWORDS = { ed: 'editor-password-1', rita: 'reader-password-1', ada: 'admin-password-1' };

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const logLines: string[] = [];
let filmId = '';
let reviewIds: string[] = [];
let editorKey = '';
let readerKey = '';

/** A tiny cookie jar over app.request. */
class Browser {
  cookies = new Map<string, string>();
  async req(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const r = await app.request(path, { ...init, headers, redirect: 'manual' });
    for (const sc of r.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const [k, v] = pair!.split('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(sc) || v === '') this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
    return r;
  }
  async form(path: string, fields: Record<string, string>, origin = ORIGIN): Promise<Response> {
    return this.req(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() });
  }
  async login(username: string, password: string): Promise<Response> {
    const page = await (await this.req('/login')).text();
    const token = /name="_login" value="([^"]+)"/.exec(page)![1]!;
    return this.form('/login', { _login: token, next: '/editor', username, password });
  }
  async csrf(path = '/editor'): Promise<string> {
    const page = await (await this.req(path)).text();
    return /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verdict-editor-'));
  store = await openStore(join(dir, 'e.db'));
  const rows = [];
  // A film just under the line: 6 of 10 fresh by the model, two of them unsure.
  for (let i = 0; i < 10; i++) {
    const text = `Review number ${i} of the editing film, ${i < 6 ? 'warm and winning' : 'dull and tired'}.`;
    const card = testCard(text, 'test-1', { fresh: i < 6, score: i < 6 ? 70 : 30 });
    card.verdict!.confidence = i === 5 ? 0.52 : i === 4 ? 0.6 : 0.95;
    rows.push({ film: { title: 'Editing Film', year: 2020 }, critic: `Critic ${i}`, text, card });
  }
  rows.push({ film: { title: 'Editing Film Duplicate', year: 2020 }, critic: 'Critic X', text: 'Same film, other title.', card: testCard('Same film, other title.') });
  const put = await store.putReviews(rows);
  reviewIds = put.inserted;
  filmId = (await store.getReview(reviewIds[0]!))!.filmId;
  for (const [name, role] of [['ed', 'editor'], ['rita', 'reader'], ['ada', 'admin']] as const) await createUser(store, name, role, PASSWORDS[name]);
  editorKey = (await createApiKey(store, 'editor key')).token;
  readerKey = (await createApiKey(store, 'reader key', new Date(), 'reader')).token;
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, cb) => (logLines.push(String(chunk)), cb()) }));
  app = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL), editor: storeEditorData(store, { policy: { maxFailures: 3, lockMs: 60_000, sessionMs: 3600_000 } }), logger });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-in and sessions', () => {
  it('sets an HttpOnly SameSite=Lax expiring cookie, not Secure over plain HTTP, and a new session at each login (no fixation)', async () => {
    const b = new Browser();
    b.cookies.set('verdict_session', 'attacker-chosen-session-token-aaaaaaaaaaaaaaaa');
    const r = await b.login('ed', PASSWORDS.ed);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/editor');
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('verdict_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/);
    const first = b.cookies.get('verdict_session')!;
    expect(first).not.toBe('attacker-chosen-session-token-aaaaaaaaaaaaaaaa');
    // Logging in again rotates the session and ends the old one.
    await b.login('ed', PASSWORDS.ed);
    const second = b.cookies.get('verdict_session')!;
    expect(second).not.toBe(first);
    const old = new Browser();
    old.cookies.set('verdict_session', first);
    expect((await old.req('/editor')).status).toBe(303);
    expect((await b.req('/editor')).status).toBe(200);
  });

  it('marks the cookie Secure and __Host- over TLS', async () => {
    const page = await app.request('https://verdict.example/login');
    const token = /name="_login" value="([^"]+)"/.exec(await page.text())![1]!;
    const login = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const r = await app.request('https://verdict.example/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://verdict.example', cookie: login },
      body: new URLSearchParams({ _login: token, username: 'ed', password: PASSWORDS.ed }).toString(),
    });
    expect(r.status).toBe(303);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('__Host-verdict_session='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('locks an account after N failed logins, even with the right password', async () => {
    await createUser(store, 'lou', 'editor', 'lockout-password-1');
    const b = new Browser();
    for (let i = 0; i < 2; i++) expect((await b.login('lou', 'wrong-password')).status).toBe(401);
    expect((await b.login('lou', 'wrong-password')).status).toBe(423);
    const r = await b.login('lou', 'lockout-password-1');
    expect(r.status).toBe(423);
    expect(await r.text()).toContain('locked');
  });

  it('refuses a cross-site form post, and a post without the CSRF token', async () => {
    const b = new Browser();
    await b.login('ed', PASSWORDS.ed);
    const token = await b.csrf();
    const cross = await b.form(`/editor/reviews/${reviewIds[0]}/verdict`, { _csrf: token, value: 'rotten' }, 'https://evil.example');
    expect(cross.status).toBe(403);
    const noToken = await b.form(`/editor/reviews/${reviewIds[0]}/verdict`, { value: 'rotten' });
    expect(noToken.status).toBe(403);
    expect((await store.getReview(reviewIds[0]!))?.overrides ?? null).toBeNull();
  });

  it('keeps readers and anonymous visitors out of /editor', async () => {
    expect((await new Browser().req('/editor')).headers.get('location')).toBe('/login?next=%2Feditor');
    const b = new Browser();
    await b.login('rita', PASSWORDS.rita);
    expect((await b.req('/editor')).status).toBe(403);
  });

  it('never puts a password in a response or a log line', async () => {
    const b = new Browser();
    const r = await b.login('ed', 'not-the-password-but-secret');
    const text = await (await b.login('ed', PASSWORDS.ed)).text();
    expect(await r.text()).not.toContain('not-the-password-but-secret');
    expect(text).not.toContain(PASSWORDS.ed);
    const list = await b.req('/api/v1/queue', { headers: { authorization: `Bearer ${editorKey}` } });
    expect(await list.text()).not.toMatch(/scrypt\$/);
    const logs = logLines.join('');
    for (const pw of [...Object.values(PASSWORDS), 'not-the-password-but-secret']) expect(logs).not.toContain(pw);
    expect(logs).not.toMatch(/scrypt\$/);
  });
});

describe('queue and corrections', () => {
  it('puts the unsure reviews first, and a correction changes the share at once and is audited', async () => {
    const b = new Browser();
    await b.login('ed', PASSWORDS.ed);
    const queue = await json(b.req(`/api/v1/queue?film=${filmId}`, { headers: { authorization: `Bearer ${editorKey}` } }));
    expect(queue.items[0].review.id).toBe(reviewIds[5]);
    const before = (await json(b.req(`/api/v1/films/${filmId}`))).shareFresh;
    expect(before).toBeCloseTo(0.6);
    const token = await b.csrf();
    const r = await b.form(`/editor/reviews/${reviewIds[5]}/verdict`, { _csrf: token, value: 'rotten', back: '/editor' });
    expect(r.status).toBe(303);
    const page = await (await b.req(r.headers.get('location')!)).text();
    expect(page).toContain('60% → 50% fresh');
    expect((await json(b.req(`/api/v1/films/${filmId}`))).shareFresh).toBeCloseTo(0.5);
    const film = await (await b.req(`/films/${filmId}`)).text();
    expect(film).toContain('1 of 10 reviews checked by an editor');
    const review = await (await b.req(`/reviews/${reviewIds[5]}`)).text();
    expect(review).toContain('set by an editor');
    expect(review).toMatch(/data-testid="audit-entry"><strong>fresh<\/strong>: fresh → rotten <span class="muted">by ed/);
    // Checked reviews leave the queue.
    const after = await json(b.req(`/api/v1/queue?film=${filmId}`, { headers: { authorization: `Bearer ${editorKey}` } }));
    expect(after.items.map((i: Json) => i.review.id)).not.toContain(reviewIds[5]);
  });

  it('PATCH /api/v1/reviews/:id corrects several fields; undo restores; merge moves every review', async () => {
    const auth = { authorization: `Bearer ${editorKey}`, 'content-type': 'application/json' };
    const r = await app.request(`/api/v1/reviews/${reviewIds[0]}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ score: 42, aspects: { acting: -1 }, reason: 'reread' }) });
    expect(r.status).toBe(200);
    const body: Json = await r.json();
    expect(body.corrections.map((c: Json) => c.field)).toEqual(['score', 'aspects']);
    expect(body.review.score).toBe(42);
    expect(body.review.card.aspects.find((a: Json) => a.aspect === 'acting').polarity).toBe(-1);
    const last = body.corrections[1].id;
    const undo = await app.request(`/api/v1/corrections/${last}/undo`, { method: 'POST', headers: auth, body: '{}' });
    expect(undo.status).toBe(200);
    const again = await json(app.request(`/api/v1/reviews/${reviewIds[0]}`));
    expect(again.card.aspects.find((a: Json) => a.aspect === 'acting')).toBeUndefined();
    expect(again.score).toBe(42);
    const dup = (await store.getReview(reviewIds[10]!))!.filmId;
    const m = await app.request(`/api/v1/films/${dup}/merge`, { method: 'POST', headers: auth, body: JSON.stringify({ into: filmId }) });
    expect(m.status).toBe(200);
    expect((await store.getFilm(filmId))?.reviewCount).toBe(11);
    expect((await json(app.request(`/api/v1/films?q=Duplicate`))).items).toEqual([]);
    // Split one review back off into a film of its own, then undo.
    const sp = await app.request(`/api/v1/films/${filmId}/split`, { method: 'POST', headers: auth, body: JSON.stringify({ reviewIds: [reviewIds[10]], title: 'Editing Film Split', year: 2020 }) });
    expect(sp.status).toBe(200);
    const split: Json = await sp.json();
    expect(split).toMatchObject({ field: 'split', after: { title: 'Editing Film Split', reviews: 1 } });
    expect((await store.getFilm(filmId))?.reviewCount).toBe(10);
    expect((await store.getReview(reviewIds[10]!))?.filmTitle).toBe('Editing Film Split');
    expect((await app.request(`/api/v1/corrections/${split.id}/undo`, { method: 'POST', headers: auth })).status).toBe(200);
    expect((await store.getFilm(filmId))?.reviewCount).toBe(11);
  });

  it('the edit form moves a review to a film that does not exist yet only when asked to create it', async () => {
    const b = new Browser();
    await b.login('ed', PASSWORDS.ed);
    const token = await b.csrf(`/editor/reviews/${reviewIds[9]}`);
    const no = await b.form(`/editor/reviews/${reviewIds[9]}/film`, { _csrf: token, film: 'Brand New Film (2020)' });
    expect(no.status).toBe(400);
    const yes = await b.form(`/editor/reviews/${reviewIds[9]}/film`, { _csrf: token, film: 'Brand New Film (2020)', create: '1' });
    expect(yes.status).toBe(303);
    expect((await store.getReview(reviewIds[9]!))?.filmTitle).toBe('Brand New Film');
    const page = await (await b.req(`/editor/reviews/${reviewIds[9]}`)).text();
    expect(page).toContain('data-testid="undo"');
  });

  it('publishing: with --require-publish a film page is a draft until an editor publishes it', async () => {
    const strict = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL), editor: storeEditorData(store), config: { requirePublish: true } });
    expect((await strict.request(`/films/${filmId}`)).status).toBe(404);
    const p = await strict.request(`/api/v1/films/${filmId}/publish`, { method: 'POST', headers: { authorization: `Bearer ${editorKey}`, 'content-type': 'application/json' }, body: '{"published":true}' });
    expect(p.status).toBe(200);
    expect((await strict.request(`/films/${filmId}`)).status).toBe(200);
  });
});

describe('role checks on every write route', () => {
  const writes = operations().filter((o) => o.method !== 'get' && o.auth);
  const pathOf = (p: string) => p.replace('{id}', p.includes('corrections') ? '1' : filmId);
  it('documents the editors’ writes', () => {
    expect(writes.map((o) => o.operationId)).toEqual(expect.arrayContaining(['addReviews', 'correctReview', 'mergeFilm', 'splitFilm', 'setFilmFranchise', 'publishFilm', 'undoCorrection']));
  });
  it.each(operations().filter((o) => o.method !== 'get' && o.auth).map((o) => [o.operationId, o] as const))('%s: 401 without credentials, 403 with a reader key or a reader session', async (_id, op) => {
    const init = (headers: Record<string, string>) => ({ method: op.method.toUpperCase(), headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await app.request(pathOf(op.path), init({}))).status).toBe(401);
    expect((await app.request(pathOf(op.path), init({ authorization: 'Bearer vk_000000000000_nope' }))).status).toBe(401);
    expect((await app.request(pathOf(op.path), init({ authorization: `Bearer ${readerKey}` }))).status).toBe(403);
    const b = new Browser();
    await b.login('rita', PASSWORDS.rita);
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await app.request(pathOf(op.path), init({ cookie }))).status).toBe(403);
  });
  it('reads of the queue need the editor role too', async () => {
    expect((await app.request('/api/v1/queue')).status).toBe(401);
    expect((await app.request('/api/v1/queue', { headers: { authorization: `Bearer ${readerKey}` } })).status).toBe(403);
  });
});
