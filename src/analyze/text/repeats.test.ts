import { describe, expect, it } from 'vitest';
import { readDoc } from './index.ts';

describe('findRepeats', () => {
  it('marks a curly-quoted pull-quote line ending in an ellipsis as a repeat of its body sentence', () => {
    const doc = readDoc('Intro line here.\n“The action is great, the fights boast solid choreography…”\nLater on, the action is great, the fights boast solid choreography, and more.');
    const s = doc.sentences;
    expect(s).toHaveLength(3);
    expect(s[1]!.repeatOf).toBe(2);
    expect(s[0]!.repeatOf).toBe(-1);
    expect(s[2]!.repeatOf).toBe(-1);
  });

  it('marks the later of two identical sentences, and leaves short coincidences alone', () => {
    const doc = readDoc('It is a very good film indeed. Yes. It is a very good film indeed. Yes.');
    expect(doc.sentences.map((x) => x.repeatOf)).toEqual([-1, -1, 0, -1]);
  });

  it('does not mark a sentence that merely shares words', () => {
    const doc = readDoc('“The action is great and the story is weak…” The action is great, but the story is weak.');
    expect(doc.sentences.every((x) => x.repeatOf === -1)).toBe(true);
  });
});

describe('sentence spaces', () => {
  it('treats every Unicode space as a space', () => {
    const doc = readDoc('One.\u3000\u2028Two.\ufeff');
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual(['One.', 'Two.']);
  });
});
