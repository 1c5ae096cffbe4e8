/**
 * Input cleaning: plain text, Markdown or HTML in, canonical plain text out.
 * The cleaned text is what every offset in a card refers to, so cleaning runs once, first.
 */
import { Parser } from 'htmlparser2';
import { marked } from 'marked';
import type { InputFormat, Span } from '../card.ts';

export interface CleanOptions {
  /** Force a format; detected from the text when absent. */
  format?: InputFormat;
}

/** What the markup told us beyond the text: titles in the head, emphasised spans in the body. */
export interface TextMeta {
  // Always all four fields (undefined when absent): one object shape for every document.
  /** `<title>` text. */
  title: string | undefined;
  /** First `<h1>` text. */
  h1: string | undefined;
  /** `<meta property="og:title">`. */
  ogTitle: string | undefined;
  /** Spans of `<em>`, `<i>`, `<cite>` (and Markdown emphasis) in the cleaned text: often film titles. */
  emphasis: Span[];
}

export interface Cleaned {
  text: string;
  format: InputFormat;
  meta: TextMeta;
}

const HTML_TAG = /<\/?(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/i;
const MARKDOWN_HINT = /^#{1,6}\s|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^\s{0,3}[-*+]\s+\S|^>\s/m;
const MARKDOWN_CHARS = /[#[*\-+>]/;

/** Guess the format of raw input: tags mean HTML, strong Markdown markers mean Markdown, else text. */
export function detectFormat(raw: string): InputFormat {
  // A tag needs a '<', and every Markdown hint one of '#', '[', '*', '-', '+', '>': most plain text skips the scans.
  if (raw.includes('<') && HTML_TAG.test(raw)) return 'html';
  if (MARKDOWN_CHARS.test(raw) && MARKDOWN_HINT.test(raw)) return 'markdown';
  return 'text';
}

/**
 * Clean raw input into canonical plain text. Pure; never throws.
 * Cleaning is idempotent: cleaning the result again as text returns it unchanged.
 */
export function clean(raw: string, options: CleanOptions = {}): Cleaned {
  const format = options.format ?? detectFormat(raw);
  if (format === 'text') return { text: normalizePlain(raw), format, meta: noMeta() };
  const html = format === 'markdown' ? markdownToHtml(raw) : raw;
  const plain = format === 'html' ? brOnlyToText(html) : null;
  if (plain !== null) return { text: plain, format, meta: noMeta() };
  const { text, meta } = htmlToText(html);
  return { text, format, meta };
}

/** The meta of text without markup. */
function noMeta(): TextMeta {
  return { title: undefined, h1: undefined, ogTitle: undefined, emphasis: [] };
}

function markdownToHtml(raw: string): string {
  // marked is synchronous unless async extensions are registered; we register none.
  return marked.parse(boundMarkdownDepth(raw), { async: false, gfm: true }) as string;
}

/** Deepest nesting of block quotes and lists kept; marked recurses once per level (6 KB of `>` overflows its stack). */
export const MAX_MARKDOWN_DEPTH = 16;
// One container marker at the start of a line: a quote marker, or a list marker followed by a space.
const CONTAINER = /[ \t]{0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)/y;
// A long run of emphasis delimiters nests one level per delimiter in marked's inline parser.
const DELIMITER_RUN = /[*_~]{9,}/g;

/**
 * Markdown with its nesting bounded, so that marked's recursion stays shallow on any input (and the result is
 * the same on the main thread and in a worker, whose stack is smaller). Only input nested deeper than
 * MAX_MARKDOWN_DEPTH changes: container markers past that depth are dropped (their text stays, at the deepest
 * level), indentation past 4 columns per level is cut, and runs of more than 8 emphasis delimiters are escaped
 * (read as the literal characters). Linear in the input.
 */
export function boundMarkdownDepth(md: string): string {
  const maxIndent = 4 * MAX_MARKDOWN_DEPTH;
  let changed = false;
  const lines = md.split('\n');
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k]!;
    let depth = 0;
    let at = 0;
    CONTAINER.lastIndex = 0;
    while (CONTAINER.test(line)) {
      depth++;
      if (depth > MAX_MARKDOWN_DEPTH) {
        // Drop this marker and every deeper one.
        let end = CONTAINER.lastIndex;
        while (CONTAINER.test(line)) end = CONTAINER.lastIndex;
        line = line.slice(0, at) + line.slice(end);
        break;
      }
      at = CONTAINER.lastIndex;
    }
    let indent = 0;
    while (indent < line.length && (line[indent] === ' ' || line[indent] === '\t')) indent++;
    if (indent > maxIndent) line = line.slice(0, maxIndent) + line.slice(indent);
    if (line.length > 8 && DELIMITER_RUN.test(line)) line = line.replace(DELIMITER_RUN, (run) => run.replace(/./g, '\\$&'));
    DELIMITER_RUN.lastIndex = 0;
    if (line !== lines[k]) {
      lines[k] = line;
      changed = true;
    }
  }
  const out = changed ? lines.join('\n') : md;
  // Emphasis nests once per open delimiter ("**a **a **a … a** a** a**"): a paragraph with more delimiters than
  // any real one has is read with them as literal characters.
  if (!mayNestDeep(out)) return out;
  return out.split(/(\n[ \t]*\n)/).map(escapeCrowdedParagraph).join('');
}

