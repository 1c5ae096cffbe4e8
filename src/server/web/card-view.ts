/**
 * @module A review card as HTML: verdict, rating, film and franchise, timeline, credits, aspects, quotes,
 * and the text with its evidence highlighted by aspect and polarity (colour plus a written tag and a
 * legend, never colour alone); spoiler sentences stay hidden until the reader asks (works without JS).
 */
import type { AspectOpinion, ReviewCard, Span } from '../../analyze/card.ts';
import { html, type SafeHtml } from './html.ts';

/** Polarity to a class and a word: positive, negative or mixed. */
function polarityClass(p: number): 'pos' | 'neg' | 'mix' {
  return p > 0.1 ? 'pos' : p < -0.1 ? 'neg' : 'mix';
}
const POLARITY_WORD = { pos: 'positive', neg: 'negative', mix: 'mixed' } as const;
const POLARITY_SIGN = { pos: '+', neg: '−', mix: '±' } as const;

/** Human label for an aspect id. */
export function aspectLabel(a: string): string {
  return a === 'humor' ? 'humour' : a;
}

/** The fresh/rotten badge: icon shape and word, not colour alone. */
export function verdictBadge(fresh: boolean | null | undefined): SafeHtml {
  if (fresh === null || fresh === undefined) return html`<span class="badge badge-none">No verdict</span>`;
  return fresh
    ? html`<span class="badge badge-fresh" data-verdict="fresh"><span aria-hidden="true">●</span> Fresh</span>`
    : html`<span class="badge badge-rotten" data-verdict="rotten"><span aria-hidden="true">✕</span> Rotten</span>`;
}

interface Mark extends Span {
  aspect: string;
  pol: 'pos' | 'neg' | 'mix';
}

/** Evidence spans of every aspect, each with the polarity of its own sentence when known. */
export function evidenceMarks(card: ReviewCard): Mark[] {
  const polAt = new Map<number, number>();
  for (const s of card.sentences) if (s.polarity !== undefined) polAt.set(s.start, s.polarity);
  const marks: Mark[] = [];
  for (const a of card.aspects) {
    for (const e of a.evidence) {
      const p = polAt.get(e.start) ?? a.polarity;
      marks.push({ start: e.start, end: e.end, aspect: a.aspect, pol: polarityClass(p) });
    }
  }
  return marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= card.text.length);
}

/** Render `text[from, to)` with the marks that fall in it. */
function renderMarked(text: string, from: number, to: number, marks: Mark[]): SafeHtml[] {
  const inside = marks.filter((m) => m.start < to && m.end > from);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: SafeHtml[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const active = inside.filter((m) => m.start <= a && m.end >= b);
    const seg = text.slice(a, b);
    if (active.length === 0) {
      out.push(html`${seg}`);
      continue;
    }
    const starting = active.filter((m) => m.start === a || a === from);
    const pols = new Set(active.map((m) => m.pol));
    const pol = pols.size === 1 ? active[0]!.pol : 'mix';
    const aspects = [...new Set(active.map((m) => m.aspect))];
    const tag = starting.length
      ? html`<span class="ev-tag">${[...new Set(starting.map((m) => `${aspectLabel(m.aspect)} ${POLARITY_SIGN[m.pol]}`))].join(', ')}</span>`
      : '';
    out.push(html`<mark class="ev ev-${pol}" data-aspects="${aspects.join(' ')}" title="${aspects.map(aspectLabel).join(', ')}: ${POLARITY_WORD[pol]}">${tag}${seg}</mark>`);
  }
  return out;
}

/** Merge overlapping spoiler spans. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The review text with highlighted evidence and hidden spoilers. `idPrefix` keeps ids unique on a page. */
export function highlightedText(card: ReviewCard, idPrefix = 'r'): SafeHtml {
  const marks = evidenceMarks(card);
  const spoilers = mergeSpans(card.spoilers.filter((s) => s.end > s.start && s.end <= card.text.length));
  const parts: (SafeHtml | SafeHtml[])[] = [];
  let at = 0;
  for (const s of spoilers) {
    if (s.start > at) parts.push(renderMarked(card.text, at, s.start, marks));
    parts.push(html`<span class="spoiler"><span class="spoiler-hidden">[spoiler hidden]</span><span class="spoiler-body">${renderMarked(card.text, s.start, s.end, marks)}</span></span>`);
    at = s.end;
  }
  if (at < card.text.length) parts.push(renderMarked(card.text, at, card.text.length, marks));
  const toggle = spoilers.length
    ? html`<input type="checkbox" class="spoiler-toggle" id="${idPrefix}-spoilers"><label for="${idPrefix}-spoilers" class="spoiler-label">Show ${spoilers.length} spoiler sentence${spoilers.length === 1 ? '' : 's'}</label>`
    : '';
  return html`<div class="review-body">${toggle}${legend(card.aspects)}<div class="review-text" data-testid="review-text">${parts.flat()}</div></div>`;
}

/** The legend for highlights: what each colour and sign means, and which aspects appear. */
function legend(aspects: AspectOpinion[]): SafeHtml {
  if (aspects.length === 0) return html``;
  return html`<p class="legend" aria-label="Highlight legend"><span class="legend-title">Evidence:</span>
<mark class="ev ev-pos"><span class="ev-tag">aspect +</span>positive</mark>
<mark class="ev ev-neg"><span class="ev-tag">aspect −</span>negative</mark>
<mark class="ev ev-mix"><span class="ev-tag">aspect ±</span>mixed</mark></p>`;
}

