import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brOnlyToText, clean, detectFormat, htmlToText } from './clean.ts';

describe('clean', () => {
  it('detects formats', () => {
    expect(detectFormat('<p>Hello</p>')).toBe('html');
    expect(detectFormat('# Title\n\nBody *text*.')).toBe('markdown');
    expect(detectFormat('Plain text, 3 < 4.')).toBe('text');
  });

  it('drops scripts, styles and navigation from HTML and keeps paragraphs', () => {
    const html = '<html><head><title>Ballerina review</title><meta property="og:title" content="Ballerina (2025)"><style>p{}</style></head>' +
      '<body><nav>Home | Films</nav><h1>Ballerina</h1><p>It is <em>fun</em> &amp; loud.</p><script>alert(1)</script><p>Second&nbsp;para.</p><footer>© site</footer></body></html>';
    const c = clean(html);
    expect(c.format).toBe('html');
    expect(c.text).toBe('Ballerina\n\nIt is fun & loud.\n\nSecond para.');
    expect(c.meta.title).toBe('Ballerina review');
    expect(c.meta.ogTitle).toBe('Ballerina (2025)');
    expect(c.meta.h1).toBe('Ballerina');
    expect(c.meta.emphasis.map((s) => c.text.slice(s.start, s.end))).toEqual(['fun']);
  });

  it('turns IMDB-style <br /> breaks into line breaks', () => {
    expect(clean('Great film.<br /><br />Loved it.').text).toBe('Great film.\nLoved it.');
  });

  it('reads Markdown emphasis as title hints', () => {
    const c = clean('I loved *Ballerina*, and **so** did you.\n\n## Verdict\n\nGo.', { format: 'markdown' });
    expect(c.text).toBe('I loved Ballerina, and so did you.\n\nVerdict\n\nGo.');
    expect(c.meta.emphasis.map((s) => c.text.slice(s.start, s.end))).toContain('Ballerina');
  });

  it('decodes entities in plain text, including Windows-1252 codes and double encoding', () => {
    expect(clean('Fun&#44; loud &#151; and &amp;#46;', { format: 'text' }).text).toBe('Fun, loud — and .');
  });

  it('normalises line ends and control characters', () => {
    expect(clean('\ufeffa\r\nb\u0007c', { format: 'text' }).text).toBe('a\nb c');
  });
});

describe('line-break-only HTML without the parser', () => {
  const piece = fc.constantFrom('<br />', '<br/>', '<br>', '<BR>', '<p>', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\ufeff', 'word', 'Two words.', '&amp;', '&', '& ', ' & ', '&#', 'amp;', 'R&B', '&\n', '<', '>', 'é', '\r');
  it('gives the parser\'s text, or leaves the input to the parser', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const html = parts.join('');
        const fast = brOnlyToText(html);
        if (fast !== null) expect(fast).toBe(htmlToText(html).text);
      }),
      { numRuns: 3000 },
    );
    expect(brOnlyToText('It ends.<br /><br />Then   more.')).toBe('It ends.\nThen more.');
    expect(brOnlyToText('a <i>b</i>')).toBeNull();
    expect(brOnlyToText('Tom & Jerry.<br />More.')).toBe('Tom & Jerry.\nMore.');
    expect(brOnlyToText('Tom &amp; Jerry.<br />More.')).toBeNull();
  });
});
