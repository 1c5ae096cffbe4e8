/**
 * @module The site's pages (server-rendered, no script needed): home, film list and search, film,
 * review, critics, critic, franchises, franchise. Each takes plain view data (api/dto.ts).
 */
import { ASPECT_IDS } from '../../analyze/card.ts';
import type { CriticDetail, CriticSummary, FilmDetail, FilmSummary, FranchiseDetail, FranchiseSummary, ListPage, PublicationDetail, PublicationSummary, Quote, ReviewDetail, FilmReviewQuery, ReviewSummary, Share } from '../api/dto.ts';
import { cardView, aspectLabel, verdictBadge } from './card-view.ts';
import { aspectChart, scoreHistogram } from './charts.ts';
import { html, safeUrl, type SafeHtml } from './html.ts';

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);
const num = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : String(Math.round(x)));
const enc = encodeURIComponent;

const filmUrl = (id: string): string => `/films/${enc(id)}`;
const reviewUrl = (id: string): string => `/reviews/${enc(id)}`;
const criticUrl = (id: string): string => `/critics/${enc(id)}`;
const franchiseUrl = (id: string): string => `/franchises/${enc(id)}`;
const publicationUrl = (id: string): string => `/publications/${enc(id)}`;

/** A publication's name, linked to its page when its id is known. */
function publicationLink(name: string | null, id: string | null | undefined): SafeHtml | string {
  if (!name) return '';
  return id ? html`<a href="${publicationUrl(id)}">${name}</a>` : name;
}

/** "62% (5 of 8)" with its interval in words, or a dash. */
function shareLine(s: Share): SafeHtml {
  if (s.share === null) return html`<span class="muted">no reviews counted</span>`;
  return html`<strong>${pct(s.share)}</strong> fresh (${s.fresh} of ${s.counted})${s.interval ? html` <span class="muted">95% interval ${pct(s.interval.low)}–${pct(s.interval.high)}</span>` : ''}`;
}

const BAND_WORDS: Record<string, string> = { acclaim: 'Universal acclaim', favourable: 'Generally favourable', mixed: 'Mixed or average', unfavourable: 'Generally unfavourable', dislike: 'Overwhelming dislike' };

function filmTile(f: FilmSummary): SafeHtml {
  return html`<li class="tile" data-testid="film-tile"><h3><a href="${filmUrl(f.id)}">${f.title}</a>${f.year ? html` <span class="muted">(${f.year})</span>` : ''}</h3>
<p>${f.shareFresh !== null ? verdictBadge(f.shareFresh >= 0.6) : ''} <strong>${pct(f.shareFresh)}</strong> fresh · score <strong>${num(f.score)}</strong> · ${f.reviews} review${f.reviews === 1 ? '' : 's'}${f.certified ? html` <span class="badge badge-certified">Certified</span>` : ''}</p></li>`;
}

function pager(base: string, params: Record<string, string | undefined>, p: { total: number; limit: number; offset: number }): SafeHtml {
  if (p.total <= p.limit) return html``;
  const link = (offset: number): string => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
    if (offset) qs.set('offset', String(offset));
    const s = qs.toString();
    return s ? `${base}?${s}` : base;
  };
  const prev = p.offset > 0 ? html`<a rel="prev" href="${link(Math.max(0, p.offset - p.limit))}">← Previous</a>` : '';
  const next = p.offset + p.limit < p.total ? html`<a rel="next" href="${link(p.offset + p.limit)}">Next →</a>` : '';
  return html`<nav class="pager" aria-label="Pages">${prev}<span class="muted">${p.offset + 1}–${Math.min(p.total, p.offset + p.limit)} of ${p.total}</span>${next}</nav>`;
}

