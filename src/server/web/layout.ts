/**
 * @module The page frame: landmarks (header, nav, main, footer), a skip link, the stylesheet and the one
 * script (deferred, same origin: the CSP forbids inline scripts). Pages work without the script.
 */
import type { Assets } from '../assets.ts';
import { html, type SafeHtml } from './html.ts';

interface PageOptions {
  title: string;
  /** Path of the current page, to mark the nav link. */
  path: string;
  description?: string;
  /** Search box value on the header. */
  query?: string;
}

const NAV: [string, string][] = [
  ['/', 'Home'],
  ['/films', 'Films'],
  ['/franchises', 'Franchises'],
  ['/critics', 'Critics'],
  ['/publications', 'Publications'],
  ['/analyze', 'Analyse a review'],
];

/** Wrap page content in the site frame. */
export function page(assets: Assets, opts: PageOptions, body: SafeHtml): string {
  const current = (href: string): boolean => (href === '/' ? opts.path === '/' : opts.path.startsWith(href));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · Verdict</title>
<meta name="description" content="${opts.description ?? 'Film criticism read closely: consensus, aspects and evidence.'}">
<link rel="icon" href="${assets.icon.url}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.css.url}">
<script src="${assets.js.url}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="/"><img src="${assets.icon.url}" alt="" width="24" height="24"> Verdict</a>
<nav aria-label="Main"><ul>${NAV.map(([href, label]) => html`<li><a href="${href}"${current(href) ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>
<form class="search" role="search" action="/films" method="get">
<label for="site-search" class="visually-hidden">Search films</label>
<input id="site-search" name="q" type="search" placeholder="Search films" value="${opts.query ?? ''}" autocomplete="off" data-instant="site-search-results">
<button type="submit">Search</button>
<div id="site-search-results" class="instant" role="region" aria-live="polite" aria-label="Search suggestions"></div>
</form>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer"><p>Verdict reads film criticism: every finding links back to the critic's own words. <a href="/api/v1/openapi.json">API (OpenAPI 3.1)</a> · <a href="/editor">Editors</a></p>
<p data-testid="film-index-credit">Film index (titles, years, series, cast and crew) from Wikipedia, by Wikipedia contributors, under CC BY-SA 4.0: <a href="/about#film-index">about the data</a>.</p></footer>
</body>
</html>
`.value;
}
