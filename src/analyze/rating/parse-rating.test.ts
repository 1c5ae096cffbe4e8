import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRatingInText, LETTER_GRADES, parseRating, RatingReject } from './index.ts';

describe('parseRating', () => {
  it.each([
    ['3.5/4', 3.5, 4, 87.5],
    ['3 / 4', 3, 4, 75],
    ['3/5', 3, 5, 60],
    [' 3/5 ', 3, 5, 60],
    ["'2.5/4'", 2.5, 4, 62.5],
    ['4.5 of 5', 4.5, 5, 90],
    ['3 out of 5 stars', 3, 5, 60],
    ['7/10', 7, 10, 70],
    ['78/100', 78, 100, 78],
    ['.5/4', 0.5, 4, 12.5],
    ['3 1/2 stars', 3.5, 4, 87.5],
    ['4 stars', 4, 4, 100],
    ['★★★½', 3.5, 4, 87.5],
    ['★★★☆☆', 3, 5, 60],
    ['two and a half stars', 2.5, 4, 62.5],
    ['three stars out of four', 3, 4, 75],
    ['four out of five', 4, 5, 80],
    ['7', 7, 10, 70],
    ['8.5', 8.5, 10, 85],
  ])('%s → %s/%s = %s', (raw, value, scale, normalized) => {
    const r = parseRating(raw);
    expect(r.status).toBe('parsed');
    if (r.status !== 'parsed') return;
    expect(r.value).toBe(value);
    expect(r.scale).toBe(scale);
    expect(r.normalized).toBe(normalized);
  });

  it.each([
    ['A+', 100], ['A', 100], ['A-', 91], ['A minus', 91], ['B+', 83], ['B-plus', 83], ['B', 75], ['B-', 67], ['B –', 67],
    ['C plus', 58], ['C', 50], ['C-', 42], ['D+', 33], ['D', 25], ['D-', 16], ['F+', 8], ['F', 0], ['Grade: B-', 67],
  ])('letter grade %s → %s (Metacritic)', (raw, normalized) => {
    const r = parseRating(raw);
    expect(r.status === 'parsed' && r.scale === 'letter' && r.normalized).toBe(normalized);
  });

  it.each([
    ['R', RatingReject.CERTIFICATE],
    ['PG-13', RatingReject.CERTIFICATE],
    ['2.1/2', RatingReject.OVER_SCALE],
    ['5.5/5', RatingReject.OVER_SCALE],
    ['5/4', RatingReject.OVER_SCALE],
    ['1-5', RatingReject.RANGE],
    ['3', RatingReject.NO_SCALE],
    ['3.5', RatingReject.NO_SCALE],
    ['Recommended', RatingReject.VERDICT_WORD],
    ['N', RatingReject.VERDICT_WORD],
  ])('rejects %s with a reason', (raw, code) => {
    const r = parseRating(raw);
    expect(r.status).toBe('rejected');
    if (r.status === 'rejected') {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });

  it('reads a bare number on a hinted scale', () => {
    const r = parseRating('3', { scaleHint: 4 });
    expect(r.status === 'parsed' && r.normalized).toBe(75);
  });

  it('says when it does not understand', () => {
    expect(parseRating('low +2 out of -4..+4').status).toBe('unknown');
    expect(parseRating('').status).toBe('unknown');
  });
});

describe('findRatingInText', () => {
  it.each([
    ['Grade: B-\nA fun ride.', 'Grade: B-', 67],
    ['I give it 3 out of 5 stars.', '3 out of 5 stars', 60],
    ['It was 9/11 and open 24/7. Two and a half stars.', 'Two and a half stars', 62.5],
    ['Verdict: ★★★½', 'Verdict: ★★★½', 87.5],
    ['It scored 78/100 with me. Rating: 3/4. Later I said 2/5.', 'Rating: 3/4', 75],
    ['Great fun, 7/10 at first and 8/10.', '8/10', 80],
    ['Paddington 2\nB+\nA delight.', 'B+', 83],
    ['Paddington 2\n  C-  \nA chore.', 'C-', 42],
  ])('%s', (text, raw, normalized) => {
    const r = findRatingInText(text);
    expect(r?.raw).toBe(raw);
    expect(r?.normalized).toBe(normalized);
    expect(text.slice(r!.span!.start, r!.span!.end)).toBe(raw);
  });

  it('finds nothing in text without a rating', () => {
    expect(findRatingInText('On 9/11 the film opened in 3 cities, open 24/7.')).toBeNull();
  });
});

describe('rating properties', () => {
  it('never throws and normalises into [0, 100]', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('3/5', 'B+', '★★', '7', 'two stars')), (s) => {
        const r = parseRating(s);
        if (r.status === 'parsed') {
          expect(r.normalized).toBeGreaterThanOrEqual(0);
          expect(r.normalized).toBeLessThanOrEqual(100);
        }
        const t = findRatingInText(s);
        if (t) expect(t.normalized).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotone within a scale', () => {
    fc.assert(
      fc.property(fc.constantFrom(4, 5, 10, 100), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (scale, x, y) => {
        const [a, b] = [Math.min(x, y), Math.max(x, y)].map((v) => Math.round((v / 1000) * scale * 2) / 2);
        const ra = parseRating(`${a}/${scale}`);
        const rb = parseRating(`${b}/${scale}`);
        expect(ra.status).toBe('parsed');
        expect(rb.status).toBe('parsed');
        if (ra.status === 'parsed' && rb.status === 'parsed') expect(ra.normalized).toBeLessThanOrEqual(rb.normalized);
      }),
    );
  });

  it('orders letter grades', () => {
    const order = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F+', 'F'];
    const values = order.map((g) => LETTER_GRADES[g]!);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  });
});

describe('findRatingInText quick rejection', () => {
  it('still finds every kind of rating, and none in text without digits, stars, labels or a grade line', () => {
    for (const t of ['Verdict: B+', 'A fine film.\n  b+ \nMore.', 'It earns ★★★½ from me.', 'three and a half stars', 'I give it 7/10.', 'Rating - 4 out of 5'])
      expect(findRatingInText(t), t).not.toBeNull();
    expect(findRatingInText('A warm, funny film about grief and the people who carry it.')).toBeNull();
  });
});