/** Home: search with instant results, top films, franchises. */
export function homePage(top: FilmSummary[], franchises: FranchiseSummary[]): SafeHtml {
  return html`<h1>Verdict</h1>
<p>Film criticism, read closely: every film's consensus with the sentences that prove it.</p>
<form class="search home-search" role="search" action="/films" method="get">
<label for="home-search">Find a film</label>
<input id="home-search" name="q" type="search" placeholder="e.g. Toy Story" autocomplete="off" data-instant="home-search-results" data-testid="home-search">
<button type="submit">Search</button>
<div id="home-search-results" class="instant" role="region" aria-live="polite" aria-label="Search suggestions" data-testid="instant-results"></div>
</form>
<section aria-labelledby="top-films"><h2 id="top-films">Top films</h2>
${top.length ? html`<ul class="grid">${top.map(filmTile)}</ul>` : html`<p class="muted">No films yet: import reviews with <code>verdict import</code> or load the demo corpus with <code>verdict demo</code>.</p>`}
</section>
<section aria-labelledby="franchises"><h2 id="franchises">Franchises</h2>
${franchises.length ? html`<ul>${franchises.map((f) => html`<li><a href="${franchiseUrl(f.id)}">${f.name}</a> <span class="muted">(${f.films} films)</span></li>`)}</ul>` : html`<p class="muted">No franchises yet.</p>`}
</section>
<p><a class="button" href="/analyze">Analyse a review</a></p>`;
}

/** Film list and search results. */
export function filmsPage(p: ListPage<FilmSummary>, q: string | undefined): SafeHtml {
  return html`<h1>${q ? html`Films matching “${q}”` : 'Films'}</h1>
${p.items.length ? html`<ul class="grid" data-testid="film-results">${p.items.map(filmTile)}</ul>` : html`<p>No films${q ? html` match “${q}”` : ''}.</p>`}
${pager('/films', { q }, p)}`;
}

function quoteItem(q: Quote): SafeHtml {
  return html`<li><blockquote>${q.text}</blockquote><p class="muted">— ${q.critic ?? 'unknown critic'}${q.publication ? html`, ${publicationLink(q.publication, q.publicationId)}` : ''} · <a href="${reviewUrl(q.reviewId)}">read the review</a></p></li>`;
}

function reviewItem(r: ReviewSummary, showFilm = false): SafeHtml {
  return html`<li data-testid="review-item"><p class="meta">${verdictBadge(r.fresh)} ${r.score !== null ? html`<strong>${num(r.score)}</strong>/100` : ''}${r.rating ? html` · rated ${r.rating}` : ''}
${showFilm ? html` · <a href="${filmUrl(r.film.id)}">${r.film.title}</a>` : ''} · ${r.critic ? html`<a href="${criticUrl(r.critic.id)}">${r.critic.name}</a>` : 'unknown critic'}${r.publication ? html`, ${publicationLink(r.publication, r.publicationId)}` : ''}${r.topCritic ? html` <span class="badge">Top critic</span>` : ''}${r.date ? html` · ${r.date}` : ''}</p>
<p>${r.spoiler ? html`<span class="spoiler"><span class="spoiler-hidden">[spoiler hidden]</span><span class="spoiler-body">${r.snippet}</span></span>` : r.snippet} <a href="${reviewUrl(r.id)}">Full review<span class="visually-hidden"> by ${r.critic?.name ?? 'unknown critic'}</span></a></p></li>`;
}

/** About Verdict: where its data comes from, with the film index's attribution (CC BY-SA 4.0). */
export function aboutPage(): SafeHtml {
  return html`<h1>About Verdict</h1>
<p>Verdict reads film criticism the way an aggregator's editors do: every finding links back to the critic's own words.</p>
<h2 id="film-index">The film index</h2>
<p data-testid="film-index-attribution">The films' titles, years, series, directors, writers, cast and genres come from <strong>Wikipedia</strong>, by
<strong>Wikipedia contributors</strong>, under the Creative Commons Attribution-ShareAlike 4.0 International licence
(CC BY-SA 4.0, creativecommons.org/licenses/by-sa/4.0/): the "List of American films of YEAR" pages and the lead
paragraphs of each film's article (en.wikipedia.org/wiki/…), as collected by prust/wikipedia-movie-data (MIT) and two
forks. Verdict's index is an adaptation of that content and is shared under the same licence.</p>`;
}

