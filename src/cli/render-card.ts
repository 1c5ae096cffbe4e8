/**
 * A review card for the terminal: the findings first, then the sentences with their marks.
 */
import { styleText } from 'node:util';
import type { ReviewCard, Span } from '../analyze/index.ts';

type Style = Parameters<typeof styleText>[0];

/** "1 sentence", "2 sentences". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderCard(card: ReviewCard, opts: { color: boolean }): string {
  const st = (style: Style, s: string): string => (opts.color ? styleText(style, s) : s);
  const slice = (s: Span): string => card.text.slice(s.start, s.end);
  const lines: string[] = [];
  const head = (s: string): void => {
    lines.push('', st('bold', s));
  };
  lines.push(st('bold', 'Review card') + st('dim', `  (${card.format}, ${card.text.length} chars, ${plural(card.sentences.length, 'sentence')}, ${card.version})`));

  if (card.film) {
    const f = card.film;
    lines.push(`${st('bold', 'Film')}      ${f.title}` + st('dim', `  (confidence ${f.confidence.toFixed(2)}, from ${f.source}, ${plural(f.mentions.length, 'mention')})`));
    if (f.id !== undefined) lines.push(`${st('bold', 'Index')}     ${indexLine(f)}` + st('dim', `  (linked by ${f.linkedBy ?? 'title'}, confidence ${(f.linkConfidence ?? 0).toFixed(2)}; Wikipedia ${f.id})`));
    else if (f.unlinked) lines.push(`${st('bold', 'Index')}     ` + st('dim', 'not linked: no film of the index (Wikipedia) is surely this one'));
    if (f.franchise) lines.push(`${st('bold', 'Franchise')} ${f.franchise.name}` + st('dim', `  — “${slice(f.franchise.evidence)}”`));
  }
  if (card.verdict) {
    const v = card.verdict;
    const word = v.fresh ? st('green', 'FRESH') : st('red', 'ROTTEN');
    lines.push(`${st('bold', 'Verdict')}   ${word}  score ${v.score}/100, ${v.label}, confidence ${(v.confidence * 100).toFixed(0)}%`);
  }
  if (card.rating) {
    const r = card.rating;
    const scale = r.scale === 'letter' ? 'letter grade' : `out of ${r.scale}${r.scaleAssumed ? ', scale assumed' : ''}`;
    lines.push(`${st('bold', 'Rating')}    “${r.raw}” → ${r.normalized}/100 (${scale})`);
  }
  if (card.references.length) {
    head('References');
    for (const r of card.references) lines.push(`  ${r.title}${r.kind === 'series' ? ' (series)' : ''}` + st('dim', `  ×${r.mentions.length}`));
  }
  if (card.chronology.length) {
    head('Chronology');
    for (const c of card.chronology) lines.push(`  ${c.relation} ${c.other}` + st('dim', `  — “${truncate(slice(c.evidence), 90)}”`));
  }
  if (card.credits.length) {
    head('Credits');
    for (const c of card.credits) lines.push(`  ${c.person.padEnd(22)} ${c.role}${c.character ? ` as ${c.character}` : ''}${c.source === 'index' ? st('dim', '  (film index)') : ''}`);
  }
  const credited = new Set(card.credits.map((c) => c.person));
  const others = card.people.filter((p) => !credited.has(p.name));
  if (others.length) {
    head('Also named');
    lines.push(`  ${others.map((p) => p.name).join(', ')}`);
  }
  if (card.aspects.length) {
    head('Aspects');
    for (const a of [...card.aspects].sort((x, y) => y.mentions - x.mentions)) {
      const bar = polarityBar(a.polarity);
      const colored = a.polarity > 0.1 ? st('green', bar) : a.polarity < -0.1 ? st('red', bar) : st('yellow', bar);
      lines.push(`  ${a.aspect.padEnd(11)} ${colored} ${a.polarity >= 0 ? '+' : ''}${a.polarity.toFixed(2)}` + st('dim', `  ${a.mentions} mention${a.mentions === 1 ? '' : 's'}`));
    }
  }
  if (card.targets.length) {
    head('About people and characters');
    for (const t of card.targets) lines.push(`  ${t.name.padEnd(22)} ${t.polarity >= 0 ? '+' : ''}${t.polarity.toFixed(2)}` + st('dim', `  (${t.kind})`));
  }
  if (card.quotes.length) {
    head('Pull quotes');
    card.quotes.slice(0, 3).forEach((q, i) => lines.push(`  ${i + 1}. “${q.text}”`));
  }
  if (card.spoilers.length) {
    head('Spoilers');
    for (const s of card.spoilers) lines.push(`  [${s.reason}] ` + st('dim', truncate(slice(s), 100)));
  }
  head('Sentences');
  card.sentences.forEach((s, i) => {
    const mark = s.repeatOf !== undefined ? st('yellow', ` [repeat of #${s.repeatOf}]`) : '';
    const pol = s.polarity === undefined ? '' : s.polarity > 0.2 ? st('green', ' +') : s.polarity < -0.2 ? st('red', ' −') : st('dim', ' ·');
    lines.push(st('dim', `  #${String(i).padStart(2)} ¶${s.paragraph}`) + pol + ` ${truncate(slice(s), 110)}${mark}`);
  });
  return `${lines.join('\n')}\n`;
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

function polarityBar(p: number): string {
  const n = Math.round(Math.abs(p) * 5);
  return p >= 0 ? `${' '.repeat(5)}|${'█'.repeat(n)}${' '.repeat(5 - n)}` : `${' '.repeat(5 - n)}${'█'.repeat(n)}|${' '.repeat(5)}`;
}

/** The linked index film in one line: title and year, directors, series and its place ("Ballerina (2025) · directed by Len Wiseman · John Wick, spin-off"). */
function indexLine(f: NonNullable<ReviewCard['film']>): string {
  const parts = [`${f.title}${f.year !== undefined ? ` (${f.year})` : ''}`];
  if (f.directors?.length) parts.push(`directed by ${f.directors.join(', ')}`);
  if (f.series) parts.push([f.series.name, f.series.order !== null ? `no. ${f.series.order}` : null, f.series.relation].filter(Boolean).join(', '));
  return parts.join(' · ');
}
