/**
 * @module What the editors' pages and API read and write, as one narrow interface over the application layer:
 * accounts and sessions (src/app/users.ts), API keys with their roles, the review queue (src/app/queue.ts) and
 * the corrections (src/app/corrections.ts).
 */
import { apiKeyOf } from '../../app/api-keys.ts';
import {
  auditOf,
  checkedCount,
  correctReview,
  mergeFilms,
  moveReview,
  publishFilm,
  setFilmFranchise,
  splitFilm,
  undoCorrection,
  type ReviewChange,
} from '../../app/corrections.ts';
import { reviewQueue, type QueueItem, type QueueQuery } from '../../app/queue.ts';
import { login, logout, sessionOf, type LoginPolicy, type LoginResult, type UserInfo } from '../../app/users.ts';
import type { CorrectionRow, FilmRow, Role, SessionRow, Store } from '../../store/store.ts';

export type { ReviewChange } from '../../app/corrections.ts';
export { CorrectionError } from '../../app/corrections.ts';
export type { QueueItem, QueueQuery } from '../../app/queue.ts';

/** Who makes a request: a logged-in account or an API key. */
export interface Principal {
  name: string;
  role: Role;
  kind: 'session' | 'key';
}

interface Who {
  user: string;
  reason?: string | null | undefined;
}

export interface EditorData {
  login(username: string, password: string, previousToken?: string): Promise<LoginResult>;
  session(token: string): Promise<{ session: SessionRow; user: UserInfo } | null>;
  logout(token: string): Promise<void>;
  apiKey(token: string): Promise<{ id: string; name: string; role: Role } | null>;
  queue(q: QueueQuery): Promise<{ items: QueueItem[]; total: number }>;
  correct(reviewId: string, change: ReviewChange, who: Who): Promise<CorrectionRow>;
  move(reviewId: string, filmId: string, who: Who): Promise<CorrectionRow>;
  merge(fromId: string, intoId: string, who: Who): Promise<CorrectionRow>;
  split(filmId: string, reviewIds: string[], film: { title: string; year?: number | null }, who: Who): Promise<CorrectionRow>;
  franchise(filmId: string, franchise: string | null, position: number | null, who: Who): Promise<CorrectionRow>;
  publish(filmId: string, publish: boolean, who: Who): Promise<CorrectionRow>;
  undo(id: number, who: Who): Promise<CorrectionRow>;
  audit(q: { reviewId?: string; filmId?: string; limit?: number }): Promise<CorrectionRow[]>;
  checked(filmId: string): Promise<number>;
  film(id: string): Promise<FilmRow | null>;
}

export function storeEditorData(store: Store, opts: { policy?: LoginPolicy } = {}): EditorData {
  return {
    login: (username, password, previousToken) => login(store, username, password, { previousToken, ...(opts.policy ? { policy: opts.policy } : {}) }),
    session: (token) => sessionOf(store, token),
    logout: (token) => logout(store, token),
    apiKey: (token) => apiKeyOf(store, token),
    queue: (q) => reviewQueue(store, q),
    correct: (id, change, who) => correctReview(store, id, change, who),
    move: (id, filmId, who) => moveReview(store, id, filmId, who),
    merge: (from, into, who) => mergeFilms(store, from, into, who),
    split: (id, reviewIds, film, who) => splitFilm(store, id, reviewIds, film, who),
    franchise: (id, name, position, who) => setFilmFranchise(store, id, name, position, who),
    publish: (id, publish, who) => publishFilm(store, id, publish, who),
    undo: (id, who) => undoCorrection(store, id, who),
    audit: (q) => auditOf(store, q),
    checked: (filmId) => checkedCount(store, filmId),
    film: (id) => store.getFilm(id),
  };
}