/** In-universe order from a card's chronology edges: films before, this film, films after. */
export function timelineOf(card: ReviewCard): { before: string[]; after: string[] } {
  return {
    before: card.chronology.filter((e) => e.relation === 'after').map((e) => e.other),
    after: card.chronology.filter((e) => e.relation === 'before').map((e) => e.other),
  };
}

/** Aspect agreement in one review: one row per aspect with a signed bar. */
function aspectTable(card: ReviewCard): SafeHtml {
  if (card.aspects.length === 0) return html`<p class="muted">No aspects found.</p>`;
  return html`<table class="aspects"><caption>What the critic thought of each aspect</caption>
<thead><tr><th scope="col">Aspect</th><th scope="col">Opinion</th><th scope="col">Mentions</th></tr></thead><tbody>
${[...card.aspects]
  .sort((a, b) => b.mentions - a.mentions)
  .map((a) => {
    const pc = polarityClass(a.polarity);
    return html`<tr><th scope="row">${aspectLabel(a.aspect)}</th><td><span class="pol pol-${pc}">${POLARITY_SIGN[pc]} ${POLARITY_WORD[pc]}</span> <span class="muted">(${a.polarity.toFixed(2)})</span></td><td>${a.mentions}</td></tr>`;
  })}
</tbody></table>`;
}

/** A credit the film index gives (the text names the person without the role). */
const fromIndex = (c: ReviewCard['credits'][number]): SafeHtml | string => (c.source === 'index' ? html` <span class="muted" title="from the film index (Wikipedia)">· film index</span>` : '');

/** The whole card (analyse page and review page). */
export function cardView(card: ReviewCard, opts: { idPrefix?: string; heading?: string } = {}): SafeHtml {
  const v = card.verdict;
  const title = card.film?.title;
  const tl = timelineOf(card);
  const cast = card.credits.filter((c) => c.role === 'cast');
  const crew = card.credits.filter((c) => c.role !== 'cast');
  const credited = new Set(card.credits.map((c) => c.person));
  const others = card.people.filter((p) => !credited.has(p.name));
  return html`<section class="card" aria-labelledby="${opts.idPrefix ?? 'r'}-card-title" data-testid="card">
<h2 id="${opts.idPrefix ?? 'r'}-card-title">${opts.heading ?? 'Review card'}</h2>
<div class="card-summary">
<div class="verdict" data-testid="verdict">${verdictBadge(v?.fresh)}
${v ? html`<span class="score"><span class="score-num" data-testid="card-score">${Math.round(v.score)}</span><span class="muted">/100</span></span>
<span class="muted">${v.label}, ${Math.round(v.confidence * 100)}% confident</span>` : html`<span class="muted">the sentiment model is not loaded</span>`}</div>
${card.rating ? html`<p class="rating">Critic's rating: <strong>${card.rating.raw}</strong> <span class="muted">(${Math.round(card.rating.normalized)}/100${card.rating.scaleAssumed ? ', scale assumed' : ''})</span></p>` : ''}
<dl class="facts">
<dt>Film</dt><dd data-testid="card-film">${title ?? html`<span class="muted">not recognised</span>`}${card.film ? html` <span class="muted">(${card.film.source}, ${Math.round(card.film.confidence * 100)}%)</span>` : ''}</dd>
${card.film?.franchise ? html`<dt>Franchise</dt><dd data-testid="card-franchise">${card.film.franchise.name}</dd>` : ''}
${card.references.length ? html`<dt>Refers to</dt><dd>${card.references.map((r, i) => html`${i ? ', ' : ''}<cite>${r.title}</cite>`)}</dd>` : ''}
</dl>
${tl.before.length || tl.after.length
  ? html`<div class="timeline" data-testid="chronology"><h3>In-universe timeline</h3><ol class="chrono">
${tl.before.map((t) => html`<li>${t}</li>`)}<li class="this-film"><strong>${title ?? 'This film'}</strong></li>${tl.after.map((t) => html`<li>${t}</li>`)}</ol></div>`
  : ''}
</div>
${cast.length || crew.length || others.length
  ? html`<div class="credits" data-testid="cast"><h3>Credits</h3><ul>
${cast.map((c) => html`<li><span class="person">${c.person}</span>${c.character ? html` <span class="muted">as</span> <span class="character">${c.character}</span>` : ''}${fromIndex(c)}</li>`)}
${crew.map((c) => html`<li><span class="person">${c.person}</span> <span class="muted">(${c.role})</span>${fromIndex(c)}</li>`)}
${others.map((p) => html`<li><span class="person">${p.name}</span> <span class="muted">(named)</span></li>`)}
</ul></div>`
  : ''}
<h3>Aspects</h3>
${aspectTable(card)}
${card.quotes.length ? html`<h3>Pull quotes</h3><ol class="quotes">${card.quotes.slice(0, 3).map((q) => html`<li><blockquote>${q.text}</blockquote></li>`)}</ol>` : ''}
<h3>The review, with its evidence</h3>
${highlightedText(card, opts.idPrefix)}
</section>`;
}
