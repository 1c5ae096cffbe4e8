import { describe, expect, it } from 'vitest';
import { parseReviewDate } from './dates.ts';

describe('parseReviewDate', () => {
  it.each([
    ['2010-03-26', '2010-03-26'],
    ['2010-03-26T10:20:30Z', '2010-03-26'],
    ['26/02/2018', '2018-02-26'],
    ['03/04/2018', '2018-03-04'],
    ['3/4/2018', '2018-03-04'],
    ['Mar 27, 2023', '2023-03-27'],
    ['Sept. 3, 2019', undefined],
    ['November 10, 2018', '2018-11-10'],
    ['27 March 2023', '2023-03-27'],
    ['March 1st, 2020', '2020-03-01'],
    ['2019-07', '2019-07'],
    ['2019', '2019'],
  ])('%s → %s', (v, want) => {
    const r = parseReviewDate(v);
    if (want === undefined) expect(r).toHaveProperty('reason');
    else expect(r).toEqual({ date: want });
  });

  it.each(['someday', '2018-26-02', '31/31/2018', '2018-02-30', '1066'])('%s gets a reason', (v) => {
    const r = parseReviewDate(v);
    expect(r && 'reason' in r ? r.reason : '').toMatch(/date|year/);
  });

  it('treats an empty cell as no date', () => {
    expect(parseReviewDate('  ')).toBeNull();
    expect(parseReviewDate(undefined)).toBeNull();
  });
});
