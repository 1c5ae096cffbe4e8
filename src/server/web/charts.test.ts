import { describe, expect, it } from 'vitest';
import { aspectChart, binScores, scoreHistogram } from './charts.ts';

describe('charts', () => {
  it('bins scores, 100 in the last bin, ignoring non-finite values', () => {
    expect(binScores([0, 9.9, 10, 55, 100, NaN], 10)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it('draws one bar per bin with an accessible title and description', () => {
    const svg = scoreHistogram([1, 0, 3], { id: 'h' }).value;
    expect(svg.match(/<rect class="bar/g)).toHaveLength(3);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="h-t">Review scores (4 reviews)</title>');
    expect(svg).toContain('67–100: 3');
  });
  it('draws aspect bars proportional to the share, escaping labels', () => {
    const svg = aspectChart([{ label: 'action', share: 0.75, count: 8 }, { label: '<x>', share: 0, count: 1 }], { id: 'a' }).value;
    expect(svg).toContain('width="135.0"');
    expect(svg).toContain('75% · 8');
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).not.toContain('<x>');
  });
});
