/**
 * @module The editors' pages: sign-in, the review queue, one review's correction forms, a film's editing (merge,
 * franchise, publish). Every action is a plain form post carrying the session's CSRF token, so everything works
 * without JavaScript; the site script adds keyboard shortcuts on the queue (j/k to move, f fresh, r rotten,
 * c confirm, e edit).
 */
import { ASPECT_IDS } from '../../analyze/card.ts';
import type { ReviewDetail } from '../api/dto.ts';
import { aspectLabel, verdictBadge } from '../web/card-view.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { auditTrail } from '../web/pages.ts';
import type { QueueItem } from './editor-data.ts';
import type { CorrectionRow, FilmRow } from '../../store/store.ts';

const enc = encodeURIComponent;
const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`;

export function loginPage(opts: { token: string; next: string; error?: string; username?: string }): SafeHtml {
  return html`<h1>Sign in</h1>
<p class="muted">For editors and administrators. Reading the site needs no account.</p>
${opts.error ? html`<p role="alert" class="error" data-testid="login-error">${opts.error}</p>` : ''}
<form method="post" action="/login" class="stack" data-testid="login-form">
<input type="hidden" name="_login" value="${opts.token}">
<input type="hidden" name="next" value="${opts.next}">
<p><label for="login-user">Username</label><br><input id="login-user" name="username" autocomplete="username" required value="${opts.username ?? ''}" autofocus></p>
<p><label for="login-password">Password</label><br><input id="login-password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>`;
}

export function signedInBar(user: { name: string; role: string }, csrf: string): SafeHtml {
  return html`<p class="muted editor-bar">Signed in as <strong data-testid="signed-in">${user.name}</strong> (${user.role}) · <a href="/editor">Queue</a>
<form method="post" action="/logout" class="inline">${csrfField(csrf)}<button type="submit" class="link">Sign out</button></form></p>`;
}

export interface QueueFilter {
  film?: string | undefined;
  critic?: string | undefined;
  kind?: string | undefined;
}

const KIND_WORDS: Record<string, string> = { verdict: 'unsure verdict', rating: 'verdict vs rating', film: 'film in doubt', credit: 'credit vs film index', label: 'label vs text' };

function queueItem(it: QueueItem, csrf: string, back: string, i: number): SafeHtml {
  const r = it.review;
  const v = r.card?.verdict;
  const snippet = (r.card?.text ?? r.text).replace(/\s+/g, ' ').trim().slice(0, 320);
  const verdictForm = (value: 'fresh' | 'rotten' | 'confirm', label: string, key: string) =>
    html`<form method="post" action="/editor/reviews/${enc(r.id)}/verdict" class="inline">${csrfField(csrf)}<input type="hidden" name="value" value="${value}"><input type="hidden" name="back" value="${back}"><button type="submit" data-key="${key}" data-testid="queue-${value}">${label} <kbd>${key}</kbd></button></form>`;
  return html`<li class="queue-item" tabindex="-1" data-queue-item data-testid="queue-item" id="q-${i}">
<p><a href="/films/${enc(r.filmId)}">${r.filmTitle}</a>${r.filmYear ? html` <span class="muted">(${r.filmYear})</span>` : ''} · ${r.criticName ?? 'unknown critic'}${r.publicationName ? html`, ${r.publicationName}` : ''}${r.rawRating ? html` · rated <strong>${r.rawRating}</strong>` : ''} · film at ${pct(it.filmShare)} fresh</p>
<blockquote>${snippet}</blockquote>
<p>${v ? html`Model: ${verdictBadge(v.fresh)} ${Math.round(v.confidence * 100)}% sure` : 'Not analysed'} · <span class="muted">${it.doubts.map((d) => d.detail).join('; ')}</span></p>
<div class="actions">${verdictForm('fresh', 'Fresh', 'f')} ${verdictForm('rotten', 'Rotten', 'r')} ${verdictForm('confirm', 'Right as it is', 'c')} <a href="/editor/reviews/${enc(r.id)}" data-key="e" data-testid="queue-edit">Edit… <kbd>e</kbd></a></div>
</li>`;
}

