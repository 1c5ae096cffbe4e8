import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, html, raw, safeUrl } from './html.ts';

describe('html', () => {
  it('escapes interpolated strings', () => {
    expect(html`<p title="${'"x"'}">${'<script>alert(1)</script>'}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
  it('keeps nested html and raw, joins arrays, drops null/false', () => {
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${null}${false}${raw('<hr>')}`.value).toBe('<ul><li>a</li><li>b</li></ul><hr>');
  });
  it('never lets markup characters through (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(html`${s}`.value) && !/[<>"']/.test(escapeHtml(s))));
  });
  it.each([
    ['javascript:alert(1)', '#'],
    [' JavaScript:alert(1)', '#'],
    ['data:text/html,x', '#'],
    ['//evil.example', '#'],
    ['/films/1', '/films/1'],
    ['https://example.com/r', 'https://example.com/r'],
  ])('safeUrl(%s) → %s', (u, want) => {
    expect(safeUrl(u)).toBe(want);
  });
});
