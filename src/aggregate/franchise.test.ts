import { describe, expect, it } from 'vitest';
import { releaseOrder } from './index.ts';

describe('releaseOrder', () => {
  // A tiny film index: one series of four rows, two of them pages of one film (alias = the other's title key).
  const rows = [
    { id: 'A_1', title: 'Saga', year: 2001, key: 'saga', aliases: [], order: 1, relation: null },
    { id: 'A_2', title: 'Saga 2', year: 2004, key: 'saga 2', aliases: [], order: 2, relation: 'sequel' },
    { id: 'World_of_Saga:_Side', title: 'World of Saga: Side', year: 2009, key: 'world of saga side', aliases: ['side'], order: 3, relation: 'installment' },
    { id: 'Side_(film)', title: 'Side', year: 2009, key: 'side', aliases: [], order: null, relation: 'spin-off' },
  ] as const;
  const index = {
    rowOf: (id: string) => rows.findIndex((r) => r.id === id),
    film: (r: number) => {
      const x = rows[r]!;
      return { ...x, row: r, aliases: [...x.aliases], genres: [], directors: [], writers: [], studios: [], cast: [], series: { name: 'Saga', order: x.order, relation: x.relation, previous: null } };
    },
    seriesRows: () => [0, 1, 2, 3],
  };

  it('lists the whole series in order, links only stored films and folds duplicate pages of one film', () => {
    const out = releaseOrder(index, [
      { id: 'f2', indexId: 'A_2', reviewCount: 3 },
      { id: 'side', indexId: 'Side_(film)', reviewCount: 1 },
      { id: 'loose', indexId: null, reviewCount: 9 },
    ]);
    expect(out.map((e) => [e.indexId, e.order, e.filmId, e.reviews])).toEqual([
      ['A_1', 1, null, 0],
      ['A_2', 2, 'f2', 3],
      ['Side_(film)', 3, 'side', 1],
    ]);
    expect(out[2]!.relation).toBe('installment');
    expect(releaseOrder(index, [{ id: 'x', indexId: 'Not_In_Index', reviewCount: 1 }])).toEqual([]);
    expect(releaseOrder(index, [])).toEqual([]);
  });
});