/** What the film index says of the film: directors, writers, cast (billing order, characters), genres, with the attribution. */
function filmFacts(i: NonNullable<FilmDetail['index']>): SafeHtml {
  const names = (xs: string[]): string => xs.join(', ');
  return html`<dl class="film-facts" data-testid="film-facts">
${i.directors.length ? html`<dt>Directed by</dt><dd data-testid="film-directors">${names(i.directors)}</dd>` : ''}
${i.writers.length ? html`<dt>Written by</dt><dd>${names(i.writers)}</dd>` : ''}
${i.cast.length ? html`<dt>Cast</dt><dd data-testid="film-cast">${i.cast.slice(0, 12).map((c, k) => html`${k ? ', ' : ''}${c.name}${c.character ? html` <span class="muted">as ${c.character}</span>` : ''}`)}${i.cast.length > 12 ? ', …' : ''}</dd>` : ''}
${i.genres.length ? html`<dt>Genres</dt><dd data-testid="film-genres">${names(i.genres)}</dd>` : ''}
</dl>
<p class="muted small" data-testid="film-index-source">Film details from Wikipedia (${i.url}), by Wikipedia contributors, under CC BY-SA 4.0: <a href="/about#film-index">about the film index</a>.</p>`;
}

const SORTS: [NonNullable<FilmReviewQuery['sort']>, string][] = [
  ['-date', 'Newest'],
  ['date', 'Oldest'],
  ['-score', 'Highest score'],
  ['score', 'Lowest score'],
  ['top', 'Top critics first'],
];

/** A film page URL with the reviews' filters and order (the default order is left out). */
function reviewsUrl(filmId: string, params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && !(k === 'sort' && v === '-date')) qs.set(k, v);
  const s = qs.toString();
  return `${filmUrl(filmId)}${s ? `?${s}` : ''}#reviews`;
}

/** The orders of the review list as plain links (no script needed), the current one marked. */
function sortLinks(filmId: string, filters: Record<string, string | undefined>, current: string): SafeHtml {
  return html`<nav class="sorts" aria-label="Sort reviews" data-testid="review-sort"><span class="muted">Sort:</span><ul>${SORTS.map(
    ([value, label]) => html`<li>${value === current ? html`<strong aria-current="true" data-sort="${value}">${label}</strong>` : html`<a href="${reviewsUrl(filmId, { ...filters, sort: value })}" data-sort="${value}">${label}</a>`}</li>`,
  )}</ul></nav>`;
}

/** Cast and crew as the reviews name them, for films the film index does not know. */
function reviewCreditsFacts(list: NonNullable<FilmDetail['reviewCredits']>): SafeHtml {
  if (!list.length) return html``;
  const role = (r: string) => list.filter((c) => c.role === r);
  const names = (xs: typeof list): SafeHtml[] => xs.map((c, k) => html`${k ? ', ' : ''}${c.name}${c.character ? html` <span class="muted">as ${c.character}</span>` : ''}`);
  const directors = role('director');
  const writers = role('writer');
  const cast = role('cast');
  return html`<dl class="film-facts" data-testid="film-facts">
${directors.length ? html`<dt>Directed by</dt><dd data-testid="film-directors">${names(directors)}</dd>` : ''}
${writers.length ? html`<dt>Written by</dt><dd>${names(writers)}</dd>` : ''}
${cast.length ? html`<dt>Cast</dt><dd data-testid="film-cast">${names(cast)}</dd>` : ''}
</dl>
<p class="muted small" data-testid="film-credits-source">Cast and crew as the reviews name them: the film is not in the film index.</p>`;
}

/** The "compare with…" form: a title search that lands on the compare view with this film first. */
function compareForm(ids: string[], label: string): SafeHtml {
  return html`<form class="compare-form" method="get" action="/compare" role="search" aria-label="${label}">
<input type="hidden" name="films" value="${ids.join(',')}">
<label for="compare-with">${label}</label>
<span class="compare-row"><input id="compare-with" name="with" type="search" placeholder="another film, e.g. Toy Story 2" autocomplete="off" data-testid="compare-with"> <button type="submit">Compare</button></span>
</form>`;
}

