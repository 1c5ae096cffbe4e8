/**
 * @module Server-side SVG charts (no script needed): a histogram of review scores and a bar chart of
 * aspect agreement. Each chart has a title and description for screen readers, and a table-free text
 * fallback in its labels (values are written on the bars, not only drawn).
 */
import { html, type SafeHtml } from './html.ts';

/** Count scores (0–100) into `bins` equal bins; 100 falls in the last bin. */
export function binScores(scores: readonly number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor((s / 100) * bins)));
    counts[i]!++;
  }
  return counts;
}

/** Vertical histogram of review scores from bin counts (each bin spans 100/n points). */
export function scoreHistogram(counts: readonly number[], opts: { id: string; title?: string } = { id: 'hist' }): SafeHtml {
  const W = 320;
  const H = 180;
  const padL = 28;
  const padB = 28;
  const padT = 16;
  const n = counts.length;
  const max = Math.max(1, ...counts);
  const padR = 14;
  const bw = (W - padL - padR) / n;
  const total = counts.reduce((a, b) => a + b, 0);
  const title = opts.title ?? 'Review scores';
  const desc = counts.map((c, i) => `${Math.round((i * 100) / n)}–${Math.round(((i + 1) * 100) / n)}: ${c}`).join('; ');
  const bars = counts.map((c, i) => {
    const h = ((H - padB - padT) * c) / max;
    const x = padL + i * bw + 1;
    const y = H - padB - h;
    return html`<g><rect class="bar${i >= n * 0.6 ? ' bar-pos' : i < n * 0.4 ? ' bar-neg' : ''}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${Math.round((i * 100) / n)}–${Math.round(((i + 1) * 100) / n)}: ${c} review${c === 1 ? '' : 's'}</title></rect>${c > 0 ? html`<text x="${(x + (bw - 2) / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle">${c}</text>` : ''}</g>`;
  });
  const ticks = [0, 20, 40, 60, 80, 100].map((t) => html`<text x="${(padL + ((W - padL - padR) * t) / 100).toFixed(1)}" y="${H - padB + 16}" text-anchor="middle">${t}</text>`);
  return html`<svg class="chart" data-chart="histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${opts.id}-t ${opts.id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${opts.id}-t">${title} (${total} reviews)</title><desc id="${opts.id}-d">${desc}</desc><line class="axis" x1="${padL}" y1="${H - padB}" x2="${W - padR}" y2="${H - padB}"/>${bars}${ticks}</svg>`;
}

interface AspectBar {
  label: string;
  /** Share of reviews positive about the aspect, 0–1. */
  share: number;
  /** Reviews that mention it. */
  count: number;
}

/** Horizontal bars: share positive per aspect, with the number of reviews. */
export function aspectChart(rows: readonly AspectBar[], opts: { id: string; title?: string } = { id: 'aspects' }): SafeHtml {
  const W = 360;
  const rowH = 24;
  const padL = 92;
  const padR = 88;
  const H = Math.max(1, rows.length) * rowH + 8;
  const inner = W - padL - padR;
  const title = opts.title ?? 'Aspect agreement: share of reviews positive about each aspect';
  const desc = rows.map((r) => `${r.label}: ${Math.round(r.share * 100)}% positive of ${r.count}`).join('; ');
  const bars = rows.map((r, i) => {
    const y = 4 + i * rowH;
    const w = Math.max(0, Math.min(1, r.share)) * inner;
    return html`<g data-aspect="${r.label}"><text x="${padL - 6}" y="${y + 15}" text-anchor="end">${r.label}</text><rect class="track" x="${padL}" y="${y + 3}" width="${inner}" height="${rowH - 8}" fill="#ece9e2"/><rect class="bar ${r.share >= 0.6 ? 'bar-pos' : r.share < 0.4 ? 'bar-neg' : ''}" x="${padL}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}"><title>${r.label}: ${Math.round(r.share * 100)}% positive (${r.count} reviews)</title></rect><text x="${padL + inner + 6}" y="${y + 15}">${Math.round(r.share * 100)}% · ${r.count}</text></g>`;
  });
  return html`<svg class="chart" data-chart="aspects" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${opts.id}-t ${opts.id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${opts.id}-t">${title}</title><desc id="${opts.id}-d">${desc || 'no aspects mentioned'}</desc>${bars}</svg>`;
}
