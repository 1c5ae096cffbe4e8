import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken, sqliteKeys } from './keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'verdict-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('API keys (SQLite)', () => {
  it('creates a key shown once, stores only its hash, verifies and revokes it', async () => {
    const file = join(dir, 'k.db');
    const keys = sqliteKeys(file);
    const { id, token } = await keys.create('ci');
    expect(token).toMatch(/^vk_[0-9a-f]{12}_/);
    expect(await keys.verify(token)).toBe(id);
    expect(await keys.verify(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await keys.verify('nonsense')).toBeNull();
    const raw = new DatabaseSync(file);
    const rows = raw.prepare('SELECT * FROM api_keys').all() as { hash: string }[];
    raw.close();
    expect(JSON.stringify(rows)).not.toContain(token.slice(16));
    expect(rows[0]!.hash).toBe(hashToken(token));
    expect((await keys.list()).map((k) => [k.id, k.name, k.revokedAt])).toEqual([[id, 'ci', null]]);
    expect(await keys.revoke(id)).toBe(true);
    expect(await keys.revoke(id)).toBe(false);
    expect(await keys.verify(token)).toBeNull();
    await keys.close();
  });
});
