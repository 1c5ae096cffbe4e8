import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.ts';

// The two-minute reconnect is for connections lost mid-import: a server never reached fails at once.
describe('the first PostgreSQL connection', () => {
  let silent: Server;
  let refused: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // A server that accepts TCP and never answers: a blackholed host, seen from the client.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    refused = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('a refused connection is not retried', async () => {
    await expect(openStore(`postgres://u@127.0.0.1:${refused}/x`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a server that never answers times out after connect_timeout, as ETIMEDOUT with its address', async () => {
    const port = (silent.address() as { port: number }).port;
    await expect(openStore(`postgres://u@127.0.0.1:${port}/x?connect_timeout=1`)).rejects.toMatchObject({ code: 'ETIMEDOUT', address: '127.0.0.1', port });
  });
});