function escapeCrowdedParagraph(para: string): string {
  return countDelimiters(para) > MAX_PARAGRAPH_DELIMITERS ? para.replace(/[*_~]/g, '\\$&') : para;
}

/** More emphasis delimiters than this in one paragraph are literal. */
const MAX_PARAGRAPH_DELIMITERS = 256;

function countDelimiters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126) n++;
  }
  return n;
}

function mayNestDeep(s: string): boolean {
  return countDelimiters(s) > MAX_PARAGRAPH_DELIMITERS;
}

// C0 controls other than tab and newline, DEL, and C1 controls carry no text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Entities in plain text (Rotten Tomatoes quotes carry `&#44;`, `&quot;`, `&#151;`).
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', eacute: 'é', egrave: 'è', aacute: 'á', iacute: 'í',
  oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', copy: '©',
};
// HTML5 maps numeric references 128–159 through Windows-1252 (`&#151;` is an em dash).
const CP1252: Record<number, number> = {
  128: 0x20ac, 130: 0x201a, 131: 0x0192, 132: 0x201e, 133: 0x2026, 134: 0x2020, 135: 0x2021, 136: 0x02c6,
  137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017d, 145: 0x2018, 146: 0x2019, 147: 0x201c,
  148: 0x201d, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02dc, 153: 0x2122, 154: 0x0161, 155: 0x203a,
  156: 0x0153, 158: 0x017e, 159: 0x0178,
};

function decodeCodePoint(cp: number): string | undefined {
  const mapped = CP1252[cp] ?? cp;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return undefined;
  return String.fromCodePoint(mapped);
}

function decodeOnce(s: string): string {
  return s.replace(ENTITY, decodeEntity);
}

/** One match of ENTITY decoded, or left as it is when it names no character. */
function decodeEntity(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  let out: string | undefined;
  if (dec !== undefined) out = decodeCodePoint(Number.parseInt(dec, 10));
  else if (hex !== undefined) out = decodeCodePoint(Number.parseInt(hex, 16));
  else if (name !== undefined) out = NAMED[name];
  return out === undefined ? whole : out.replace(CONTROL, ' ');
}

/**
 * Decode entities to a fixed point: scraped quotes are often encoded twice (`&amp;#44;`), and a fixed point
 * makes cleaning idempotent. Each pass shortens the string, so the loop ends.
 */
