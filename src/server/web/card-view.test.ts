import { describe, expect, it } from 'vitest';
import type { ReviewCard } from '../../analyze/card.ts';
import { cardView, evidenceMarks, highlightedText, timelineOf } from './card-view.ts';

const TEXT = 'The action is superb. The story is thin. He dies at the end. <b>Bold</b> claims.';
function card(): ReviewCard {
  return {
    version: 't',
    format: 'text',
    text: TEXT,
    sentences: [
      { start: 0, end: 21, paragraph: 0, polarity: 0.8 },
      { start: 22, end: 40, paragraph: 0, polarity: -0.6 },
      { start: 41, end: 60, paragraph: 0 },
      { start: 61, end: TEXT.length, paragraph: 0 },
    ],
    film: { title: 'Ballerina', key: 'ballerina', confidence: 0.9, source: 'metadata', mentions: [], franchise: { name: 'John Wick', evidence: { start: 0, end: 3 } } },
    references: [{ title: 'John Wick: Chapter 3', key: 'jw3', kind: 'film', mentions: [] }],
    chronology: [
      { relation: 'after', other: 'John Wick: Chapter 3', otherKey: 'jw3', evidence: { start: 0, end: 21 } },
      { relation: 'before', other: 'John Wick: Chapter 4', otherKey: 'jw4', evidence: { start: 0, end: 21 } },
    ],
    people: [{ name: 'Ana de Armas', mentions: [] }],
    credits: [{ person: 'Ana de Armas', role: 'cast', character: 'Eve Macarro', evidence: { start: 0, end: 3 } }],
    verdict: { fresh: true, score: 72, label: 'positive', confidence: 0.81 },
    rating: null,
    aspects: [
      { aspect: 'action', polarity: 0.8, mentions: 1, evidence: [{ start: 0, end: 21 }] },
      { aspect: 'story', polarity: -0.6, mentions: 1, evidence: [{ start: 22, end: 40 }] },
      { aspect: 'pacing', polarity: 0.2, mentions: 1, evidence: [{ start: 22, end: 40 }] },
    ],
    targets: [],
    quotes: [{ start: 0, end: 21, text: 'The action is superb.', score: 0.9 }],
    spoilers: [{ start: 41, end: 60, reason: 'death' }],
  };
}

describe('card view', () => {
  it('marks evidence with the polarity of its own sentence', () => {
    expect(evidenceMarks(card()).map((m) => [m.aspect, m.pol])).toEqual([['action', 'pos'], ['story', 'neg'], ['pacing', 'neg']]);
  });
  it('highlights each evidence span with a written tag, not colour alone', () => {
    const h = highlightedText(card()).value;
    expect(h).toContain('<mark class="ev ev-pos" data-aspects="action" title="action: positive"><span class="ev-tag">action +</span>The action is superb.</mark>');
    expect(h).toMatch(/<mark class="ev ev-neg" data-aspects="story pacing"[^>]*><span class="ev-tag">story −, pacing −<\/span>The story is thin.<\/mark>/);
    expect(h).toContain('class="legend"');
  });
  it('hides spoilers behind a toggle that works without script', () => {
    const h = highlightedText(card(), 'x').value;
    expect(h).toContain('<input type="checkbox" class="spoiler-toggle" id="x-spoilers"><label for="x-spoilers"');
    expect(h).toContain('<span class="spoiler"><span class="spoiler-hidden">[spoiler hidden]</span><span class="spoiler-body">He dies at the end.</span></span>');
  });
  it('keeps the text intact and escaped', () => {
    const h = highlightedText(card()).value;
    const visible = h.replace(/<span class="(ev-tag|spoiler-hidden)">[^<]*<\/span>/g, '').replace(/<span class="legend-title">[^<]*<\/span>/g, '');
    const text = /<div class="review-text"[^>]*>([\s\S]*)<\/div><\/div>$/.exec(visible)![1]!.replace(/<[^>]+>/g, '');
    expect(text).toBe(TEXT.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
  it('orders the timeline from chronology edges', () => {
    expect(timelineOf(card())).toEqual({ before: ['John Wick: Chapter 3'], after: ['John Wick: Chapter 4'] });
    const v = cardView(card()).value;
    expect(v).toMatch(/<li>John Wick: Chapter 3<\/li><li class="this-film"><strong>Ballerina<\/strong><\/li><li>John Wick: Chapter 4<\/li>/);
    expect(v).toContain('data-verdict="fresh"');
    expect(v).toContain('<span class="character">Eve Macarro</span>');
  });
  it('copes with an empty card', () => {
    const c = { ...card(), film: null, verdict: null, aspects: [], credits: [], people: [], chronology: [], references: [], quotes: [], spoilers: [] };
    expect(cardView(c).value).toContain('No verdict');
  });
});
