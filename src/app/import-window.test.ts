import { describe, expect, it } from 'vitest';
import { BoundedMap, RecentIds } from './import-reviews.ts';

describe("the import's bounded state", () => {
  it('BoundedMap forgets its oldest key past its size', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    // 'a' was set again in place (Map order keeps its first insertion), so 'a' is the oldest when 'c' arrives.
    expect([...m.entries()]).toEqual([['b', 2], ['c', 4]]);
  });
  it('RecentIds remembers the ids of the last generations only', () => {
    const r = new RecentIds(2);
    r.add('x');
    r.rotate();
    r.add('y');
    expect(r.has('x') && r.has('y')).toBe(true);
    r.rotate();
    expect(r.has('x')).toBe(false);
    expect(r.has('y')).toBe(true);
  });
});