function decodePlainEntities(s: string): string {
  let cur = s;
  while (cur.includes('&')) {
    const next = decodeOnce(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

/** Canonical plain text: LF line ends, no BOM or control characters, entities decoded. */
export function normalizePlain(raw: string): string {
  let s = raw;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  s = s.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(/\ufeff/g, ' ');
  return decodePlainEntities(s);
}

// Content that is never article text.
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'nav', 'aside', 'footer', 'form',
  'button', 'select', 'textarea', 'object', 'canvas', 'video', 'audio', 'head',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'blockquote', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tr', 'figure', 'figcaption', 'hr', 'address', 'body',
]);
const PARAGRAPH = new Set(['p', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'ul', 'ol', 'figure', 'hr', 'section', 'article']);
const EMPHASIS = new Set(['em', 'i', 'cite']);

const BR = /<br ?\/?>/g;
/** A run of `[ \t\n\f\r]` other than one plain space, matched whole from its first character. */
const SPACE_RUN = /[\t\n\f\r][ \t\n\f\r]*| [ \t\n\f\r]+/g;
const SPACE_OR_NBSP_RUN = /[ \t\n\f\r\u00a0]+/g;

/** A run of spaces as a browser shows it: one space, or a lone no-break space kept as it is. */
function collapseSpaceRun(run: string): string {
  return run.includes('\u00a0') && run.length === 1 ? '\u00a0' : ' ';
}
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Is there an ampersand that could start a character reference? One followed by a space ("Tom & Jerry") is text. */
function mayHoldEntity(html: string): boolean {
  for (let at = html.indexOf('&'); at >= 0; at = html.indexOf('&', at + 1)) if (html.charCodeAt(at + 1) !== 32) return true;
  return false;
}

/**
 * Text whose only markup is line breaks (`<br />`, as in scraped user reviews), without the parser: exactly the
 * text htmlToText gives for it (the same steps as its `ontext` and `br` handling), or null for anything else
 * (another tag or a stray `<`, an ampersand but one before a space, a control character or a byte-order mark), which goes to the parser.
 */
export function brOnlyToText(html: string): string | null {
  if (mayHoldEntity(html) || html.charCodeAt(0) === 0xfeff || ANY_CONTROL.test(html)) return null;
  const parts = html.split(BR);
  let out = '';
  let pendingBreak = 0;
  let pendingSpace = false;
  for (let k = 0; k < parts.length; k++) {
    const data = parts[k]!;
    if (data.includes('<')) return null;
    if (k > 0) pendingBreak = 1;
    if (data.length === 0) continue;
    // Without a no-break space every run of spaces becomes one space: a plain replacement, no callback per run,
    // and only of the runs that are not a single space already.
    const collapsed = data.includes('\u00a0')
      ? data.replace(SPACE_OR_NBSP_RUN, collapseSpaceRun)
      : data.replace(SPACE_RUN, ' ');
    const leading = collapsed.startsWith(' ');
    const body = collapsed.trim();
    if (body.length === 0) {
      pendingSpace = true;
      continue;
    }
    if (out.length > 0) {
      if (pendingBreak > 0) out += '\n';
      else if (pendingSpace || leading) out += ' ';
    }
    pendingBreak = 0;
    out += body;
    pendingSpace = collapsed.endsWith(' ');
  }
  // The input held no control character, carriage return, entity or leading byte-order mark: normalising changes
  // only a byte-order mark inside the text.
  return out.includes('\ufeff') ? normalizePlain(out) : out;
}

/**
 * HTML → text with a real parser (htmlparser2): scripts, styles and navigation dropped, entities decoded,
 * block elements become line breaks and paragraphs blank lines, inline whitespace collapses as a browser would.
 */
export function htmlToText(html: string): { text: string; meta: TextMeta } {
  let out = '';
  // Pending break before the next text: 0 none, 1 newline, 2 blank line.
  let pendingBreak = 0;
  let pendingSpace = false;
  let skipDepth = 0;
  let inTitle = false;
  let h1Depth = 0;
  let title = '';
  let h1 = '';
  let ogTitle: string | undefined;
  const emphasisOpen: number[] = [];
  const emphasis: Span[] = [];

  const requestBreak = (n: number): void => {
    if (n > pendingBreak) pendingBreak = n;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'meta' && (attribs.property === 'og:title' || attribs.name === 'og:title') && attribs.content) {
          ogTitle ??= normalizePlain(attribs.content).replace(/\s+/g, ' ').trim();
        }
        if (name === 'title') inTitle = true;
        if (SKIP.has(name) || (name === 'head')) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'h1') h1Depth++;
        if (name === 'br') requestBreak(1);
        else if (BLOCK.has(name)) requestBreak(PARAGRAPH.has(name) ? 2 : 1);
        if (EMPHASIS.has(name)) emphasisOpen.push(-1);
      },
      ontext(data) {
        const clean = data.replace(CONTROL, ' ');
        if (inTitle) title += clean;
        if (skipDepth > 0) return;
        if (h1Depth > 0) h1 += clean;
        const collapsed = clean.includes('\u00a0') ? clean.replace(SPACE_OR_NBSP_RUN, collapseSpaceRun) : clean.replace(SPACE_RUN, ' ');
        if (collapsed.length === 0) return;
        const leading = collapsed.startsWith(' ');
        const body = collapsed.trim();
        if (body.length === 0) {
          pendingSpace = true;
          return;
        }
        if (out.length > 0) {
          if (pendingBreak > 0) out += pendingBreak === 2 ? '\n\n' : '\n';
          else if (pendingSpace || leading) out += ' ';
        }
        pendingBreak = 0;
        // Emphasis opened before any text of its own starts here.
        for (let k = 0; k < emphasisOpen.length; k++) if (emphasisOpen[k] === -1) emphasisOpen[k] = out.length;
        out += body;
        pendingSpace = collapsed.endsWith(' ');
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIP.has(name) || name === 'head') {
          if (skipDepth > 0) skipDepth--;
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'h1' && h1Depth > 0) h1Depth--;
        if (BLOCK.has(name)) requestBreak(PARAGRAPH.has(name) ? 2 : 1);
        if (EMPHASIS.has(name)) {
          const start = emphasisOpen.pop();
          if (start !== undefined && start >= 0 && out.length > start) emphasis.push({ start, end: out.length });
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // The parsed text is then put through the plain normaliser so that cleaning is idempotent.
  const text = out.replace(CONTROL, ' ');
  const textFixed = normalizePlain(text);
  const t = title.replace(/\s+/g, ' ').trim();
  const h = h1.replace(/\s+/g, ' ').trim();
  const meta: TextMeta = { title: t || undefined, h1: h || undefined, ogTitle: ogTitle || undefined, emphasis: textFixed === text ? emphasis.sort(byStart) : [] };
  return { text: textFixed, meta };
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start;
}
