import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';

const b = (s: string) => new TextEncoder().encode(s);

describe('PageCache', () => {
  it('serves an entry while fresh and its stamp is unchanged', () => {
    const c = new PageCache(1000, 10);
    c.set('/f/1', '5', 0, b('x'));
    expect(c.get('/f/1', '5', 999)).toEqual(b('x'));
    expect(c.get('/f/1', '6', 10)).toBeNull(); // the film gained a review
    expect(c.get('/f/1', '5', 1000)).toBeNull(); // too old
  });
  it('evicts the least recently used beyond its size, and is off with ttl 0', () => {
    const c = new PageCache(1000, 2);
    c.set('a', '1', 0, b('a'));
    c.set('b', '1', 0, b('b'));
    c.get('a', '1', 1);
    c.set('c', '1', 0, b('c'));
    expect(c.get('b', '1', 1)).toBeNull();
    expect(c.get('a', '1', 1)).not.toBeNull();
    expect(c.size).toBe(2);
    const off = new PageCache(0);
    off.set('a', '1', 0, b('a'));
    expect(off.get('a', '1', 0)).toBeNull();
  });
});
