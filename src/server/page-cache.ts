/**
 * @module A small in-process cache of rendered responses (film page, film API) for read-mostly pages: an
 * entry is served while it is younger than `ttlMs` AND its stamp (the film's review count) is unchanged, so
 * new reviews show at once and other changes (re-analysis) within `ttlMs`. Bounded LRU; bodies are kept
 * encoded so a hit costs no rendering and no re-encoding.
 */

interface Entry {
  stamp: string;
  at: number;
  body: Uint8Array;
}

export class PageCache {
  readonly ttlMs: number;
  readonly max: number;
  private readonly map = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(ttlMs: number, max = 500) {
    this.ttlMs = ttlMs;
    this.max = max;
  }

  /** The cached body for `key` when fresh for `stamp` at time `now`, else null. */
  get(key: string, stamp: string, now: number): Uint8Array | null {
    if (this.ttlMs <= 0) return null;
    const e = this.map.get(key);
    if (!e || e.stamp !== stamp || now - e.at >= this.ttlMs) {
      this.misses++;
      return null;
    }
    // Refresh LRU position.
    this.map.delete(key);
    this.map.set(key, e);
    this.hits++;
    return e.body;
  }

  set(key: string, stamp: string, now: number, body: Uint8Array): void {
    if (this.ttlMs <= 0) return;
    this.map.delete(key);
    this.map.set(key, { stamp, at: now, body });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}
