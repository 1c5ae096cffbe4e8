/**
 * @module Static assets (CSS, JS, favicon) read once at start-up and served from memory with a content hash
 * in the URL, so browsers may cache them for a year (`immutable`); no CDN, no external fonts or scripts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface Asset {
  /** URL path including the content hash, e.g. /static/app.3f2a1b9c.css */
  url: string;
  body: Uint8Array;
  type: string;
  etag: string;
}

const STATIC_DIR = new URL('./web/static/', import.meta.url);
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' };

/** Load one asset by file name and give it a hashed URL. */
function loadAsset(name: string): Asset {
  const body = readFileSync(new URL(name, STATIC_DIR));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1);
  return { url: `/static/${name.slice(0, dot)}.${hash}.${ext}`, body, type: TYPES[ext] ?? 'application/octet-stream', etag: `"${hash}"` };
}

export interface Assets {
  css: Asset;
  js: Asset;
  icon: Asset;
  byUrl: Map<string, Asset>;
}

/** Read the site's assets. */
export function loadAssets(): Assets {
  const css = loadAsset('app.css');
  const js = loadAsset('app.js');
  const icon = loadAsset('icon.svg');
  return { css, js, icon, byUrl: new Map([css, js, icon].map((a) => [a.url, a])) };
}
