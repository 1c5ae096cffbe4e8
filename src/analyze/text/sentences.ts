/**
 * Sentence boundaries with character offsets.
 * Hand-written because the rules are the product: sentence-splitting libraries either drop offsets or
 * break "M. Night Shyamalan", "No. 2" and "Shazam! is", and none handles a headline line or a pull-quote line.
 */
import type { Span } from '../card.ts';

export interface SentenceSpan extends Span {
  paragraph: number;
}

const TERMINAL = new Set(['.', '!', '?', '…', '。', '！', '？']);
/**
 * 1 for the code units the splitter stops at: a newline or a terminal mark. A table of every code unit, so that
 * the scan has no branch for text beyond ASCII, whose first appearance would throw away its optimised code.
 */
const STOP = new Uint8Array(0x10000);
STOP[10] = 1;
for (const mark of TERMINAL) STOP[mark.charCodeAt(0)] = 1;
// Characters that close a sentence after its terminal mark: quotes, brackets, Markdown emphasis.
const CLOSER = new Set(['"', '”', '’', "'", ')', ']', '}', '»', '*', '_']);

// Abbreviations that do not end a sentence when followed by a capital (case-sensitive as written).
const ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'St', 'Sr', 'Jr', 'Prof', 'Rev', 'Hon', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Cmdr',
  'Gov', 'Sen', 'Rep', 'Pres', 'Fr', 'Mt', 'Ft', 'vs', 'Vs', 'v', 'etc', 'approx', 'cf', 'Inc', 'Ltd', 'Co', 'Corp',
  'Bros', 'Mssrs', 'Messrs', 'Mme', 'Mlle', 'Ave', 'Blvd', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep',
  'Sept', 'Oct', 'Nov', 'Dec', 'al', 'ca', 'min', 'mins', 'Ep', 'ep', 'Dir', 'dir', 'feat', 'Feat',
]);
// Abbreviations that do not end a sentence when a number follows ("No. 2", "Vol. 3").
const NUMBER_ABBREVIATIONS = new Set(['No', 'no', 'Nos', 'Vol', 'vol', 'Ch', 'ch', 'Pt', 'pt', 'Ep', 'ep', 'p', 'pp', 'Art', 'Fig', 'fig', 'Op', 'op']);

// Exactly JavaScript's \s, so that trimmed spans agree with String.prototype.trim.
const SPACE = /^\s$/;
const isSpace = (c: string): boolean => c === ' ' || c === '\n' || (c.charCodeAt(0) > 32 && c.charCodeAt(0) < 128 ? false : SPACE.test(c));
// ASCII first: most characters are, and case mapping builds strings.
const isUpper = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return c !== c.toLowerCase() && c === c.toUpperCase();
};
const isLower = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return c !== c.toUpperCase() && c === c.toLowerCase();
};
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => isUpper(c) || isLower(c);

/** The word (letters, digits and inner periods) that ends just before `end`. */
function wordBefore(text: string, end: number): string {
  let s = end;
  while (s > 0) {
    const c = text[s - 1]!;
    if (isLetter(c) || isDigit(c) || (c === '.' && s - 1 > 0 && isLetter(text[s - 2]!))) s--;
    else break;
  }
  return text.slice(s, end);
}

/** Does a single period at `dot`, followed by `next`, end the sentence? */
function periodEnds(text: string, dot: number, next: string): boolean {
  return periodEndsWord(wordBefore(text, dot), next);
}

/** The same, given the word before the period. */
function periodEndsWord(word: string, next: string): boolean {
  if (word.length === 0) return true;
  if (isDigit(next) && NUMBER_ABBREVIATIONS.has(word)) return false;
  if (ABBREVIATIONS.has(word)) return false;
  // Initials: "M. Night Shyamalan", "J. K. Rowling".
  if (word.length === 1 && isUpper(word)) return false;
  // Dotted abbreviations and initials: "U.S.", "M.N. Miller", "e.g.".
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false;
  return true;
}

/** Decide whether the terminal run `[from, to)` followed by text at `next` (after whitespace) ends a sentence. */
function endsSentence(text: string, from: number, to: number, nextIndex: number): boolean {
  if (nextIndex >= text.length) return true;
  const next = text[nextIndex]!;
  // A lower-case continuation is never a new sentence: "Shazam! is", "is… well".
  if (isLower(next)) return false;
  if (to - from === 1 && text[from] === '.') return periodEnds(text, from, next);
  return true;
}

/** The line ending at `nl` (exclusive), trimmed at the right. */
function lineBefore(text: string, nl: number): string {
  const s = text.lastIndexOf('\n', nl - 1) + 1;
  return text.slice(s, nl).trimEnd();
}

