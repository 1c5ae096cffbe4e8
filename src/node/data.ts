/**
 * The labelled data sets in ../shared/data (or VERDICT_DATA): only training, evaluation and benchmarks need them.
 */
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { jsonLines } from './json-lines.ts';

/** Folder of the shared data sets. */
function dataDir(): string {
  return process.env.VERDICT_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));
}

/** Path of a data file, with a clear error when the data sets are not there. */
export function dataFile(relative: string): string {
  const path = `${dataDir().replace(/\/$/, '')}/${relative}`;
  if (!existsSync(path)) throw new Error(`data file not found: ${path} (set VERDICT_DATA to the folder of the shared data sets)`);
  return path;
}

/** Rows of a gzip-compressed JSON Lines file. */
export async function* readJsonlGz<T = Record<string, unknown>>(path: string): AsyncGenerator<T> {
  for await (const item of jsonLines(createReadStream(path).pipe(createGunzip()), Infinity)) {
    if ('error' in item) throw new Error(`${path}:${item.line}: ${item.error.message}`);
    yield item.value as T;
  }
}

/** All rows of a gzip-compressed JSON Lines file. */
export async function loadJsonlGz<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const row of readJsonlGz<T>(path)) out.push(row);
  return out;
}
