/**
 * Reads the shipped film index (models/films/films.v1.json) for the analyser's model; null when it is not there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseFilmIndex, type FilmIndex } from '../analyze/entities/film-index.ts';

export const FILM_INDEX_PATH = 'films/films.v1.json';

export function loadFilmIndex(dir: string): FilmIndex | null {
  const path = `${dir.replace(/\/$/, '')}/${FILM_INDEX_PATH}`;
  return existsSync(path) ? parseFilmIndex(JSON.parse(readFileSync(path, 'utf8'))) : null;
}
