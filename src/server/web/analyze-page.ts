/**
 * @module The Analyse page: paste a review or drop a file, get its card on the same page; the bundled
 * Ballerina review is one click away. Works as a plain form without JavaScript.
 */
import type { ReviewCard } from '../../analyze/card.ts';
import { cardView } from './card-view.ts';
import { html, type SafeHtml } from './html.ts';

export interface AnalyzeFormState {
  text?: string;
  title?: string;
  format?: string;
  card?: ReviewCard;
  error?: string;
  maxBytes: number;
}

/** The page body. */
export function analyzePage(s: AnalyzeFormState): SafeHtml {
  const fmt = s.format ?? '';
  return html`<h1>Analyse a review</h1>
<p>Paste a critic's review (plain text, Markdown or HTML) or drop a file, and get its review card: verdict, aspects with evidence, cast, chronology and pull quotes.
<a class="button" href="/analyze?example=ballerina" data-testid="example-ballerina">Try the Ballerina review</a></p>
<form class="analyze-form" method="post" action="/analyze" enctype="multipart/form-data" data-testid="analyze-form">
<p><label for="review-text">Review text</label>
<textarea id="review-text" name="text" rows="12" maxlength="${s.maxBytes}" data-dropzone="review-file" placeholder="Paste a review here, or drop a .txt, .md or .html file">${s.text ?? ''}</textarea></p>
<div class="form-row">
<p><label for="review-file">…or choose a file</label> <input id="review-file" name="file" type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"></p>
<p><label for="review-title">Film title (optional)</label> <input id="review-title" name="title" type="text" value="${s.title ?? ''}"></p>
<p><label for="review-format">Format</label> <select id="review-format" name="format">
${[['', 'detect'], ['text', 'plain text'], ['markdown', 'Markdown'], ['html', 'HTML']].map(([v, l]) => html`<option value="${v}"${v === fmt ? html` selected` : ''}>${l}</option>`)}
</select></p>
</div>
<p><button type="submit">Analyse</button> <span class="muted">Up to ${Math.round(s.maxBytes / 1024)} KB. Nothing is stored.</span></p>
</form>
${s.error ? html`<div class="error" role="alert" data-testid="analyze-error"><strong>Could not analyse:</strong> ${s.error}</div>` : ''}
${s.card ? cardView(s.card, { idPrefix: 'a', heading: 'Its review card' }) : ''}`;
}
