/**
 * @module Entities: the film under review, franchise references, chronology, people and credits.
 */
import type { ChronologyEdge, Credit, FilmInfo, FilmReference, Person } from '../card.ts';
import type { Doc } from '../text/index.ts';

export interface Entities {
  film: FilmInfo | null;
  references: FilmReference[];
  chronology: ChronologyEdge[];
  people: Person[];
  credits: Credit[];
}

/** Find who and what the review is about. (Stub until the entity stage lands.) */
export function findEntities(_doc: Doc, _title?: string): Entities {
  return { film: null, references: [], chronology: [], people: [], credits: [] };
}
