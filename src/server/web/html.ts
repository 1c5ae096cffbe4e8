/**
 * @module Escaped HTML templates. Every interpolated value is escaped unless it is already `SafeHtml`
 * (made by `html` or `raw`), so user content (review text, critic names) can never become markup.
 * A tiny synchronous helper rather than a template library: the pages are plain strings rendered per request.
 */

/** A string of markup that is already safe to send. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for use in HTML content or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A value accepted inside `html`: strings and numbers are escaped, arrays are joined, null/false/undefined vanish. */
type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Trust a string as markup (only for markup this code built, never for user input). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** A URL attribute value that can only be a relative path or http(s): anything else (javascript:, data:) becomes '#'. */
export function safeUrl(u: string): string {
  const t = u.trim();
  if (/^\/(?!\/)/.test(t)) return t;
  if (/^https?:\/\//i.test(t)) return t;
  return '#';
}
