/**
 * @module The Store: Verdict's persistence, one interface with two implementations (SQLite by default,
 * PostgreSQL when `DATABASE_URL=postgres://…`), tested by one contract suite (`store.case.test.ts`).
 * Open one with `openStore(url?)` from `./open.ts`.
 *
 * Conventions:
 * - Every id is a string. Review ids are content hashes (`reviewId()` in `./ids.ts`: SHA-256 of the film key,
 *   critic key and whitespace-normalised text), so writing the same review twice stores it once.
 *   Films, critics and publications get short stable ids derived from their keys, so two processes writing
 *   the same film agree on its id without coordination.
 * - Titles, critic and publication names are matched by a normalised key. Films: the caller passes the
 *   analyser's title key (`FilmInfo.key`) when it has one; otherwise the store derives one with `filmKey()`.
 * - Dates are ISO strings (`YYYY-MM-DD` for review dates, full ISO timestamps for bookkeeping).
 * - Methods that take many rows write them in one transaction: all or nothing.
 * - All reads return plain JSON-able objects; the card is the analyser's `ReviewCard` as stored.
 */
import type { ReviewCard } from '../analyze/card.ts';
import type { ReviewOverrides } from '../aggregate/corrections.ts';

export type { ReviewOverrides } from '../aggregate/corrections.ts';

/** A film. Unique by (key, year); year null when unknown. */
export interface FilmRow {
  id: string;
  title: string;
  /** Normalised title key (the analyser's `titleKey`, or `filmKey(title)`). */
  key: string;
  year: number | null;
  /** Franchise name, when known (from the import or the analyser's `film.franchise`). */
  franchise: string | null;
  /** Number of reviews stored for the film (maintained by the store). */
  reviewCount: number;
  /** The film this one was merged into by an editor (its reviews moved there), else null. */
  mergedInto?: string | null;
  /** When an editor published the film page, else null (a draft where publishing is required). */
  publishedAt?: string | null;
  /** Number of editors' corrections that touched the film (a cache stamp). */
  edits?: number;
  /** Place in the franchise (the index's series order, or a number the title gives), null when unknown. */
  position?: number | null;
  /** Film index id (Wikipedia page key, models/films/) when the film is linked to the index; null: not linked. */
  indexId?: string | null;
  /** From the film index when linked (else empty): directors, writers, cast in billing order, genres. */
  directors?: string[];
  writers?: string[];
  cast?: CastEntry[];
  genres?: string[];
}

/** A cast member, with the character the index gives ("Keanu Reeves as John Wick"). */
export interface CastEntry {
  name: string;
  character?: string;
}

/** What the film index says of a film (models/films/, Wikipedia, CC BY-SA 4.0). */
export interface FilmIndexInfo {
  /** The index id (Wikipedia page key). */
  id: string;
  directors: string[];
  writers: string[];
  cast: CastEntry[];
  genres: string[];
}

export interface CriticRow {
  id: string;
  name: string;
  key: string;
  /** True when any stored review marks this critic a top critic. */
  topCritic: boolean;
  reviewCount: number;
}

export interface PublicationRow {
  id: string;
  name: string;
  key: string;
  reviewCount: number;
}

/** A stored review. */
interface ReviewRow {
  /** Content hash (hex). */
  id: string;
  filmId: string;
  criticId: string | null;
  publicationId: string | null;
  /** Review date `YYYY-MM-DD` (or whatever prefix of it the source gave), null when unknown. */
  date: string | null;
  url: string | null;
  /** The review text as imported (raw; the card holds the cleaned text). */
  text: string;
  /** The critic's rating as written in the source ("3/4", "B+"), null when none. */
  rawRating: string | null;
  /** That rating normalised to 0–100, null when absent or not parseable. */
  rating: number | null;
  /** The human fresh/rotten label when the source has one (true = fresh), else null. */
  label: boolean | null;
  topCritic: boolean;
  /** The analyser's card, null when not analysed yet. */
  card: ReviewCard | null;
  /** `ReviewCard.version` of the stored card, null when not analysed. */
  modelVersion: string | null;
  /** Where the row came from (file path, "api", "demo"…), free text. */
  source: string | null;
  /** When the row was first stored (ISO timestamp). */
  createdAt: string;
  /**
   * The fields an editor set, null when none. They are already applied to `label`, `rating` and `card` of a
   * read review (they win over the source and the model); the model's own card is `modelCard`.
   */
  overrides?: ReviewOverrides | null;
  /** The card as the analyser made it, before the editor's corrections (present when there are corrections). */
  modelCard?: ReviewCard | null;
  /** The source's own fresh/rotten label, before the editor's corrections (present when there are corrections). */
  sourceLabel?: boolean | null;
}