/** Film page: share fresh with interval and badge, top critics, weighted score with band, charts, consensus, quotes, reviews. */
export function filmPage(f: FilmDetail, reviews: ListPage<ReviewSummary>, q: FilmReviewQuery, siblings: Pick<FilmSummary, 'id' | 'title'>[] = []): SafeHtml {
  const c = f.consensus;
  const freshCall = c.share === null ? null : c.share >= 0.6;
  const filters = { fresh: q.fresh, top: q.top === undefined ? undefined : String(q.top), aspect: q.aspect };
  const sort = q.sort ?? '-date';
  const aspects = [...c.aspects].sort((a, b) => b.reviews - a.reviews);
  const top = c.topCritics;
  return html`<h1>${f.title}${f.year ? html` <span class="muted">(${f.year})</span>` : ''}</h1>
${f.franchise ? html`<p>Part of <a href="${franchiseUrl(f.franchise.id)}">${f.franchise.name}</a>${f.index?.series?.order ? html` (film ${f.index.series.order})` : ''}</p>` : ''}
${f.index ? filmFacts(f.index) : f.reviewCredits ? reviewCreditsFacts(f.reviewCredits) : ''}
<section class="headline" aria-label="Consensus">
<div data-testid="share-fresh"><p class="big">${pct(c.share)}</p><p><strong>All critics</strong>: ${verdictBadge(freshCall)} ${c.fresh} of ${c.counted} reviews fresh${c.certified ? html` <span class="badge badge-certified" title="${c.certifiedRule}">Certified</span>` : ''}</p>
${c.interval ? html`<p class="muted">95% interval ${pct(c.interval.low)}–${pct(c.interval.high)} (Wilson)</p>` : ''}
<p class="muted">Fresh/rotten from ${c.shareSource === 'labels' ? "the critics' own labels" : c.shareSource === 'model' ? 'the text (model)' : "critics' labels where given, else the text"}.</p>
${f.checked !== undefined ? html`<p class="muted" data-testid="checked">${f.checked} of ${f.reviews} review${f.reviews === 1 ? '' : 's'} checked by an editor.</p>` : ''}</div>
<div data-testid="top-critics-share"><p class="big">${pct(top.share)}</p><p><strong>Top critics</strong>: ${top.counted ? html`${top.fresh} of ${top.counted} fresh` : 'none yet'}</p>
${top.interval ? html`<p class="muted">95% interval ${pct(top.interval.low)}–${pct(top.interval.high)} (Wilson)</p>` : ''}
${top.counted ? html`<p><a href="${reviewsUrl(f.id, { top: 'true', sort })}">Read the top critics</a></p>` : ''}</div>
<div data-testid="score"><p class="big"><span data-testid="score-value">${num(c.score)}</span><span class="muted">/100</span></p><p class="band">${c.band ? BAND_WORDS[c.band] : 'No score yet'}</p><p class="muted">${c.weights}</p></div>
</section>
${compareForm([f.id], 'Compare with another film')}
${siblings.length ? html`<p class="compare-siblings" data-testid="compare-siblings">Or with another ${f.franchise?.name ?? ''} film: ${siblings.map((x, i) => html`${i ? ', ' : ''}<a href="/compare?films=${enc(f.id)},${enc(x.id)}">${x.title}</a>`)}</p>` : ''}
${c.line ? html`<h2>Consensus</h2><p class="consensus-line" data-testid="consensus-line">${c.line}</p>` : ''}
<div class="charts">
<figure><figcaption>Review scores</figcaption>${scoreHistogram(c.scoreBins, { id: 'hist' })}</figure>
<figure data-testid="aspect-chart"><figcaption>Aspect agreement</figcaption>${aspects.length ? aspectChart(aspects.map((a) => ({ label: aspectLabel(a.aspect), share: a.share, count: a.reviews })), { id: 'asp' }) : html`<p class="muted">No aspects found in the reviews yet.</p>`}</figure>
</div>
${c.quotes.length ? html`<h2>Top quotes</h2><ul class="quotes">${c.quotes.slice(0, 5).map(quoteItem)}</ul>` : ''}
${aspects.length ? html`<h2>Aspects</h2><table class="aspects"><caption>Share of reviews positive about each aspect, and what critics said</caption><thead><tr><th scope="col">Aspect</th><th scope="col">Positive</th><th scope="col">Reviews</th><th scope="col">Representative quotes</th></tr></thead><tbody>
${aspects.map((a) => html`<tr><th scope="row">${aspectLabel(a.aspect)}</th><td data-label="Positive">${pct(a.share)}</td><td data-label="Reviews">${a.reviews}</td><td class="aspect-quotes">${a.quotes.map((qq) => html`<q>${qq.text}</q> <a href="${reviewUrl(qq.reviewId)}" class="muted">(${qq.critic ?? 'review'})</a> `)}</td></tr>`)}
</tbody></table>` : ''}
<h2 id="reviews">Reviews</h2>
<form class="filters" method="get" action="${filmUrl(f.id)}#reviews" aria-label="Filter reviews">
<p><label for="f-fresh">Verdict</label> <select id="f-fresh" name="fresh"><option value="">all</option><option value="fresh"${q.fresh === 'fresh' ? html` selected` : ''}>fresh</option><option value="rotten"${q.fresh === 'rotten' ? html` selected` : ''}>rotten</option></select></p>
<p><label for="f-top">Critics</label> <select id="f-top" name="top"><option value="">all critics</option><option value="true"${q.top === true ? html` selected` : ''}>top critics</option></select></p>
<p><label for="f-aspect">Aspect</label> <select id="f-aspect" name="aspect"><option value="">any</option>${ASPECT_IDS.map((a) => html`<option value="${a}"${q.aspect === a ? html` selected` : ''}>${aspectLabel(a)}</option>`)}</select></p>
${sort !== '-date' ? html`<input type="hidden" name="sort" value="${sort}">` : ''}
<p><button type="submit">Filter</button></p>
</form>
${sortLinks(f.id, filters, sort)}
${reviews.items.length ? html`<div class="review-list">${reviews.items.some((r) => r.spoiler) ? html`<input type="checkbox" class="spoiler-toggle" id="film-spoilers"><label for="film-spoilers" class="spoiler-label">Show spoilers</label>` : ''}<ul class="reviews" data-testid="reviews">${reviews.items.map((r) => reviewItem(r))}</ul></div>` : html`<p>No reviews match these filters.</p>`}
${pager(filmUrl(f.id), { ...filters, sort: sort === '-date' ? undefined : sort }, reviews)}`;
}

