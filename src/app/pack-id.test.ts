import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packId } from './import-reviews.ts';

describe('packId (in-import duplicate detection)', () => {
  it('keeps ids that share their first 48 bits apart', () => {
    const a = '0123456789ab' + '0'.repeat(20);
    const b = '0123456789ab' + '0'.repeat(19) + '1';
    expect(packId(a)).not.toBe(packId(b));
    expect(packId(a)).toHaveLength(8);
  });

  it('is one-to-one on 128-bit hex ids (property)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
    fc.assert(fc.property(hex, hex, (x, y) => {
      expect(packId(x) === packId(y)).toBe(x === y);
    }));
  });
});