/** Is the single newline at `nl` a sentence boundary? Wrapped prose lines are joined; headline lines are not. */
function newlineBreaks(text: string, nl: number, nextIndex: number): boolean {
  const prev = lineBefore(text, nl);
  if (prev.length === 0 || nextIndex >= text.length) return true;
  const last = prev[prev.length - 1]!;
  if (TERMINAL.has(last) || CLOSER.has(last) || last === ':') return true;
  const next = text[nextIndex]!;
  // Hard-wrapped prose: the line runs on, lower case or a long line without final punctuation.
  if (isLower(next)) return false;
  return prev.length < 60;
}

/** The splitter's state, passed to its steps: the spans so far and the segment not yet emitted. */
interface Splitter {
  text: string;
  out: SentenceSpan[];
  segStart: number;
  segParagraph: number;
  paragraph: number;
}

/**
 * Split cleaned text into sentences. Pure, linear, never throws.
 * Spans are ordered, disjoint, trimmed, and together cover every non-space character.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const st: Splitter = { text, out: [], segStart: 0, segParagraph: 0, paragraph: 0 };
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Only newlines and terminal marks matter: test the code unit before making a string.
    const code = text.charCodeAt(i);
    if (STOP[code] === 0) i++;
    else i = code === 10 ? newlineRun(st, i) : terminalRun(st, i);
  }
  emit(st, n);
  return st.out;
}

/** Close the open segment at `end`: its trimmed span, if it holds anything, is a sentence. */
function emit(st: Splitter, end: number): void {
  const text = st.text;
  let s = st.segStart;
  let e = end;
  while (s < e && isSpace(text[s]!)) s++;
  while (e > s && isSpace(text[e - 1]!)) e--;
  if (e > s) st.out.push({ start: s, end: e, paragraph: st.segParagraph });
  st.segStart = end;
  st.segParagraph = st.paragraph;
}

/** The whitespace run from the newline at `i`: a paragraph break, a sentence break or neither. Returns its end. */
function newlineRun(st: Splitter, i: number): number {
  const text = st.text;
  const n = text.length;
  // Count the newlines in this whitespace run: two or more make a paragraph break.
  let j = i;
  let newlines = 0;
  while (j < n && isSpace(text[j]!)) {
    if (text[j] === '\n') newlines++;
    j++;
  }
  if (newlines >= 2) {
    emit(st, i);
    st.paragraph++;
    st.segParagraph = st.paragraph;
  } else if (newlineBreaks(text, i, j)) {
    emit(st, i);
  }
  return j;
}

/** The terminal marks from `i` and the closers after them, the sentence ended after them when it ends there. Returns their end. */
function terminalRun(st: Splitter, i: number): number {
  const text = st.text;
  const n = text.length;
  const c = text[i]!;
  let j = i;
  while (j < n && TERMINAL.has(text[j]!)) j++;
  const runEnd = j;
  while (j < n && CLOSER.has(text[j]!)) j++;
  const fullWidth = c === '。' || c === '！' || c === '？';
  if (j >= n || isSpace(text[j]!) || fullWidth) {
    let k = j;
    while (k < n && isSpace(text[k]!) && text[k] !== '\n') k++;
    // A newline right after is handled by the newline rule, which always breaks after terminal punctuation.
    if (k < n && text[k] === '\n') return j;
    if (fullWidth || endsSentence(text, i, runEnd, k)) emit(st, j);
  } else if (gluedEnd(text, i, runEnd, j)) {
    emit(st, j);
  }
  return j;
}

/**
 * A sentence end whose space was lost ("a fine dog.Sassy is voiced by…", "Hope Burnford.Kevin Chevalia plays"):
 * a word ending in a lower-case letter or a digit, one mark, then a capitalised word; not after an abbreviation or
 * initials ("St.Louis", "J.R.R.Tolkien"), nor inside a domain, a file name or an address ("Google.com", "Node.js",
 * "john.Smith@x.com"), nor a mark with no word before it ("…The best", "(!)Great").
 */
function gluedEnd(text: string, from: number, to: number, next: number): boolean {
  if (to - from !== 1 || from === 0 || next + 1 >= text.length || !isUpper(text[next]!) || !isLower(text[next + 1]!)) return false;
  const before = text[from - 1]!;
  if (!isLower(before) && !isDigit(before)) return false;
  let k = next + 1;
  while (k < text.length && isLetter(text[k]!)) k++;
  const after = k < text.length ? text[k]! : '';
  if (after === '@' || after === '_' || isDigit(after) || (after === '.' && k + 1 < text.length && isLetter(text[k + 1]!))) return false;
  if (text[from] !== '.') return true;
  const word = wordBefore(text, from);
  return word.length >= 2 && !word.includes('.') && periodEndsWord(word, text[next]!);
}