/** A review joined with its film, critic and publication names: what listings and exports need. */
export interface ReviewView extends ReviewRow {
  filmTitle: string;
  filmYear: number | null;
  criticName: string | null;
  publicationName: string | null;
}

/** The film a new review is about; created when missing (matched by key and year). */
export interface NewFilm {
  title: string;
  /** The analyser's title key; derived from `title` with `filmKey()` when omitted. */
  key?: string | undefined;
  year?: number | null | undefined;
  franchise?: string | null | undefined;
  /** Place in the franchise (set with the franchise, when not yet set). */
  position?: number | null | undefined;
  /** The film index's film, when the review is linked to it: stored on the film (first writer wins). */
  index?: FilmIndexInfo | null | undefined;
}

/** A review to store. Film, critic and publication are given by name and resolved (or created) by the store. */
export interface NewReview {
  /** Content hash; computed with `reviewId()` when omitted. */
  id?: string | undefined;
  film: NewFilm;
  critic?: string | null | undefined;
  publication?: string | null | undefined;
  date?: string | null | undefined;
  url?: string | null | undefined;
  text: string;
  rawRating?: string | null | undefined;
  rating?: number | null | undefined;
  label?: boolean | null | undefined;
  topCritic?: boolean | undefined;
  /** The card, or the card already serialised (an import's workers make the JSON, so the writer does not). */
  card?: ReviewCard | SerializedCard | null | undefined;
  source?: string | null | undefined;
}

/** A card as JSON text (`JSON.stringify` of the `ReviewCard`) with its version. */
export interface SerializedCard {
  json: string;
  version: string;
}

export interface PutResult {
  /** Ids of the reviews newly stored, in input order. */
  inserted: string[];
  /** Ids already present (or repeated within the batch): nothing was changed for them. */
  duplicates: string[];
  /** Ids of the films that gained reviews (for incremental consensus recomputation). */
  films: string[];
}

/** A card update from re-analysis. */
export interface CardUpdate {
  id: string;
  card: ReviewCard;
  /**
   * The index film the new card links the review to: the review moves onto it (created when missing) from a film
   * the index does not know, unless an editor moved it there (a live 'film' correction).
   */
  film?: NewFilm | undefined;
}

/** An in-universe order between two films of a franchise: `from` comes before/after `to`. */
export interface ChronologyRow {
  fromFilmId: string;
  toFilmId: string;
  relation: 'before' | 'after';
  /** The review that states it, when it came from a card. */
  reviewId: string | null;
}

/** A film's place in a franchise. */
interface FranchiseEntryRow {
  franchise: string;
  filmId: string;
  /** Release order or number in the series when known (e.g. 2 for "Chapter 2"), else null. */
  position: number | null;
}

export interface FranchiseRow {
  /** Franchise name as first stored. */
  name: string;
  key: string;
  films: FilmRow[];
  entries: FranchiseEntryRow[];
  /** Chronology edges between the franchise's films. */
  chronology: ChronologyRow[];
}

