/**
 * @module The client's address for rate limiting: the socket's peer, or X-Forwarded-For behind a trusted proxy.
 */
import type { Context } from 'hono';

/** Best-effort client key; 'local' when there is no socket (in-process requests in tests). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    if (fwd) return fwd.split(',')[0]!.trim();
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