export function queuePage(opts: { items: QueueItem[]; total: number; offset: number; limit: number; filter: QueueFilter; csrf: string; flash?: string | undefined; back: string }): SafeHtml {
  const f = opts.filter;
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
  next.set('offset', String(opts.offset + opts.limit));
  return html`<h1>Review queue</h1>
<p>Reviews whose check would change their film's page most come first: an unsure verdict, a verdict that disagrees with the critic's own rating, a film in doubt — weighted by how close the film is to the 60% fresh line.</p>
<p class="muted">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>f</kbd> fresh, <kbd>r</kbd> rotten, <kbd>c</kbd> right as it is, <kbd>e</kbd> edit.</p>
${opts.flash ? html`<p role="status" class="flash" data-testid="flash">${opts.flash}</p>` : ''}
<form method="get" action="/editor" class="filters" aria-label="Filter the queue">
<p><label for="q-film">Film id</label> <input id="q-film" name="film" value="${f.film ?? ''}"></p>
<p><label for="q-critic">Critic id</label> <input id="q-critic" name="critic" value="${f.critic ?? ''}"></p>
<p><label for="q-kind">Doubt</label> <select id="q-kind" name="kind"><option value="">any</option>${Object.entries(KIND_WORDS).map(([k, w]) => html`<option value="${k}"${f.kind === k ? html` selected` : ''}>${w}</option>`)}</select></p>
<p><button type="submit">Filter</button></p>
</form>
<p class="muted">${opts.total} review${opts.total === 1 ? '' : 's'} in doubt.</p>
${opts.items.length ? html`<ol class="queue" data-editor-queue data-testid="queue" start="${opts.offset + 1}">${opts.items.map((it, i) => queueItem(it, opts.csrf, opts.back, i))}</ol>` : html`<p>Nothing in doubt here.</p>`}
${opts.offset + opts.limit < opts.total ? html`<p><a rel="next" href="/editor?${next.toString()}">Next →</a></p>` : ''}`;
}

const undoButton = (csrf: string, back: string) => (c: { id: number }) =>
  html` <form method="post" action="/editor/corrections/${c.id}/undo" class="inline">${csrfField(csrf)}<input type="hidden" name="back" value="${back}"><button type="submit" class="link" data-testid="undo">Undo</button></form>`;

export function reviewEditPage(r: ReviewDetail, audit: CorrectionRow[], csrf: string, flash?: string): SafeHtml {
  const back = `/editor/reviews/${enc(r.id)}`;
  const card = r.card;
  const action = (what: string) => `/editor/reviews/${enc(r.id)}/${what}`;
  const reason = (id: string) => html`<label for="${id}">Reason (optional)</label> <input id="${id}" name="reason" maxlength="500">`;
  return html`<h1>Check a review</h1>
${flash ? html`<p role="status" class="flash" data-testid="flash">${flash}</p>` : ''}
<p><a href="/reviews/${enc(r.id)}">${r.critic?.name ?? 'A critic'} on ${r.film.title}</a> · <a href="/editor/films/${enc(r.film.id)}">edit the film</a></p>
<blockquote>${card.text.slice(0, 2000)}</blockquote>
<p>Now: ${verdictBadge(r.fresh)} score ${r.score ?? '–'}/100 ${r.corrected?.length ? html`<span class="muted">(corrected: ${r.corrected.join(', ')})</span>` : ''}</p>
<section aria-labelledby="fix-verdict"><h2 id="fix-verdict">Verdict</h2>
<form method="post" action="${action('verdict')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
<fieldset><legend>Fresh or rotten</legend><label><input type="radio" name="value" value="fresh"${r.fresh === true ? html` checked` : ''}> Fresh</label> <label><input type="radio" name="value" value="rotten"${r.fresh === false ? html` checked` : ''}> Rotten</label></fieldset>
<p>${reason('reason-verdict')}</p><p><button type="submit">Save verdict</button></p></form>
<form method="post" action="${action('score')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
<p><label for="fix-score">Score (0–100)</label> <input id="fix-score" name="score" type="number" min="0" max="100" step="1" value="${r.score === null ? '' : String(Math.round(r.score))}" required> ${reason('reason-score')} <button type="submit">Save score</button></p></form>
</section>
<section aria-labelledby="fix-film"><h2 id="fix-film">Film</h2>
<form method="post" action="${action('film')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
<p><label for="fix-film-to">Move to the film (id, or "Title (year)")</label> <input id="fix-film-to" name="film" required> <label><input type="checkbox" name="create" value="1"> create it when there is no such film</label> ${reason('reason-film')} <button type="submit">Move</button></p></form>
</section>
<section aria-labelledby="fix-aspects"><h2 id="fix-aspects">Aspects</h2>
<ul>${card.aspects.map((a) => html`<li>${aspectLabel(a.aspect)}: ${a.polarity > 0.1 ? 'positive' : a.polarity < -0.1 ? 'negative' : 'neutral'}</li>`)}</ul>
<form method="post" action="${action('aspects')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
<p><label for="fix-aspect">Aspect</label> <select id="fix-aspect" name="aspect">${ASPECT_IDS.map((a) => html`<option value="${a}">${aspectLabel(a)}</option>`)}</select>
<label for="fix-opinion">Opinion</label> <select id="fix-opinion" name="opinion"><option value="1">positive</option><option value="0">neutral</option><option value="-1">negative</option><option value="remove">not discussed</option></select> ${reason('reason-aspects')} <button type="submit">Save aspect</button></p></form>
</section>
<section aria-labelledby="fix-quote"><h2 id="fix-quote">Pull quote</h2>
<form method="post" action="${action('quote')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
<fieldset><legend>Choose the sentence to quote</legend>${card.sentences.slice(0, 40).map(
    (s, i) => html`<p><label><input type="radio" name="span" value="${s.start}-${s.end}"${i === 0 && card.quotes[0]?.start === s.start ? html` checked` : card.quotes[0]?.start === s.start ? html` checked` : ''}> ${card.text.slice(s.start, s.end)}</label></p>`,
  )}</fieldset>
<p>${reason('reason-quote')} <button type="submit">Save quote</button></p></form>
</section>
<section aria-labelledby="fix-credits"><h2 id="fix-credits">Credits</h2>
<form method="post" action="${action('credits')}" class="stack">${csrfField(csrf)}<input type="hidden" name="back" value="${back}">
${card.credits.length ? html`<fieldset><legend>Remove</legend>${card.credits.map((c) => html`<p><label><input type="checkbox" name="remove" value="${c.person}|${c.role}"> ${c.person} — ${c.role}${c.character ? html` (${c.character})` : ''}</label></p>`)}</fieldset>` : html`<p class="muted">No credits found.</p>`}
<p><label for="fix-person">Add or fix: person</label> <input id="fix-person" name="person"> <label for="fix-role">role</label> <select id="fix-role" name="role">${['cast', 'director', 'writer', 'composer', 'cinematographer', 'producer', 'editor'].map((x) => html`<option>${x}</option>`)}</select> <label for="fix-character">character</label> <input id="fix-character" name="character"></p>
<p>${reason('reason-credits')} <button type="submit">Save credits</button></p></form>
</section>
<form method="post" action="${action('verdict')}" class="inline">${csrfField(csrf)}<input type="hidden" name="value" value="confirm"><input type="hidden" name="back" value="${back}"><button type="submit">Mark checked: right as it is</button></form>
${audit.length ? auditTrail(audit, undoButton(csrf, back)) : html`<p class="muted">No corrections yet.</p>`}`;
}

