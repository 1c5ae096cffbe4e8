/**
 * @module Use case: manage the API keys that writes need. A key is shown once when created; the store keeps only
 * its SHA-256 hash, so a leaked database does not leak keys. Keys are `vk_<id>_<secret>`: the id is public
 * (listing, revoking), the secret 256 random bits.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRow, Role, Store } from '../store/store.ts';

type ApiKeyStore = Pick<Store, 'putApiKey' | 'getApiKey' | 'listApiKeys' | 'revokeApiKey'>;

/** What listings show of a key: never its hash. */
type ApiKeyInfo = Omit<ApiKeyRow, 'hash'>;

/** SHA-256 of a token, hex. Keys are 256 random bits, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function idOf(token: string): string | null {
  const m = /^vk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? m[1]! : null;
}

/** Creates a key; the token is returned only now. */
export async function createApiKey(store: ApiKeyStore, name: string, now = new Date(), role: Role = 'editor'): Promise<{ id: string; token: string }> {
  const id = randomBytes(6).toString('hex');
  const token = `vk_${id}_${randomBytes(32).toString('base64url')}`;
  await store.putApiKey({ id, name, hash: hashToken(token), createdAt: now.toISOString(), revokedAt: null, role });
  return { id, token };
}

export async function listApiKeys(store: ApiKeyStore): Promise<ApiKeyInfo[]> {
  return (await store.listApiKeys()).map(({ hash: _h, ...info }) => info);
}

/** True when a live key was revoked. */
export function revokeApiKey(store: ApiKeyStore, id: string, now = new Date()): Promise<boolean> {
  return store.revokeApiKey(id, now.toISOString());
}

/** The key's id when the token is a live key, else null (hashes compared in constant time). */
export async function verifyApiKey(store: ApiKeyStore, token: string): Promise<string | null> {
  return (await apiKeyOf(store, token))?.id ?? null;
}

/** The live key a token names, with its role, else null. */
export async function apiKeyOf(store: ApiKeyStore, token: string): Promise<{ id: string; name: string; role: Role } | null> {
  const id = idOf(token);
  if (!id) return null;
  const row = await store.getApiKey(id);
  if (!row || row.revokedAt !== null) return null;
  const a = Buffer.from(row.hash);
  const b = Buffer.from(hashToken(token));
  return a.length === b.length && timingSafeEqual(a, b) ? { id: row.id, name: row.name, role: row.role ?? 'editor' } : null;
}
