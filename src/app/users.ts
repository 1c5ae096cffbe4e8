/**
 * @module Use case: accounts (admin, editor, reader), logins and sessions. Passwords are hashed with scrypt
 * (node:crypto, memory-hard: N = 2^15, r = 8, p = 1, 32 MB) and never logged or returned; a session's cookie
 * token is 256 random bits of which the store keeps only the SHA-256, beside the session's CSRF token. A login
 * always makes a new session (the old one, if any, is ended: no fixation); sessions expire. Failed logins are
 * counted per account and lock it for a while after `maxFailures`.
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { Role, SessionRow, Store, UserRow } from '../store/store.ts';

type UserStore = Pick<
  Store,
  'putUser' | 'getUser' | 'findUser' | 'listUsers' | 'updateUser' | 'putSession' | 'getSession' | 'deleteSession' | 'deleteUserSessions' | 'deleteExpiredSessions'
>;

export const ROLES: readonly Role[] = ['admin', 'editor', 'reader'];
const RANK: Record<Role, number> = { reader: 0, editor: 1, admin: 2 };

/** True when `role` may do what `needed` may. */
export const hasRole = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export function parseRole(s: string): Role {
  if ((ROLES as string[]).includes(s)) return s as Role;
  throw new UserError(`unknown role "${s}" (admin, editor or reader)`);
}

export class UserError extends Error {}

const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(m[4]!, 'base64url'), Number(m[1]), Number(m[2]), Number(m[3]));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password someone can type: 20 characters from a 57-letter alphabet without look-alikes (≈ 117 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) {
    if (b >= 228) continue; // 228 = 4 × 57: no modulo bias
    out += alphabet[b % 57];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : generatePassword();
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD = 10;

/** What listings show of an account: never its hash. */
export type UserInfo = Omit<UserRow, 'passwordHash'>;
export const userInfo = ({ passwordHash: _h, ...info }: UserRow): UserInfo => info;

/** Creates an account; without a password one is generated and returned (shown once). */
export async function createUser(store: UserStore, username: string, role: Role, password?: string, now = new Date()): Promise<{ user: UserInfo; password: string }> {
  const name = username.trim().toLowerCase();
  if (!USERNAME.test(name)) throw new UserError('a username is 2–64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit');
  if (await store.findUser(name)) throw new UserError(`there is already an account named "${name}"`);
  const pw = password ?? generatePassword();
  if (pw.length < MIN_PASSWORD) throw new UserError(`a password needs at least ${MIN_PASSWORD} characters`);
  const row: UserRow = { id: randomUUID(), username: name, role, passwordHash: await hashPassword(pw), createdAt: now.toISOString(), disabledAt: null, failedLogins: 0, lockedUntil: null };
  await store.putUser(row);
  return { user: userInfo(row), password: pw };
}

export async function listUsers(store: UserStore): Promise<UserInfo[]> {
  return (await store.listUsers()).map(userInfo);
}

async function userNamed(store: UserStore, username: string): Promise<UserRow> {
  const u = await store.findUser(username);
  if (!u) throw new UserError(`no account named "${username}"`);
  return u;
}

/** Disables an account and ends its sessions. */
export async function disableUser(store: UserStore, username: string, now = new Date()): Promise<void> {
  const u = await userNamed(store, username);
  await store.updateUser(u.id, { disabledAt: now.toISOString() });
  await store.deleteUserSessions(u.id);
}

/** Sets a new password (generated when not given; returned once), re-enables and unlocks the account, ends its sessions. */
export async function resetPassword(store: UserStore, username: string, password?: string): Promise<string> {
  const u = await userNamed(store, username);
  const pw = password ?? generatePassword();
  if (pw.length < MIN_PASSWORD) throw new UserError(`a password needs at least ${MIN_PASSWORD} characters`);
  await store.updateUser(u.id, { passwordHash: await hashPassword(pw), disabledAt: null, failedLogins: 0, lockedUntil: null });
  await store.deleteUserSessions(u.id);
  return pw;
}

/** On a first start: when no admin account exists, creates `admin` with a one-time password and returns it. */
export async function ensureFirstAdmin(store: UserStore): Promise<{ username: string; password: string } | null> {
  const users = await store.listUsers();
  if (users.some((u) => u.role === 'admin' && u.disabledAt === null)) return null;
  let name = 'admin';
  for (let i = 2; users.some((u) => u.username === name); i++) name = `admin${i}`;
  const { password } = await createUser(store, name, 'admin');
  return { username: name, password };
}

export interface LoginPolicy {
  /** Failed logins before the account is locked (default 5). */
  maxFailures: number;
  /** How long a lock lasts (ms, default 15 min). */
  lockMs: number;
  /** How long a session lasts (ms, default 12 h). */
  sessionMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 5, lockMs: 15 * 60_000, sessionMs: 12 * 3600_000 };

export type LoginResult = { ok: true; token: string; session: SessionRow; user: UserInfo } | { ok: false; reason: 'invalid' | 'locked' | 'disabled' };

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A hash to compare against when the account does not exist, so both cases take as long. */
let dummyHash: Promise<string> | null = null;

/**
 * Checks a username and password. On success a new session is made (the caller's previous session, when
 * given, is ended first); on failure the account's failure count grows and locks it after `maxFailures`.
 */
export async function login(store: UserStore, username: string, password: string, opts: { previousToken?: string | undefined; policy?: LoginPolicy; now?: Date } = {}): Promise<LoginResult> {
  const policy = opts.policy ?? DEFAULT_LOGIN_POLICY;
  const now = opts.now ?? new Date();
  if (opts.previousToken) await store.deleteSession(hashToken(opts.previousToken));
  const u = await store.findUser(username);
  if (!u) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await dummyHash);
    return { ok: false, reason: 'invalid' };
  }
  if (u.lockedUntil && Date.parse(u.lockedUntil) > now.getTime()) return { ok: false, reason: 'locked' };
  const good = await verifyPassword(password, u.passwordHash);
  if (!good) {
    const failures = u.failedLogins + 1;
    const lock = failures >= policy.maxFailures;
    await store.updateUser(u.id, { failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(now.getTime() + policy.lockMs).toISOString() : u.lockedUntil });
    return { ok: false, reason: lock ? 'locked' : 'invalid' };
  }
  if (u.disabledAt) return { ok: false, reason: 'disabled' };
  if (u.failedLogins || u.lockedUntil) await store.updateUser(u.id, { failedLogins: 0, lockedUntil: null });
  const token = randomBytes(32).toString('base64url');
  const session: SessionRow = {
    id: hashToken(token),
    userId: u.id,
    csrf: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + policy.sessionMs).toISOString(),
  };
  await store.putSession(session);
  await store.deleteExpiredSessions(now.toISOString());
  return { ok: true, token, session, user: userInfo(u) };
}

/** The live session and account a cookie token names, else null (expired, unknown, or the account disabled). */
export async function sessionOf(store: UserStore, token: string, now = new Date()): Promise<{ session: SessionRow; user: UserInfo } | null> {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const session = await store.getSession(hashToken(token));
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteSession(session.id);
    return null;
  }
  const u = await store.getUser(session.userId);
  if (!u || u.disabledAt) return null;
  return { session, user: userInfo(u) };
}

export async function logout(store: UserStore, token: string): Promise<void> {
  await store.deleteSession(hashToken(token));
}
