// The server under hostile load: writes rate-limited only after the key check, a size cap per review, binary
// uploads refused on the analyse page, and analyses past their time budget answered 503.
import { describe, expect, it } from 'vitest';
import { EMPTY_MODEL } from '../analyze/model.ts';
import { createApp } from './app.ts';
import { fixtureData } from './fixtures.ts';
import type { KeyStore } from './site-data.ts';
import { BudgetExceeded, PoolBusy } from '../node/pool/task-pool.ts';

const keys: KeyStore = { verify: async (t) => (t === 'good-key' ? 'k1' : null) };
const body = JSON.stringify({ text: 'A fine film.', film: 'Toy Story 4' });
const write = (key: string) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });

describe('server reliability', () => {
  it('bad-key traffic from an address does not use up the write limit of its good keys', async () => {
    const app = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys, now: () => 0, config: { writeRate: { limit: 2, windowMs: 60_000 } } });
    for (let i = 0; i < 10; i++) expect((await app.request('/api/v1/reviews', write('bad'))).status).toBe(401);
    expect((await app.request('/api/v1/reviews', write('good-key'))).status).toBe(201);
    expect((await app.request('/api/v1/reviews', write('good-key'))).status).toBe(201);
    expect((await app.request('/api/v1/reviews', write('good-key'))).status).toBe(429);
  });

  it('rejects a review over the per-review cap and writes the others', async () => {
    const app = createApp({ model: EMPTY_MODEL, data: fixtureData(), keys, config: { maxReviewBytes: 1000 } });
    const lines = [JSON.stringify({ text: 'A fine film.', film: 'Toy Story 4' }), JSON.stringify({ text: 'x '.repeat(1000), film: 'Toy Story 4' })].join('\n');
    const r = await app.request('/api/v1/reviews', { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer good-key' }, body: lines });
    expect(r.status).toBe(201);
    const out = (await r.json()) as { imported: number; rejected: { line: number; reason: string }[] };
    expect(out.imported).toBe(1);
    expect(out.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/over the 1 KB limit per review/), code: 'E_TOO_LARGE' }]);
  });

  it('the analyse page refuses a binary upload, and decodes UTF-16 with a byte-order mark', async () => {
    const app = createApp({ model: EMPTY_MODEL });
    const fd = new FormData();
    fd.set('text', '');
    fd.set('file', new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])], 'x.png', { type: 'image/png' }));
    const r = await app.request('/analyze', { method: 'POST', body: fd });
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/looks binary/);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'A fine film.'].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    const ok = new FormData();
    ok.set('file', new File([utf16], 'r.txt', { type: 'text/plain' }));
    const r2 = await app.request('/analyze', { method: 'POST', body: ok });
    expect(r2.status).toBe(200);
    expect(await r2.text()).toContain('A fine film.');
  });

  it.each([
    ['past its time budget', new BudgetExceeded(10)],
    ['with a full queue', new PoolBusy()],
  ])('answers 503 with Retry-After when the pool is %s', async (_name, err) => {
    const app = createApp({ model: EMPTY_MODEL, analyzer: { analyze: async () => Promise.reject(err) } });
    const r = await app.request('/api/v1/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'A fine film.' }) });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
  });
});