/** The aggregator's consensus for a film, cached as JSON (the store does not interpret it). */
export interface ConsensusRow {
  filmId: string;
  /** Whatever `src/aggregate` produces (FilmConsensus), as JSON. */
  data: unknown;
  /** Number of the film's reviews it was computed from: stale when the film's reviewCount differs. */
  reviewCount: number;
  computedAt: string;
  /** Aggregator version that computed it (`CONSENSUS_VERSION`); stale when it differs. Null when not given. */
  version?: string | null | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface FilmQuery {
  /** Full-text search over film titles (FTS5 / tsvector); prefix matching on the last word. */
  search?: string | undefined;
  franchise?: string | undefined;
  /** Only the films not linked to the film index (true), or only linked ones (false). */
  unlinked?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Default 'reviews' (most reviewed first), then title. */
  order?: 'reviews' | 'title' | undefined;
}

export interface ReviewQuery {
  filmId?: string | undefined;
  criticId?: string | undefined;
  publicationId?: string | undefined;
  /** Full-text search over review texts. */
  search?: string | undefined;
  label?: boolean | undefined;
  topCritic?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A queued job (PostgreSQL workers take them with `FOR UPDATE SKIP LOCKED`; SQLite serialises). */
export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  /** How many times the job has been claimed (this claim included). */
  attempts: number;
  lockedBy: string | null;
}

/** An API key for writes: only the SHA-256 hash of the key is stored; `id` is the key's public part. */
export interface ApiKeyRow {
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
  /** What the key may do (default 'editor': it writes reviews and corrections). */
  role?: Role;
}

export type Role = 'admin' | 'editor' | 'reader';

/** An account. Only a scrypt hash of the password is stored. */
export interface UserRow {
  id: string;
  username: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
  /** Failed logins since the last success (throttling). */
  failedLogins: number;
  /** Logins refused until then (ISO), null when not locked. */
  lockedUntil: string | null;
}

export type UserPatch = Partial<Pick<UserRow, 'role' | 'passwordHash' | 'disabledAt' | 'failedLogins' | 'lockedUntil'>>;

/** A login session: `id` is the SHA-256 of the cookie's token (the token itself is never stored). */
export interface SessionRow {
  id: string;
  userId: string;
  /** The synchronizer token forms must echo. */
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

/** What a correction changes in the store (applied in the same transaction as its audit row). */
export type CorrectionEffect =
  | { kind: 'overrides'; reviewId: string; overrides: ReviewOverrides | null }
  | { kind: 'move'; reviewIds: string[]; filmId: string }
  | { kind: 'merge'; from: string; into: string | null }
  | { kind: 'franchise'; filmId: string; franchise: string | null; position: number | null }
  | { kind: 'publish'; filmId: string; at: string | null };

/** An audit event: who changed what, when, from what to what, and why. */
export interface NewCorrection {
  reviewId: string | null;
  filmId: string | null;
  /** What was corrected: 'fresh', 'score', 'film', 'merge', 'franchise', 'aspects', 'quote', 'credits', 'publish', 'checked', 'undo'. */
  field: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  user: string;
  createdAt: string;
  /** The effects that undo this one (null: cannot be undone). */
  undo: CorrectionEffect[] | null;
  /** The correction this one undoes. */
  undoes: number | null;
}

export interface CorrectionRow extends NewCorrection {
  id: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface Store {
  /** 'sqlite' or 'postgres'. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies the pending numbered migrations; returns the numbers applied (empty when up to date). */
  migrate(): Promise<number[]>;
  /** Highest migration applied (0 on an empty database). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;

  // --- writes ---
  /** Stores reviews in one transaction, resolving/creating films, critics and publications. Idempotent. */
  putReviews(rows: NewReview[]): Promise<PutResult>;
  /**
   * Before a bulk import into an empty store, drops indexes that are cheaper built once at the end; true when it
   * did, and then `restoreReviewIndexes` must follow (opening the store again restores them too). SQLite only.
   */
  deferReviewIndexes?(): Promise<boolean>;
  restoreReviewIndexes?(): Promise<void>;
  /** Which of these review ids are already stored (to skip analysis of known rows on re-import). */
  existingReviewIds(ids: string[]): Promise<Set<string>>;
  /** Replaces cards (re-analysis), moving reviews onto the index films the cards link (see CardUpdate.film); one transaction; drops the cached consensus of the films touched. Returns the number of rows updated. */
  updateCards(updates: CardUpdate[]): Promise<number>;
  /** Creates the film if missing (by key and year); sets the franchise when given and not yet set. */
  ensureFilm(film: NewFilm): Promise<FilmRow>;
  /** Sets a film's franchise and optional position. */
  setFranchise(filmId: string, franchise: string, position?: number | null): Promise<void>;
  /** Adds chronology edges (duplicates ignored). */
  addChronology(edges: ChronologyRow[]): Promise<void>;
  /**
   * Up to `limit` ids (after `afterId`, in id order) of films with reviews whose cached consensus is missing or
   * out of date (another review count or aggregator version): what an import killed before its consensus
   * refresh left behind.
   */
  staleConsensusFilms(version: string, limit: number, afterId?: string): Promise<string[]>;
  /** Caches a film's consensus. */
  putConsensus(row: ConsensusRow): Promise<void>;

  // --- reads ---
  getFilm(id: string): Promise<FilmRow | null>;
  /** Films whose key equals the key of `title` (several when years differ), most reviewed first. */
  findFilmsByTitle(title: string, key?: string): Promise<FilmRow[]>;
  listFilms(q?: FilmQuery): Promise<Page<FilmRow>>;
  getReview(id: string): Promise<ReviewView | null>;
  listReviews(q?: ReviewQuery): Promise<Page<ReviewView>>;
  getCritic(id: string): Promise<CriticRow | null>;
  /** Critic by name (matched by key), null when unknown. */
  findCritic(name: string): Promise<CriticRow | null>;
  listCritics(q?: { search?: string; limit?: number; offset?: number }): Promise<Page<CriticRow>>;
  getPublication(id: string): Promise<PublicationRow | null>;
  /** Publications, most reviews first (then name, id); `search` matches part of the name. */
  listPublications(q?: { search?: string; limit?: number; offset?: number }): Promise<Page<PublicationRow>>;
  /** The critics who wrote for a publication, most reviews there first (`reviewCount`: their reviews in it). */
  publicationCritics(publicationId: string, limit?: number): Promise<CriticRow[]>;
  /** Franchise by name (matched by key), with its films, entries and chronology. */
  getFranchise(name: string): Promise<FranchiseRow | null>;
  listFranchises(): Promise<{ name: string; key: string; filmCount: number }[]>;
  getConsensus(filmId: string): Promise<ConsensusRow | null>;
  /** Review ids whose card is missing or older than `version`, in id order after `afterId`. */
  staleReviewIds(version: string, limit: number, afterId?: string): Promise<string[]>;
  /** Streams every review (id order) for exports; batches of `batchSize` rows are read at a time. */
  iterateReviews(batchSize?: number): AsyncIterable<ReviewView>;
  counts(): Promise<{ films: number; reviews: number; critics: number; publications: number }>;

  // --- API keys ---
  putApiKey(key: ApiKeyRow): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRow | null>;
  /** Every key, oldest first. */
  listApiKeys(): Promise<ApiKeyRow[]>;
  /** Marks a live key revoked at `at`; false when there is no live key with that id. */
  revokeApiKey(id: string, at: string): Promise<boolean>;

  // --- accounts and sessions ---
  putUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | null>;
  /** By username (case-insensitive). */
  findUser(username: string): Promise<UserRow | null>;
  /** Every account, oldest first. */
  listUsers(): Promise<UserRow[]>;
  /** Changes an account's fields; false when there is no such account. */
  updateUser(id: string, patch: UserPatch): Promise<boolean>;
  putSession(session: SessionRow): Promise<void>;
  getSession(id: string): Promise<SessionRow | null>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of an account (password reset, disabling); returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Drops sessions that expired before `now`. */
  deleteExpiredSessions(now: string): Promise<number>;

  // --- editors' corrections ---
  /**
   * Records an audit event and applies its effects in one transaction; marks `c.undoes` undone when set.
   * The consensus cache of every film touched is dropped and its `edits` stamp bumped. Returns the event's id.
   */
  correct(c: NewCorrection, effects: CorrectionEffect[]): Promise<number>;
  getCorrection(id: number): Promise<CorrectionRow | null>;
  /** Audit events of a review or a film (its reviews' too), newest first. */
  listCorrections(q: { reviewId?: string; filmId?: string; limit?: number }): Promise<CorrectionRow[]>;
  /** Number of a film's reviews an editor checked (corrected or confirmed). */
  checkedCount(filmId: string): Promise<number>;

  // --- job queue ---
  /** Queues jobs; returns their ids. */
  enqueueJobs(kind: string, payloads: unknown[]): Promise<number[]>;
  /**
   * Claims up to `limit` jobs of `kind` for `worker` (never the same job to two live workers): pending ones, and
   * with `leaseMs` also those whose lease ran out (claimed or last renewed more than `leaseMs` ago: their worker died).
   */
  claimJobs(kind: string, worker: string, limit: number, leaseMs?: number): Promise<JobRow[]>;
  /** Renews the lease of jobs `worker` still holds; returns how many it still held. */
  renewJobs(ids: number[], worker: string): Promise<number>;
  /** Marks claimed jobs done (deleted from the queue). */
  completeJobs(ids: number[]): Promise<void>;
  /** Releases a claimed job back to the queue (e.g. after an error), recording the error. */
  releaseJob(id: number, error?: string): Promise<void>;
  /** Puts jobs of `kind` claimed more than `olderThanMs` ago back in the queue (their worker died); returns how many. */
  requeueStaleJobs(kind: string, olderThanMs: number): Promise<number>;
  /** Pending (unclaimed) and claimed job counts of `kind`. */
  jobCounts(kind: string): Promise<{ pending: number; claimed: number }>;
}