export function filmEditPage(f: FilmRow, audit: CorrectionRow[], csrf: string, opts: { checked: number; requirePublish: boolean; flash?: string | undefined }): SafeHtml {
  const back = `/editor/films/${enc(f.id)}`;
  const action = (what: string) => `/editor/films/${enc(f.id)}/${what}`;
  return html`<h1>Edit ${f.title}${f.year ? html` <span class="muted">(${f.year})</span>` : ''}</h1>
${opts.flash ? html`<p role="status" class="flash" data-testid="flash">${opts.flash}</p>` : ''}
<p><a href="/films/${enc(f.id)}">The film page</a> · ${opts.checked} of ${f.reviewCount} reviews checked · <a href="/editor?film=${enc(f.id)}">its queue</a></p>
<section aria-labelledby="pub"><h2 id="pub">Publishing</h2>
<p>${f.publishedAt ? html`Published ${f.publishedAt.slice(0, 10)}.` : opts.requirePublish ? html`<strong>Draft</strong>: readers do not see this page yet.` : 'Not published by an editor (this deployment shows every film page).'}</p>
<form method="post" action="${action('publish')}">${csrfField(csrf)}<input type="hidden" name="publish" value="${f.publishedAt ? 'false' : 'true'}"><button type="submit" data-testid="publish">${f.publishedAt ? 'Back to draft' : 'Publish'}</button></form>
</section>
<section aria-labelledby="fr"><h2 id="fr">Franchise and order</h2>
<form method="post" action="${action('franchise')}" class="stack">${csrfField(csrf)}
<p><label for="fr-name">Franchise (empty: none)</label> <input id="fr-name" name="franchise" value="${f.franchise ?? ''}"> <label for="fr-pos">Order</label> <input id="fr-pos" name="position" type="number" min="0" max="1000"> <label for="fr-reason">Reason</label> <input id="fr-reason" name="reason"> <button type="submit">Save</button></p></form>
</section>
<section aria-labelledby="mg"><h2 id="mg">Merge</h2>
<form method="post" action="${action('merge')}" class="stack">${csrfField(csrf)}
<p><label for="mg-into">Merge this film into (id, or "Title (year)")</label> <input id="mg-into" name="into" required> <label for="mg-reason">Reason</label> <input id="mg-reason" name="reason"> <button type="submit">Merge</button></p></form>
</section>
${audit.length ? auditTrail(audit, undoButton(csrf, back)) : ''}`;
}
