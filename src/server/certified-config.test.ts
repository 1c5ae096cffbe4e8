// The certified badge's thresholds are server configuration (flag, environment, config file), applied where the API
// and the pages read `certified`: the stored consensus keeps its share and counts, so the badge is decided at read time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { serverConfig } from '../cli/server-config.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { storeSiteData } from './store-site-data.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'verdict-certified-'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('certified thresholds from the server configuration', () => {
  it('a lenient rule certifies a film the default rule does not, in the API and on the pages', async () => {
    const keys = { verify: async (t: string) => (t === 'k' ? 'id' : null) };
    const writer = createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL), keys });
    const rows = [1, 2, 3].map((i) => ({ text: `Review ${i}: a joy.`, film: 'Small Film', critic: `Critic ${i}`, fresh: true, topCritic: i === 1 }));
    expect((await writer.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k' }, body: JSON.stringify(rows) })).status).toBe(201);

    const lenient = { minShare: 0.6, minReviews: 3, minTopCritics: 1 };
    const apps = { strict: createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL) }), lenient: createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL, { certified: lenient }) }), tooMany: createApp({ model: EMPTY_MODEL, data: storeSiteData(store, EMPTY_MODEL, { certified: { ...lenient, minTopCritics: 2 } }) }) };
    const look = async (app: ReturnType<typeof createApp>) => {
      const list: Json = await (await app.request('/api/v1/films?q=small')).json();
      const film: Json = await (await app.request(`/api/v1/films/${list.items[0].id}`)).json();
      const page = await (await app.request(`/films/${list.items[0].id}`)).text();
      return { list: list.items[0].certified, film: film.certified, consensus: film.consensus.certified, rule: film.consensus.certifiedRule, page };
    };
    const strict = await look(apps.strict);
    expect([strict.list, strict.film, strict.consensus]).toEqual([false, false, false]);
    expect(strict.rule).toMatch(/≥ 40 reviews/);
    const ok = await look(apps.lenient);
    expect([ok.list, ok.film, ok.consensus]).toEqual([true, true, true]);
    expect(ok.rule).toBe('≥ 60% fresh over ≥ 3 reviews including ≥ 1 top critics');
    expect(ok.page).toContain('≥ 60% fresh over ≥ 3 reviews');
    expect(ok.page).not.toEqual(strict.page);
    expect((await look(apps.tooMany)).consensus).toBe(false);
  });

  it('reads the thresholds from the config file, the environment and flags, and refuses nonsense', () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ certified: { minReviews: 10 } }));
    const saved = process.env.VERDICT_CERTIFIED;
    try {
      delete process.env.VERDICT_CERTIFIED;
      expect(serverConfig(file, {}).config.certified).toEqual({ minShare: 0.75, minReviews: 10, minTopCritics: 5 });
      process.env.VERDICT_CERTIFIED = '0.8,60,10';
      expect(serverConfig(file, {}).config.certified).toEqual({ minShare: 0.8, minReviews: 60, minTopCritics: 10 });
      expect(serverConfig(file, { certified: { minShare: 0.5, minReviews: 1, minTopCritics: 0 } }).config.certified).toEqual({ minShare: 0.5, minReviews: 1, minTopCritics: 0 });
      process.env.VERDICT_CERTIFIED = '75,40,5';
      expect(() => serverConfig(undefined, {})).toThrow(/certified needs/);
    } finally {
      if (saved === undefined) delete process.env.VERDICT_CERTIFIED;
      else process.env.VERDICT_CERTIFIED = saved;
    }
  });
});