/** Review page: credits, rating, verdict with confidence, and the text with highlighted evidence. */
export function reviewPage(r: ReviewDetail): SafeHtml {
  return html`<h1>${r.critic?.name ?? 'A critic'} on <a href="${filmUrl(r.film.id)}">${r.film.title}</a></h1>
<p class="meta">${r.publication ? html`${publicationLink(r.publication, r.publicationId)} · ` : ''}${r.topCritic ? html`<span class="badge">Top critic</span> · ` : ''}${r.date ?? ''}${r.url ? html` · <a href="${safeUrl(r.url)}" rel="nofollow noopener noreferrer">original</a>` : ''}
${r.critic ? html` · <a href="${criticUrl(r.critic.id)}">more by ${r.critic.name}</a>` : ''}</p>
<p>${verdictBadge(r.fresh)} ${r.freshSource === 'editor' ? html`<span class="muted">(set by an editor)</span>` : r.freshSource === 'label' ? html`<span class="muted">(the critic's own label)</span>` : r.freshSource === 'model' ? html`<span class="muted">(read from the text)</span>` : ''}${r.rating ? html` · rated <strong>${r.rating}</strong>` : ''}${r.score !== null ? html` · score <strong>${num(r.score)}</strong>/100` : ''}</p>
${cardView(r.card, { idPrefix: 'rv', heading: 'What the review says' })}
${r.corrections?.length ? auditTrail(r.corrections) : ''}`;
}

type CorrectionView = NonNullable<ReviewDetail['corrections']>[number];

const shown = (v: unknown): string => (v === null || v === undefined ? '–' : typeof v === 'boolean' ? (v ? 'fresh' : 'rotten') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The corrections of a review or film, newest first: who, when, what, before → after, why. */
export function auditTrail(list: CorrectionView[], undo?: (c: CorrectionView) => SafeHtml): SafeHtml {
  return html`<section aria-labelledby="audit"><h2 id="audit">Corrections</h2><ol class="audit" data-testid="audit">${list.map(
    (c) => html`<li data-testid="audit-entry"><strong>${c.field}</strong>: ${shown(c.before)} → ${shown(c.after)} <span class="muted">by ${c.user}, <time datetime="${c.createdAt}">${c.createdAt.slice(0, 16).replace('T', ' ')}</time>${c.reason ? html` — “${c.reason}”` : ''}${c.undoneAt ? html` · undone by ${c.undoneBy ?? '?'}` : ''}</span>${undo && !c.undoneAt && c.field !== 'undo' ? undo(c) : ''}</li>`,
  )}</ol></section>`;
}

/** Critic list. */
export function criticsPage(p: ListPage<CriticSummary>, q: string | undefined): SafeHtml {
  return html`<h1>Critics</h1>
<form method="get" action="/critics" role="search"><label for="critic-q">Find a critic</label> <input id="critic-q" name="q" type="search" value="${q ?? ''}"> <button type="submit">Search</button></form>
${p.items.length ? html`<table><caption>Critics by number of reviews</caption><thead><tr><th scope="col">Critic</th><th scope="col">Publication</th><th scope="col">Reviews</th></tr></thead><tbody>
${p.items.map((c) => html`<tr><td><a href="${criticUrl(c.id)}">${c.name}</a>${c.topCritic ? html` <span class="badge">Top critic</span>` : ''}</td><td>${publicationLink(c.publication, c.publicationId)}</td><td>${c.reviews}</td></tr>`)}</tbody></table>` : html`<p>No critics found.</p>`}
${pager('/critics', { q }, p)}`;
}

/** Critic profile: leniency against the consensus, agreement, reviews. */
export function criticPage(c: CriticDetail, reviews: ListPage<ReviewSummary>): SafeHtml {
  const leniency = leniencyWords(c.meanOffset);
  return html`<h1>${c.name}</h1>
<p>${publicationLink(c.publication, c.publicationId)}${c.topCritic ? html` <span class="badge">Top critic</span>` : ''}</p>
<dl class="facts" data-testid="critic-profile">
<dt>Reviews</dt><dd>${c.reviews}${profileNote(c.reviews, c.profileReviews)}</dd>
<dt>Mean score</dt><dd>${num(c.meanScore)}/100</dd>
<dt>Leniency</dt><dd data-testid="leniency">${leniency}</dd>
<dt>Agrees with the consensus</dt><dd>${pct(c.agreement)}</dd>
</dl>
<h2>Reviews</h2>
${reviews.items.length ? html`<div class="review-list">${reviews.items.some((r) => r.spoiler) ? html`<input type="checkbox" class="spoiler-toggle" id="critic-spoilers"><label for="critic-spoilers" class="spoiler-label">Show spoilers</label>` : ''}<ul class="reviews">${reviews.items.map((r) => reviewItem(r, true))}</ul></div>` : html`<p>No reviews.</p>`}
${pager(criticUrl(c.id), {}, reviews)}`;
}

/** Said when the figures below read only the latest reviews. */
function profileNote(reviews: number, read: number): SafeHtml | string {
  return read < reviews ? html` <span class="muted" data-testid="profile-sample">(the figures below read the latest ${read})</span>` : '';
}

/** Leniency in words: a mean offset from the consensus. */
function leniencyWords(off: number | null): string {
  if (off === null) return 'not enough reviews to say';
  if (Math.abs(off) < 2) return 'in line with the consensus';
  return off > 0 ? `${off.toFixed(1)} points more generous than the consensus` : `${(-off).toFixed(1)} points harsher than the consensus`;
}

/** Publication list. */
export function publicationsPage(p: ListPage<PublicationSummary>, q: string | undefined): SafeHtml {
  return html`<h1>Publications</h1>
<form method="get" action="/publications" role="search"><label for="publication-q">Find a publication</label> <input id="publication-q" name="q" type="search" value="${q ?? ''}"> <button type="submit">Search</button></form>
${p.items.length ? html`<table data-testid="publications"><caption>Publications by number of reviews</caption><thead><tr><th scope="col">Publication</th><th scope="col">Reviews</th></tr></thead><tbody>
${p.items.map((x) => html`<tr><td><a href="${publicationUrl(x.id)}">${x.name}</a></td><td>${x.reviews}</td></tr>`)}</tbody></table>` : html`<p>No publications found.</p>`}
${pager('/publications', { q }, p)}`;
}

/** Publication: its critics, share fresh of its reviews, leniency against the consensus, its reviews. */
export function publicationPage(p: PublicationDetail, reviews: ListPage<ReviewSummary>): SafeHtml {
  return html`<h1>${p.name}</h1>
<dl class="facts" data-testid="publication-profile">
<dt>Reviews</dt><dd>${p.reviews}${profileNote(p.reviews, p.profileReviews)}</dd>
<dt>Share fresh</dt><dd data-testid="publication-share">${shareLine(p.fresh)}</dd>
<dt>Mean score</dt><dd>${num(p.meanScore)}/100</dd>
<dt>Leniency</dt><dd data-testid="leniency">${leniencyWords(p.meanOffset)}</dd>
<dt>Agrees with the consensus</dt><dd>${pct(p.agreement)}</dd>
</dl>
<h2>Critics</h2>
${p.critics.length ? html`<ul class="critic-list" data-testid="publication-critics">${p.critics.map((c) => html`<li><a href="${criticUrl(c.id)}">${c.name}</a>${c.topCritic ? html` <span class="badge">Top critic</span>` : ''} <span class="muted">(${c.reviews} review${c.reviews === 1 ? '' : 's'})</span></li>`)}</ul>` : html`<p class="muted">No named critics.</p>`}
<h2>Reviews</h2>
${reviews.items.length ? html`<div class="review-list">${reviews.items.some((r) => r.spoiler) ? html`<input type="checkbox" class="spoiler-toggle" id="publication-spoilers"><label for="publication-spoilers" class="spoiler-label">Show spoilers</label>` : ''}<ul class="reviews">${reviews.items.map((r) => reviewItem(r, true))}</ul></div>` : html`<p>No reviews.</p>`}
${pager(publicationUrl(p.id), {}, reviews)}`;
}

/** What the compare view offers when a "compare with" search names several films (or none). */
export interface CompareChoices {
  query: string;
  matches: FilmSummary[];
}

/** Films side by side: share fresh, top critics, weighted score, reviews, and each aspect's share positive. */
export function comparePage(films: FilmDetail[], choices?: CompareChoices): SafeHtml {
  const ids = films.map((f) => f.id);
  const compareUrl = (xs: string[]): string => `/compare?films=${xs.map(enc).join(',')}`;
  const aspectIds = [...new Set(films.flatMap((f) => [...f.consensus.aspects].sort((a, b) => b.reviews - a.reviews).map((a) => a.aspect)))];
  const aspectCell = (f: FilmDetail, id: string): SafeHtml => {
    const a = f.consensus.aspects.find((x) => x.aspect === id);
    return a ? html`<td><strong>${pct(a.share)}</strong> <span class="muted">of ${a.reviews}</span></td>` : html`<td class="muted">–</td>`;
  };
  const row = (label: string, cell: (f: FilmDetail) => SafeHtml, testid?: string): SafeHtml => html`<tr${testid ? html` data-testid="${testid}"` : ''}><th scope="row">${label}</th>${films.map(cell)}</tr>`;
  const choiceList = choices
    ? choices.matches.length
      ? html`<section aria-labelledby="choices"><h2 id="choices">Which “${choices.query}”?</h2><ul data-testid="compare-choices">${choices.matches.map((m) => html`<li><a href="${compareUrl([...ids, m.id])}">${m.title}${m.year ? html` (${m.year})` : ''}</a></li>`)}</ul></section>`
      : html`<p role="alert">No film matches “${choices.query}”.</p>`
    : '';
  return html`<h1>Compare films</h1>
${choiceList}
${films.length >= 2 ? html`<div class="compare-wrap"><table class="compare" data-testid="compare"><caption>${films.map((f, i) => html`${i ? ' · ' : ''}${f.title}`)} side by side</caption>
<thead><tr><td></td>${films.map((f) => html`<th scope="col"><a href="${filmUrl(f.id)}">${f.title}</a>${f.year ? html` <span class="muted">(${f.year})</span>` : ''}${films.length > 2 ? html`<br><a class="small muted" href="${compareUrl(ids.filter((x) => x !== f.id))}">✕<span class="visually-hidden"> remove ${f.title}</span></a>` : ''}</th>`)}</tr></thead>
<tbody>
${row('Share fresh', (f) => html`<td><strong>${pct(f.consensus.share)}</strong><br><span class="muted">${f.consensus.fresh} of ${f.consensus.counted}${f.consensus.interval ? html`, ${pct(f.consensus.interval.low)}–${pct(f.consensus.interval.high)}` : ''}</span>${f.consensus.certified ? html` <span class="badge badge-certified">Certified</span>` : ''}</td>`, 'compare-share')}
${row('Top critics', (f) => html`<td><strong>${pct(f.consensus.topCritics.share)}</strong><br><span class="muted">${f.consensus.topCritics.fresh} of ${f.consensus.topCritics.counted}</span></td>`, 'compare-top')}
${row('Score', (f) => html`<td><strong>${num(f.consensus.score)}</strong>/100<br><span class="muted small">${f.consensus.band ? BAND_WORDS[f.consensus.band] : ''}</span></td>`, 'compare-score')}
${row('Reviews', (f) => html`<td>${f.reviews}</td>`)}
${aspectIds.map((a) => row(aspectLabel(a), (f) => aspectCell(f, a), `compare-aspect-${a}`))}
</tbody></table></div>
<p class="muted">Aspects: share of the reviews that discuss it which are positive about it, of how many reviews.</p>` : films.length === 1 ? html`<p>Choose a film to compare with <a href="${filmUrl(films[0]!.id)}">${films[0]!.title}</a>.</p>` : html`<p>Choose two or more films to compare.</p>`}
${films.length < 6 ? compareForm(ids, films.length ? 'Add a film' : 'Find a film') : ''}`;
}

/** Franchise list. */
export function franchisesPage(list: FranchiseSummary[]): SafeHtml {
  return html`<h1>Franchises</h1>${list.length ? html`<ul>${list.map((f) => html`<li><a href="${franchiseUrl(f.id)}">${f.name}</a> <span class="muted">(${f.films} films)</span></li>`)}</ul>` : html`<p>No franchises yet.</p>`}`;
}

/** Franchise: entries ranked by consensus, the series in release order (film index), and the in-universe timeline. */
export function franchisePage(f: FranchiseDetail): SafeHtml {
  return html`<h1>${f.name}</h1>
<h2>Ranked by the critics</h2>
<table data-testid="franchise-ranking"><caption>Entries ranked by consensus</caption><thead><tr><th scope="col">Rank</th><th scope="col">Film</th><th scope="col">Fresh</th><th scope="col">Score</th><th scope="col">Reviews</th></tr></thead><tbody>
${f.ranking.map((e, i) => html`<tr><td>${i + 1}</td><td><a href="${filmUrl(e.id)}">${e.title}</a>${e.year ? html` <span class="muted">(${e.year})</span>` : ''}</td><td>${pct(e.shareFresh)}</td><td>${num(e.score)}</td><td>${e.reviews}</td></tr>`)}
</tbody></table>
${f.ranking.length >= 2 ? html`<p><a href="/compare?films=${f.ranking.slice(0, 6).map((e) => enc(e.id)).join(',')}" data-testid="franchise-compare">Compare ${f.ranking.length > 6 ? 'the top six' : 'them'} side by side</a></p>` : ''}
<h2>Release order</h2>
${f.releaseOrder.length ? html`<ol class="releases" data-testid="franchise-releases">${f.releaseOrder.map((r) => html`<li>${r.filmId ? html`<a href="${filmUrl(r.filmId)}">${r.title}</a>` : r.title} <span class="muted">(${r.year})</span>${r.order ? html` · film ${r.order}` : r.relation ? html` · ${r.relation}` : ''}${r.filmId ? html` · ${r.reviews} review${r.reviews === 1 ? '' : 's'}` : html` · <span class="muted">no reviews yet</span>`}</li>`)}</ol><p class="muted">As the film index (Wikipedia) lists the series; release order is not story order.</p>` : html`<p class="muted">No film of this franchise is linked to the film index yet.</p>`}
<h2>In-universe timeline</h2>
${f.timeline.length ? html`<ol class="chrono" data-testid="franchise-timeline">${f.timeline.map((t) => html`<li>${t.filmId ? html`<a href="${filmUrl(t.filmId)}">${t.title}</a>` : t.title}</li>`)}</ol><p class="muted">Ordered from what the reviews say (“between Chapters 3 and 4”).</p>` : html`<p class="muted">No review states an in-universe order yet.</p>`}`;
}
