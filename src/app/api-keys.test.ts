import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open.ts';
import { createApiKey, hashToken, listApiKeys, revokeApiKey, verifyApiKey } from './api-keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('API keys', () => {
  it('creates a key shown once, stores only its hash, verifies, lists and revokes it', async () => {
    const file = join(dir, 'k.db');
    const store = await openStore(file);
    try {
      const { id, token } = await createApiKey(store, 'ci');
      expect(token).toMatch(/^vk_[0-9a-f]{12}_/);
      expect(await verifyApiKey(store, token)).toBe(id);
      expect(await verifyApiKey(store, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
      expect(await verifyApiKey(store, 'nonsense')).toBeNull();
      const raw = new DatabaseSync(file);
      const rows = raw.prepare('SELECT * FROM api_keys').all() as { hash: string }[];
      raw.close();
      expect(JSON.stringify(rows)).not.toContain(token.slice(16));
      expect(rows[0]!.hash).toBe(hashToken(token));
      expect((await listApiKeys(store)).map((k) => [k.id, k.name, k.revokedAt])).toEqual([[id, 'ci', null]]);
      expect(JSON.stringify(await listApiKeys(store))).not.toContain('hash');
      expect(await revokeApiKey(store, id)).toBe(true);
      expect(await revokeApiKey(store, id)).toBe(false);
      expect(await verifyApiKey(store, token)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('keeps the keys of a database whose api_keys table predates the migrations', async () => {
    const file = join(dir, 'old.db');
    const raw = new DatabaseSync(file);
    raw.exec('CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)');
    raw.prepare('INSERT INTO api_keys VALUES (?, ?, ?, ?, NULL)').run('0123456789ab', 'old', 'h', '2020-01-01T00:00:00.000Z');
    raw.close();
    const store = await openStore(file);
    try {
      expect((await listApiKeys(store)).map((k) => k.name)).toEqual(['old']);
    } finally {
      await store.close();
    }
  });
});
