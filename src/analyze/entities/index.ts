/**
 * @module Entities: the film under review, franchise references, chronology, people and credits.
 * Pure: works over the Doc's tokens; no list of films or people; two optional word lists (lexicon-data.ts).
 */
import type { ChronologyEdge, Credit, FilmInfo, FilmReference, Person } from '../card.ts';
import type { Doc } from '../text/index.ts';
import { findPeople, judgeRuns } from './people.ts';
import { findTitles } from './titles.ts';
import { buildWords } from './words.ts';

export { titleAliases, titleKey } from './titles.ts';

export interface Entities {
  film: FilmInfo | null;
  references: FilmReference[];
  chronology: ChronologyEdge[];
  people: Person[];
  credits: Credit[];
}

/** Find who and what the review is about. `title`: the film's title when the source gives it. */
export function findEntities(doc: Doc, title?: string): Entities {
  const w = buildWords(doc);
  // A first person judgement (no titles known yet) keeps names out of the film's title.
  const personRuns = new Set(judgeRuns(w).filter((r) => r.person >= 1).map((r) => `${r.from}:${r.to}`));
  const titles = findTitles(doc, w, title, (from, to) => personRuns.has(`${from}:${to}`));
  const notPeople = new Set(titles.titleNames);
  if (titles.film) for (const x of titles.film.title.toLowerCase().split(/\s+/)) if (titles.film.title.split(/\s+/).length === 1) notPeople.add(x);
  const { people, credits } = findPeople(w, notPeople);
  // A reference that is a person's name is a person, not a film.
  const personNames = new Set(people.map((p) => p.name.toLowerCase()));
  const references = titles.references.filter((r) => !personNames.has(r.title.toLowerCase()));
  return { film: titles.film, references, chronology: titles.chronology, people, credits };
}
