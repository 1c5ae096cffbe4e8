import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const split = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['abbreviations', 'Dr. Smith met Mr. Jones on St. Mark’s Place. They argued vs. agreed.', ['Dr. Smith met Mr. Jones on St. Mark’s Place.', 'They argued vs. agreed.']],
    ['initials', 'It was directed by M. Night Shyamalan. Then M.N. Miller wrote it.', ['It was directed by M. Night Shyamalan.', 'Then M.N. Miller wrote it.']],
    ['dotted abbreviations', 'It opened in the U.S. and Canada. It flopped.', ['It opened in the U.S. and Canada.', 'It flopped.']],
    ['numbered chapters', 'It sits between Chapters 3 and 4. The rest follows.', ['It sits between Chapters 3 and 4.', 'The rest follows.']],
    ['No. before a number', 'It ranks No. 2 on my list. Really.', ['It ranks No. 2 on my list.', 'Really.']],
    ['decimals', 'I give it 3.5 stars. Fine.', ['I give it 3.5 stars.', 'Fine.']],
    ['ellipsis mid-sentence', 'The only downside is…well, John Wick himself. Yes.', ['The only downside is…well, John Wick himself.', 'Yes.']],
    ['ellipsis before a capital', 'It drags... The end is great.', ['It drags...', 'The end is great.']],
    ['closing quotes', 'He said “go.” Then he left.', ['He said “go.”', 'Then he left.']],
    ['closing parentheses', 'It ends well (mostly.) The cast shines.', ['It ends well (mostly.)', 'The cast shines.']],
    ['exclamation inside a title', 'Shazam! is fun. Truly!', ['Shazam! is fun.', 'Truly!']],
    ['em dashes and colons', 'John Wick: Chapter 4 — the longest — is loud. Fine.', ['John Wick: Chapter 4 — the longest — is loud.', 'Fine.']],
    ['headline line', 'Ballerina review\nOver the last decade it grew.', ['Ballerina review', 'Over the last decade it grew.']],
    ['an end whose space was lost', 'A fine dog.Sassy steals it.Hope Burnford.Kevin Chevalia plays the boy!The end.', ['A fine dog.', 'Sassy steals it.', 'Hope Burnford.', 'Kevin Chevalia plays the boy!', 'The end.']],
    ['no end in an abbreviation, initials, a domain or a file name', 'Mr.Bean lives in St.Louis. J.R.R.Tolkien uses www.Google.com and Node.js daily.', ['Mr.Bean lives in St.Louis.', 'J.R.R.Tolkien uses www.Google.com and Node.js daily.']],
    ['no end at a mark with no word before it, nor in an address', 'It was called “…Brilliant” and (!)Great. Write to john.Smith@x.com today.', ['It was called “…Brilliant” and (!)Great.', 'Write to john.Smith@x.com today.']],
    ['wrapped lines', 'This is a long line of prose that was hard-wrapped by an old mail client at\nseventy characters. Next.', ['This is a long line of prose that was hard-wrapped by an old mail client at\nseventy characters.', 'Next.']],
  ])('%s', (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('numbers paragraphs at blank lines', () => {
    const spans = splitSentences('One. Two.\n\nThree.');
    expect(spans.map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });

  it('keeps names and titles inside one sentence', () => {
    const t = 'Ballerina stars Ana de Armas as Eve. There are Looney Tunes-esque bits.';
    const s = split(t);
    expect(s).toHaveLength(2);
    expect(s[0]).toContain('Ana de Armas');
    expect(s[1]).toContain('Looney Tunes-esque');
  });
});
