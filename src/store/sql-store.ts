/**
 * @module The Store over SQL, shared by both dialects. The SQL here is the common subset of SQLite (3.35+)
 * and PostgreSQL (`?` placeholders, rewritten to `$n` for PostgreSQL; ON CONFLICT; RETURNING;
 * UPDATE … FROM (VALUES …)). Dialect differences (full-text search, job claiming, connections,
 * transactions) are the abstract members that `sqlite.ts` and `postgres.ts` implement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ReviewCard } from '../analyze/card.ts';
import { applyOverrides, type ReviewOverrides } from '../aggregate/corrections.ts';
import { criticId, filmId, filmKey, nameKey, publicationId, reviewId } from './ids.ts';
import type {
  ApiKeyRow,
  CardUpdate,
  CorrectionEffect,
  CorrectionRow,
  NewCorrection,
  Role,
  SessionRow,
  UserPatch,
  UserRow,
  ChronologyRow,
  ConsensusRow,
  CriticRow,
  FilmIndexInfo,
  FilmQuery,
  NewFilm,
  FilmRow,
  FranchiseRow,
  JobRow,
  NewReview,
  Page,
  PublicationRow,
  PutResult,
  ReviewQuery,
  ReviewView,
  Store,
} from './store.ts';

export type Row = Record<string, unknown>;

/** What the shared code needs from a connection (or a transaction). */
export interface Exec {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a statement; returns the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters. */
  script(sql: string): Promise<void>;
}

/** A `WHERE` fragment with its parameters. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

/** Rows per multi-row statement; keeps parameters under SQLite's 32,766 limit. */
const CHUNK = 500;
const IN_CHUNK = 900;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered migrations of a dialect (`migrations/<dialect>/NNNN-name.sql`), in order. */
function migrationsOf(dialect: 'sqlite' | 'postgres'): Migration[] {
  const dir = new URL(`./migrations/${dialect}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(new URL(f, dir), 'utf8') }));
}

/** Words of a search query (letters and digits only, so nothing reaches the query syntax unescaped). */
function searchTokens(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function placeholders(rows: number, cols: number): string {
  const one = `(${new Array(cols).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || v === 1 || v === '1' || v === 't');
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** Text as stored: NUL characters removed (PostgreSQL text cannot hold them). */
function storedText(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}

function clip(s: string | null | undefined, max: number): string | null {
  if (s === null || s === undefined) return null;
  const t = storedText(s).trim();
  return t ? t.slice(0, max) : null;
}

/** Columns of a review insert, in the order of `PreparedReview.values`. */
export const REVIEW_INSERT_COLS = 'id, film_id, critic_id, publication_id, date, url, text, raw_rating, rating, label, top_critic, card, model_version, source, created_at';

const FILM_COLS = 'f.id, f.title, f.key, f.year, f.franchise, f.position, f.review_count, f.merged_into, f.published_at, f.edits, f.index_id, f.directors, f.writers, f.cast_list, f.genres';
const REVIEW_COLS =
  'r.id, r.film_id, r.critic_id, r.publication_id, r.date, r.url, r.text, r.raw_rating, r.rating, r.label, r.top_critic, ' +
  'r.card, r.model_version, r.source, r.created_at, r.overrides, f.title AS film_title, f.year AS film_year, c.name AS critic_name, p.name AS publication_name';
const REVIEW_FROM =
  'FROM reviews r JOIN films f ON f.id = r.film_id LEFT JOIN critics c ON c.id = r.critic_id LEFT JOIN publications p ON p.id = r.publication_id';

/** A JSON list column (NULL: empty). */
const list = <T>(v: unknown): T[] => (v === null || v === undefined ? [] : (json(v) as T[]));

function toFilm(r: Row): FilmRow {
  return {
    id: String(r.id),
    title: String(r.title),
    key: String(r.key),
    year: num(r.year),
    franchise: str(r.franchise),
    reviewCount: Number(r.review_count),
    mergedInto: str(r.merged_into),
    publishedAt: str(r.published_at),
    edits: Number(r.edits ?? 0),
    position: num(r.position),
    indexId: str(r.index_id),
    directors: list(r.directors),
    writers: list(r.writers),
    cast: list(r.cast_list),
    genres: list(r.genres),
  };
}

function toPublication(r: Row): PublicationRow {
  return { id: String(r.id), name: String(r.name), key: String(r.key), reviewCount: Number(r.review_count) };
}

function toCritic(r: Row): CriticRow {
  return { id: String(r.id), name: String(r.name), key: String(r.key), topCritic: bool(r.top_critic) === true, reviewCount: Number(r.review_count) };
}

function toReview(r: Row): ReviewView {
  const view = rawReview(r);
  const overrides = r.overrides === null || r.overrides === undefined ? null : (json(r.overrides) as ReviewOverrides);
  if (!overrides) return view;
  return { ...applyOverrides(view, overrides), overrides, modelCard: view.card, sourceLabel: view.label };
}

function rawReview(r: Row): ReviewView {
  return {
    id: String(r.id),
    filmId: String(r.film_id),
    criticId: str(r.critic_id),
    publicationId: str(r.publication_id),
    date: str(r.date),
    url: str(r.url),
    text: String(r.text),
    rawRating: str(r.raw_rating),
    rating: num(r.rating),
    label: bool(r.label),
    topCritic: bool(r.top_critic) === true,
    card: r.card === null || r.card === undefined ? null : (json(r.card) as ReviewCard),
    modelVersion: str(r.model_version),
    source: str(r.source),
    createdAt: String(r.created_at),
    filmTitle: String(r.film_title),
    filmYear: num(r.film_year),
    criticName: str(r.critic_name),
    publicationName: str(r.publication_name),
  };
}

const KEY_COLS = 'id, name, hash, created_at, revoked_at, role';

const asRole = (v: unknown): Role => (v === 'admin' || v === 'reader' ? v : 'editor');

function toApiKey(r: Row): ApiKeyRow {
  return { id: String(r.id), name: String(r.name), hash: String(r.hash), createdAt: String(r.created_at), revokedAt: str(r.revoked_at), role: asRole(r.role) };
}

const USER_COLS = 'id, username, role, password_hash, created_at, disabled_at, failed_logins, locked_until';

function toUser(r: Row): UserRow {
  return {
    id: String(r.id),
    username: String(r.username),
    role: asRole(r.role),
    passwordHash: String(r.password_hash),
    createdAt: String(r.created_at),
    disabledAt: str(r.disabled_at),
    failedLogins: Number(r.failed_logins ?? 0),
    lockedUntil: str(r.locked_until),
  };
}

const CORRECTION_COLS = 'id, review_id, film_id, field, before_value, after_value, reason, user_name, created_at, undo, undoes, undone_at, undone_by';

function toCorrection(r: Row): CorrectionRow {
  return {
    id: Number(r.id),
    reviewId: str(r.review_id),
    filmId: str(r.film_id),
    field: String(r.field),
    before: r.before_value === null || r.before_value === undefined ? null : json(r.before_value),
    after: r.after_value === null || r.after_value === undefined ? null : json(r.after_value),
    reason: str(r.reason),
    user: String(r.user_name),
    createdAt: String(r.created_at),
    undo: r.undo === null || r.undo === undefined ? null : (json(r.undo) as CorrectionEffect[]),
    undoes: num(r.undoes),
    undoneAt: str(r.undone_at),
    undoneBy: str(r.undone_by),
  };
}

function toJob(r: Row): JobRow {
  return { id: Number(r.id), kind: String(r.kind), payload: json(r.payload), attempts: Number(r.attempts), lockedBy: str(r.locked_by) };
}

interface PreparedReview {
  id: string;
  filmId: string;
  criticId: string | null;
  publicationId: string | null;
  values: unknown[];
}

interface FilmValues {
  id: string;
  title: string;
  key: string;
  year: number | null;
  franchise: string | null;
  position: number | null;
  index: FilmIndexInfo | null;
}

/** The film's columns after id, title, key, year: franchise, franchise_key, position, index_id, directors, writers, cast_list, genres. */
const FILM_INSERT_COLS = 'id, title, key, year, franchise, franchise_key, position, index_id, directors, writers, cast_list, genres';

function filmParams(f: FilmValues): unknown[] {
  const i = f.index;
  return [
    f.id,
    f.title,
    f.key,
    f.year,
    f.franchise,
    f.franchise ? nameKey(f.franchise) : null,
    f.franchise ? f.position : null,
    i ? clip(i.id, 500) : null,
    i ? JSON.stringify(i.directors) : null,
    i ? JSON.stringify(i.writers) : null,
    i ? JSON.stringify(i.cast) : null,
    i ? JSON.stringify(i.genres) : null,
  ];
}

/** Fills in what a film stored before it was linked (or stored unlinked) lacks: the index's fields and franchise. */
async function completeFilm(x: Exec, f: FilmValues): Promise<void> {
  if (f.franchise) {
    await x.run('UPDATE films SET franchise = ?, franchise_key = ?, position = ? WHERE id = ? AND franchise IS NULL', [f.franchise, nameKey(f.franchise), f.position, f.id]);
  }
  if (f.index) {
    const p = filmParams(f);
    await x.run('UPDATE films SET index_id = ?, directors = ?, writers = ?, cast_list = ?, genres = ? WHERE id = ? AND index_id IS NULL', [...p.slice(7), f.id]);
  }
}

/**
 * Re-analysis linked a review to an index film: it moves there (the film created when missing) from a film the
 * index does not know, unless an editor put it where it is. Returns the film it left, or null.
 */
async function moveOntoIndexFilm(x: Exec, reviewId: string, f: FilmValues): Promise<string | null> {
  if (!f.index) return null;
  const rows = await x.all(
    `SELECT r.film_id FROM reviews r JOIN films f ON f.id = r.film_id
     WHERE r.id = ? AND r.film_id <> ? AND f.index_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.review_id = r.id AND c.field = 'film' AND c.undone_at IS NULL)`,
    [reviewId, f.id],
  );
  const from = rows[0] ? String(rows[0].film_id) : null;
  if (!from) return null;
  await x.run(`INSERT INTO films (${FILM_INSERT_COLS}) VALUES ${placeholders(1, 12)} ON CONFLICT (id) DO NOTHING`, filmParams(f));
  await completeFilm(x, f);
  await x.run('UPDATE reviews SET film_id = ? WHERE id = ?', [f.id, reviewId]);
  await x.run('UPDATE films SET review_count = review_count - 1 WHERE id = ?', [from]);
  await x.run('UPDATE films SET review_count = review_count + 1 WHERE id = ?', [f.id]);
  return from;
}

function filmValues(f: NewFilm): FilmValues {
  const title = f && typeof f.title === 'string' ? clip(f.title, 500) : null;
  if (!title) throw new TypeError('a review needs a film title');
  const key = (f.key && f.key.trim()) || filmKey(title) || title.toLowerCase();
  const year = f.year === null || f.year === undefined || !Number.isFinite(f.year) ? null : Math.trunc(f.year);
  const position = f.position === null || f.position === undefined || !Number.isFinite(f.position) ? null : Math.trunc(f.position);
  return { id: filmId(key, year), title, key, year, franchise: clip(f.franchise, 300), position, index: f.index && typeof f.index.id === 'string' ? f.index : null };
}

export abstract class SqlStore implements Store {
  abstract readonly dialect: 'sqlite' | 'postgres';
  /** The connection for reads and single statements outside transactions. */
  protected abstract readonly db: Exec;
  /** Runs `fn` in one transaction (serialised with other writers), committing on success. */
  protected abstract tx<T>(fn: (x: Exec) => Promise<T>): Promise<T>;
  /** Condition on films `f` matching the search words. */
  protected abstract filmMatch(tokens: string[]): Fragment;
  /** Condition on reviews `r` matching the search words. */
  protected abstract reviewMatch(tokens: string[]): Fragment;
  /** Claims jobs atomically. */
  abstract claimJobs(kind: string, worker: string, limit: number, leaseMs?: number): Promise<JobRow[]>;
  /** Takes the migration lock inside the migration transaction (PostgreSQL: advisory lock). */
  protected abstract lockMigrations(x: Exec): Promise<void>;
  abstract close(): Promise<void>;

  async migrate(): Promise<number[]> {
    const all = migrationsOf(this.dialect);
    return this.tx(async (x) => {
      await this.lockMigrations(x);
      await x.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await x.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const m of all) {
        if (done.has(m.version)) continue;
        await x.script(m.sql);
        await x.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
        applied.push(m.version);
      }
      return applied;
    });
  }

  async schemaVersion(): Promise<number> {
    try {
      const rows = await this.db.all('SELECT MAX(version) AS v FROM schema_migrations');
      return Number(rows[0]?.v ?? 0);
    } catch {
      return 0;
    }
  }

  // --- writes ---

  async putReviews(rows: NewReview[]): Promise<PutResult> {
    if (rows.length === 0) return { inserted: [], duplicates: [], films: [] };
    const now = new Date().toISOString();
    const films = new Map<string, FilmValues>();
    const critics = new Map<string, { name: string; key: string }>();
    const pubs = new Map<string, { name: string; key: string }>();
    const prepared: PreparedReview[] = [];
    const order: string[] = [];
    const batchDup: string[] = [];
    const seen = new Set<string>();
    // Keys and ids of names repeated within the batch are derived once.
    const filmMemo = new Map<string, FilmValues>();
    const criticMemo = new Map<string, { key: string; id: string | null }>();
    const pubMemo = new Map<string, { key: string; id: string | null }>();
    const named = (memo: Map<string, { key: string; id: string | null }>, name: string | null, id: (key: string) => string) => {
      if (!name) return { key: '', id: null };
      let got = memo.get(name);
      if (!got) {
        const key = nameKey(name);
        got = { key, id: key ? id(key) : null };
        memo.set(name, got);
      }
      return got;
    };
    for (const row of rows) {
      const text = typeof row.text === 'string' ? storedText(row.text) : '';
      if (!text.trim()) throw new TypeError('a review needs a non-empty text');
      const memoKey = `${row.film?.title}\u0000${row.film?.key ?? ''}\u0000${row.film?.year ?? ''}\u0000${row.film?.franchise ?? ''}\u0000${row.film?.index?.id ?? ''}`;
      let film = filmMemo.get(memoKey);
      if (!film) {
        film = filmValues(row.film);
        filmMemo.set(memoKey, film);
      }
      const prev = films.get(film.id);
      // The index's film wins over an unlinked reading of the same film; then one with a franchise.
      if (!prev || (!prev.index && film.index) || (!!prev.index === !!film.index && !prev.franchise && film.franchise)) films.set(film.id, film);
      const criticName = clip(row.critic, 300);
      const { key: cKey, id: cId } = named(criticMemo, criticName, criticId);
      if (cId && criticName) critics.set(cId, { name: criticName, key: cKey });
      const pubName = clip(row.publication, 300);
      const { key: pKey, id: pId } = named(pubMemo, pubName, publicationId);
      if (pId && pubName) pubs.set(pId, { name: pubName, key: pKey });
      const id = row.id || reviewId(film.key, criticName, text);
      order.push(id);
      if (seen.has(id)) {
        batchDup.push(id);
        continue;
      }
      seen.add(id);
      const rating = row.rating === null || row.rating === undefined || !Number.isFinite(row.rating) ? null : row.rating;
      const card = row.card ?? null;
      prepared.push({
        id,
        filmId: film.id,
        criticId: cId,
        publicationId: pId,
        values: [
          id,
          film.id,
          cId,
          pId,
          clip(row.date, 40),
          clip(row.url, 2000),
          text,
          clip(row.rawRating, 100),
          rating,
          row.label === undefined ? null : row.label,
          row.topCritic === true,
          card ? ('json' in card ? card.json : JSON.stringify(card)) : null,
          card ? card.version : null,
          clip(row.source, 1000),
          now,
        ],
      });
    }

    const inserted = await this.tx(async (x) => {
      // Rows in id order, so that concurrent writers take their locks in one order (no deadlock on PostgreSQL).
      const byId = <T>(m: Map<string, T>): [string, T][] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const part of chunks(byId(films).map(([, f]) => f), CHUNK)) {
        await x.run(`INSERT INTO films (${FILM_INSERT_COLS}) VALUES ${placeholders(part.length, 12)} ON CONFLICT (id) DO NOTHING`, part.flatMap(filmParams));
      }
      for (const [, f] of byId(films)) await completeFilm(x, f);
      // A film an editor merged into another: its new reviews go to the film it was merged into.
      const merged = new Map<string, string>();
      for (const part of chunks([...films.keys()].sort(), IN_CHUNK)) {
        const rows = await x.all(`SELECT id, merged_into FROM films WHERE merged_into IS NOT NULL AND id IN (${part.map(() => '?').join(', ')})`, part);
        for (const r of rows) merged.set(String(r.id), String(r.merged_into));
      }
      if (merged.size) {
        for (const p of prepared) {
          const into = merged.get(p.filmId);
          if (into) {
            p.filmId = into;
            p.values[1] = into;
          }
        }
      }
      for (const part of chunks(byId(critics), CHUNK)) {
        await x.run(`INSERT INTO critics (id, name, key) VALUES ${placeholders(part.length, 3)} ON CONFLICT (id) DO NOTHING`, part.flatMap(([id, c]) => [id, c.name, c.key]));
      }
      for (const part of chunks(byId(pubs), CHUNK)) {
        await x.run(`INSERT INTO publications (id, name, key) VALUES ${placeholders(part.length, 3)} ON CONFLICT (id) DO NOTHING`, part.flatMap(([id, p]) => [id, p.name, p.key]));
      }
      const done = new Set(await this.insertReviews(x, prepared.map((p) => p.values)));
      const fresh = prepared.filter((p) => done.has(p.id));
      await this.bump(x, 'films', fresh.map((p) => p.filmId));
      await this.bump(x, 'critics', fresh.map((p) => p.criticId));
      await this.bump(x, 'publications', fresh.map((p) => p.publicationId));
      const top = [...new Set(fresh.filter((p) => p.criticId && p.values[10] === true).map((p) => p.criticId as string))].sort();
      for (const part of chunks(top, IN_CHUNK)) {
        await x.run(`UPDATE critics SET top_critic = ? WHERE id IN (${part.map(() => '?').join(', ')})`, [true, ...part]);
      }
      return done;
    });

    const out: PutResult = { inserted: [], duplicates: [...batchDup], films: [] };
    const filmSet = new Set<string>();
    for (const p of prepared) {
      if (inserted.has(p.id)) {
        out.inserted.push(p.id);
        filmSet.add(p.filmId);
      } else out.duplicates.push(p.id);
    }
    out.films = [...filmSet];
    return out;
  }

  /** Inserts review rows (values in `REVIEW_INSERT_COLS` order), skipping known ids; returns the ids inserted. */
  protected async insertReviews(x: Exec, rows: unknown[][]): Promise<string[]> {
    const out: string[] = [];
    for (const part of chunks(rows, CHUNK / 5)) {
      const ret = await x.all(`INSERT INTO reviews (${REVIEW_INSERT_COLS}) VALUES ${placeholders(part.length, 15)} ON CONFLICT (id) DO NOTHING RETURNING id`, part.flat());
      for (const r of ret) out.push(String(r.id));
    }
    return out;
  }

  /** Adds the number of new reviews to each row's review_count (one statement per chunk, ids sorted). */
  private async bump(x: Exec, table: 'films' | 'critics' | 'publications', ids: (string | null)[]): Promise<void> {
    const n = new Map<string, number>();
    for (const id of ids) if (id) n.set(id, (n.get(id) ?? 0) + 1);
    const entries = [...n.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const part of chunks(entries, CHUNK)) {
      const values = part.map(() => '(?, CAST(? AS INTEGER))').join(', ');
      await x.run(`UPDATE ${table} SET review_count = review_count + v.column2 FROM (VALUES ${values}) AS v WHERE ${table}.id = v.column1`, part.flat());
    }
  }

  async existingReviewIds(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db.all(`SELECT id FROM reviews WHERE id IN (${part.map(() => '?').join(', ')})`, part);
      for (const r of rows) out.add(String(r.id));
    }
    return out;
  }

  /** SQL for a JSON parameter (PostgreSQL casts to jsonb). */
  protected jsonParam(): string {
    return '?';
  }

  async updateCards(updates: CardUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    return this.tx(async (x) => {
      let n = 0;
      const left = new Set<string>();
      for (const u of updates) {
        n += await x.run(`UPDATE reviews SET card = ${this.jsonParam()}, model_version = ? WHERE id = ?`, [JSON.stringify(u.card), u.card.version, u.id]);
        if (u.film) {
          const from = await moveOntoIndexFilm(x, u.id, filmValues(u.film));
          if (from) left.add(from);
        }
      }
      for (const part of chunks(updates.map((u) => u.id), IN_CHUNK)) {
        await x.run(`DELETE FROM consensus WHERE film_id IN (SELECT film_id FROM reviews WHERE id IN (${part.map(() => '?').join(', ')}))`, part);
      }
      for (const part of chunks([...left], IN_CHUNK)) await x.run(`DELETE FROM consensus WHERE film_id IN (${part.map(() => '?').join(', ')})`, part);
      return n;
    });
  }

  async ensureFilm(film: NewFilm): Promise<FilmRow> {
    const f = filmValues(film);
    await this.tx(async (x) => {
      await x.run(`INSERT INTO films (${FILM_INSERT_COLS}) VALUES ${placeholders(1, 12)} ON CONFLICT (id) DO NOTHING`, filmParams(f));
      await completeFilm(x, f);
    });
    const row = await this.getFilm(f.id);
    if (!row) throw new Error(`film ${f.id} vanished`);
    return row;
  }

  async setFranchise(filmId: string, franchise: string, position?: number | null): Promise<void> {
    const name = clip(franchise, 300);
    await this.tx((x) =>
      x.run('UPDATE films SET franchise = ?, franchise_key = ?, position = ? WHERE id = ?', [name, name ? nameKey(name) : null, position ?? null, filmId]),
    );
  }

  async addChronology(edges: ChronologyRow[]): Promise<void> {
    if (edges.length === 0) return;
    await this.tx(async (x) => {
      for (const e of edges) {
        if (e.fromFilmId === e.toFilmId) continue;
        await x.run('INSERT INTO chronology (from_film_id, to_film_id, relation, review_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
          e.fromFilmId,
          e.toFilmId,
          e.relation,
          e.reviewId,
        ]);
      }
    });
  }

  async putConsensus(row: ConsensusRow): Promise<void> {
    await this.tx((x) =>
      x.run(
        `INSERT INTO consensus (film_id, data, review_count, computed_at, version) VALUES (?, ${this.jsonParam()}, ?, ?, ?) ` +
          'ON CONFLICT (film_id) DO UPDATE SET data = excluded.data, review_count = excluded.review_count, computed_at = excluded.computed_at, version = excluded.version',
        [row.filmId, JSON.stringify(row.data ?? null), row.reviewCount, row.computedAt, row.version ?? null],
      ),
    );
  }

  // --- reads ---

  async getFilm(id: string): Promise<FilmRow | null> {
    const rows = await this.db.all(`SELECT ${FILM_COLS} FROM films f WHERE f.id = ?`, [id]);
    return rows[0] ? toFilm(rows[0]) : null;
  }

  async findFilmsByTitle(title: string, key?: string): Promise<FilmRow[]> {
    const k = key || filmKey(title);
    if (!k) return [];
    const rows = (await this.db.all(`SELECT ${FILM_COLS} FROM films f WHERE f.key = ? ORDER BY f.review_count DESC, f.year, f.id`, [k])).map(toFilm);
    // A merged film stands for the film it was merged into.
    const out: FilmRow[] = [];
    for (const f of rows) {
      const target = f.mergedInto ? await this.getFilm(f.mergedInto) : f;
      if (target && !out.some((o) => o.id === target.id)) out.push(target);
    }
    return out;
  }

  async listFilms(q: FilmQuery = {}): Promise<Page<FilmRow>> {
    const where: string[] = ['f.merged_into IS NULL'];
    const params: unknown[] = [];
    if (q.search !== undefined) {
      const tokens = searchTokens(q.search);
      if (tokens.length === 0) return { items: [], total: 0 };
      const m = this.filmMatch(tokens);
      where.push(m.sql);
      params.push(...m.params);
    }
    if (q.franchise !== undefined) {
      where.push('f.franchise_key = ?');
      params.push(nameKey(q.franchise));
    }
    if (q.unlinked !== undefined) where.push(q.unlinked ? 'f.index_id IS NULL' : 'f.index_id IS NOT NULL');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = q.order === 'title' ? 'f.title, f.year, f.id' : 'f.review_count DESC, f.title, f.id';
    const limit = Math.max(0, Math.min(q.limit ?? 100, 10_000));
    const offset = Math.max(0, q.offset ?? 0);
    const rows = await this.db.all(`SELECT ${FILM_COLS} FROM films f ${w} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, limit, offset]);
    const total = await this.db.all(`SELECT COUNT(*) AS n FROM films f ${w}`, params);
    return { items: rows.map(toFilm), total: Number(total[0]?.n ?? 0) };
  }

  async getReview(id: string): Promise<ReviewView | null> {
    const rows = await this.db.all(`SELECT ${REVIEW_COLS} ${REVIEW_FROM} WHERE r.id = ?`, [id]);
    return rows[0] ? toReview(rows[0]) : null;
  }

  async listReviews(q: ReviewQuery = {}): Promise<Page<ReviewView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.filmId !== undefined) {
      where.push('r.film_id = ?');
      params.push(q.filmId);
    }
    if (q.criticId !== undefined) {
      where.push('r.critic_id = ?');
      params.push(q.criticId);
    }
    if (q.publicationId !== undefined) {
      where.push('r.publication_id = ?');
      params.push(q.publicationId);
    }
    if (q.label !== undefined) {
      where.push('r.label = ?');
      params.push(q.label);
    }
    if (q.topCritic !== undefined) {
      where.push('r.top_critic = ?');
      params.push(q.topCritic);
    }
    if (q.search !== undefined) {
      const tokens = searchTokens(q.search);
      if (tokens.length === 0) return { items: [], total: 0 };
      const m = this.reviewMatch(tokens);
      where.push(m.sql);
      params.push(...m.params);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = Math.max(0, Math.min(q.limit ?? 100, 100_000));
    const offset = Math.max(0, q.offset ?? 0);
    const rows = await this.db.all(`SELECT ${REVIEW_COLS} ${REVIEW_FROM} ${w} ORDER BY r.date DESC NULLS LAST, r.id LIMIT ? OFFSET ?`, [...params, limit, offset]);
    const total = await this.db.all(`SELECT COUNT(*) AS n FROM reviews r ${w}`, params);
    return { items: rows.map(toReview), total: Number(total[0]?.n ?? 0) };
  }

  async getCritic(id: string): Promise<CriticRow | null> {
    const rows = await this.db.all('SELECT id, name, key, top_critic, review_count FROM critics WHERE id = ?', [id]);
    return rows[0] ? toCritic(rows[0]) : null;
  }

  async findCritic(name: string): Promise<CriticRow | null> {
    const k = nameKey(name);
    if (!k) return null;
    const rows = await this.db.all('SELECT id, name, key, top_critic, review_count FROM critics WHERE key = ?', [k]);
    return rows[0] ? toCritic(rows[0]) : null;
  }

  /** A page of critics or publications, most reviews first (then name, id), `search` matching part of the name key. */
  private async pageByName<T>(table: 'critics' | 'publications', cols: string, map: (r: Row) => T, q: { search?: string; limit?: number; offset?: number }): Promise<Page<T>> {
    const k = q.search !== undefined ? nameKey(q.search) : '';
    const w = k ? 'WHERE key LIKE ?' : '';
    const params = k ? [`%${k.replace(/[%_]/g, '')}%`] : [];
    const limit = Math.max(0, Math.min(q.limit ?? 100, 10_000));
    const rows = await this.db.all(`SELECT ${cols} FROM ${table} ${w} ORDER BY review_count DESC, name, id LIMIT ? OFFSET ?`, [...params, limit, Math.max(0, q.offset ?? 0)]);
    const total = await this.db.all(`SELECT COUNT(*) AS n FROM ${table} ${w}`, params);
    return { items: rows.map(map), total: Number(total[0]?.n ?? 0) };
  }

  listCritics(q: { search?: string; limit?: number; offset?: number } = {}): Promise<Page<CriticRow>> {
    return this.pageByName('critics', 'id, name, key, top_critic, review_count', toCritic, q);
  }

  async getPublication(id: string): Promise<PublicationRow | null> {
    const rows = await this.db.all('SELECT id, name, key, review_count FROM publications WHERE id = ?', [id]);
    return rows[0] ? toPublication(rows[0]) : null;
  }

  listPublications(q: { search?: string; limit?: number; offset?: number } = {}): Promise<Page<PublicationRow>> {
    return this.pageByName('publications', 'id, name, key, review_count', toPublication, q);
  }

  async publicationCritics(publicationId: string, limit = 100): Promise<CriticRow[]> {
    const rows = await this.db.all(
      'SELECT c.id, c.name, c.key, c.top_critic, COUNT(*) AS review_count FROM reviews r JOIN critics c ON c.id = r.critic_id WHERE r.publication_id = ? ' +
        'GROUP BY c.id, c.name, c.key, c.top_critic ORDER BY COUNT(*) DESC, c.name, c.id LIMIT ?',
      [publicationId, Math.max(0, Math.min(limit, 10_000))],
    );
    return rows.map(toCritic);
  }

  async getFranchise(name: string): Promise<FranchiseRow | null> {
    const k = nameKey(name);
    if (!k) return null;
    const rows = await this.db.all(`SELECT ${FILM_COLS} FROM films f WHERE f.franchise_key = ? AND f.merged_into IS NULL ORDER BY f.position NULLS LAST, f.year NULLS LAST, f.title, f.id`, [k]);
    if (rows.length === 0) return null;
    const films = rows.map(toFilm);
    const ids = films.map((f) => f.id);
    const chronology: ChronologyRow[] = [];
    for (const part of chunks(ids, 400)) {
      const marks = part.map(() => '?').join(', ');
      const edges = await this.db.all(
        `SELECT from_film_id, to_film_id, relation, review_id FROM chronology WHERE from_film_id IN (${marks}) ORDER BY from_film_id, to_film_id, relation`,
        part,
      );
      const inFranchise = new Set(ids);
      for (const e of edges) {
        if (!inFranchise.has(String(e.to_film_id))) continue;
        chronology.push({
          fromFilmId: String(e.from_film_id),
          toFilmId: String(e.to_film_id),
          relation: e.relation === 'before' ? 'before' : 'after',
          reviewId: str(e.review_id),
        });
      }
    }
    return {
      name: films[0]?.franchise ?? name,
      key: k,
      films,
      entries: rows.map((r) => ({ franchise: String(r.franchise), filmId: String(r.id), position: num(r.position) })),
      chronology,
    };
  }

  async listFranchises(): Promise<{ name: string; key: string; filmCount: number }[]> {
    const rows = await this.db.all(
      'SELECT MIN(franchise) AS name, franchise_key AS key, COUNT(*) AS n FROM films WHERE franchise_key IS NOT NULL AND merged_into IS NULL GROUP BY franchise_key ORDER BY MIN(franchise)',
    );
    return rows.map((r) => ({ name: String(r.name), key: String(r.key), filmCount: Number(r.n) }));
  }

  async staleConsensusFilms(version: string, limit: number, afterId = ''): Promise<string[]> {
    const rows = await this.db.all(
      'SELECT f.id FROM films f LEFT JOIN consensus c ON c.film_id = f.id WHERE f.id > ? AND f.review_count > 0 ' +
        'AND (c.film_id IS NULL OR c.review_count <> f.review_count OR c.version IS NULL OR c.version <> ?) ORDER BY f.id LIMIT ?',
      [afterId, version, Math.max(1, limit)],
    );
    return rows.map((r) => String(r.id));
  }

  async getConsensus(filmId: string): Promise<ConsensusRow | null> {
    const rows = await this.db.all('SELECT film_id, data, review_count, computed_at, version FROM consensus WHERE film_id = ?', [filmId]);
    const r = rows[0];
    return r
      ? { filmId: String(r.film_id), data: json(r.data), reviewCount: Number(r.review_count), computedAt: String(r.computed_at), version: str(r.version) }
      : null;
  }

  async staleReviewIds(version: string, limit: number, afterId = ''): Promise<string[]> {
    const rows = await this.db.all('SELECT id FROM reviews WHERE (model_version IS NULL OR model_version <> ?) AND id > ? ORDER BY id LIMIT ?', [
      version,
      afterId,
      Math.max(0, limit),
    ]);
    return rows.map((r) => String(r.id));
  }

  async *iterateReviews(batchSize = 1000): AsyncIterable<ReviewView> {
    let after = '';
    for (;;) {
      const rows = await this.db.all(`SELECT ${REVIEW_COLS} ${REVIEW_FROM} WHERE r.id > ? ORDER BY r.id LIMIT ?`, [after, Math.max(1, batchSize)]);
      if (rows.length === 0) return;
      for (const r of rows) yield toReview(r);
      after = String(rows[rows.length - 1]?.id);
    }
  }

  async counts(): Promise<{ films: number; reviews: number; critics: number; publications: number }> {
    const rows = await this.db.all(
      'SELECT (SELECT COUNT(*) FROM films) AS films, (SELECT COUNT(*) FROM reviews) AS reviews, (SELECT COUNT(*) FROM critics) AS critics, (SELECT COUNT(*) FROM publications) AS publications',
    );
    const r = rows[0] ?? {};
    return { films: Number(r.films ?? 0), reviews: Number(r.reviews ?? 0), critics: Number(r.critics ?? 0), publications: Number(r.publications ?? 0) };
  }

  // --- API keys ---

  async putApiKey(key: ApiKeyRow): Promise<void> {
    await this.tx((x) =>
      x.run('INSERT INTO api_keys (id, name, hash, created_at, revoked_at, role) VALUES (?, ?, ?, ?, ?, ?)', [
        key.id,
        clip(key.name, 300) ?? '',
        key.hash,
        key.createdAt,
        key.revokedAt,
        key.role ?? 'editor',
      ]),
    );
  }

  async getApiKey(id: string): Promise<ApiKeyRow | null> {
    const rows = await this.db.all(`SELECT ${KEY_COLS} FROM api_keys WHERE id = ?`, [id]);
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  async listApiKeys(): Promise<ApiKeyRow[]> {
    return (await this.db.all(`SELECT ${KEY_COLS} FROM api_keys ORDER BY created_at, id`)).map(toApiKey);
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return (await this.tx((x) => x.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]))) > 0;
  }

  // --- accounts and sessions ---

  async putUser(u: UserRow): Promise<void> {
    await this.tx((x) =>
      x.run(`INSERT INTO users (${USER_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        u.id,
        u.username.trim().toLowerCase(),
        u.role,
        u.passwordHash,
        u.createdAt,
        u.disabledAt,
        u.failedLogins,
        u.lockedUntil,
      ]),
    );
  }

  async getUser(id: string): Promise<UserRow | null> {
    const rows = await this.db.all(`SELECT ${USER_COLS} FROM users WHERE id = ?`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findUser(username: string): Promise<UserRow | null> {
    const rows = await this.db.all(`SELECT ${USER_COLS} FROM users WHERE username = ?`, [username.trim().toLowerCase()]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.db.all(`SELECT ${USER_COLS} FROM users ORDER BY created_at, username`)).map(toUser);
  }

  async updateUser(id: string, patch: UserPatch): Promise<boolean> {
    const cols: [string, unknown][] = [];
    if (patch.role !== undefined) cols.push(['role', patch.role]);
    if (patch.passwordHash !== undefined) cols.push(['password_hash', patch.passwordHash]);
    if (patch.disabledAt !== undefined) cols.push(['disabled_at', patch.disabledAt]);
    if (patch.failedLogins !== undefined) cols.push(['failed_logins', patch.failedLogins]);
    if (patch.lockedUntil !== undefined) cols.push(['locked_until', patch.lockedUntil]);
    if (cols.length === 0) return (await this.getUser(id)) !== null;
    const n = await this.tx((x) => x.run(`UPDATE users SET ${cols.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([, v]) => v), id]));
    return n > 0;
  }

  async putSession(s: SessionRow): Promise<void> {
    await this.tx((x) => x.run('INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [s.id, s.userId, s.csrf, s.createdAt, s.expiresAt]));
  }

  async getSession(id: string): Promise<SessionRow | null> {
    const rows = await this.db.all('SELECT id, user_id, csrf, created_at, expires_at FROM sessions WHERE id = ?', [id]);
    const r = rows[0];
    return r ? { id: String(r.id), userId: String(r.user_id), csrf: String(r.csrf), createdAt: String(r.created_at), expiresAt: String(r.expires_at) } : null;
  }

  async deleteSession(id: string): Promise<void> {
    await this.tx((x) => x.run('DELETE FROM sessions WHERE id = ?', [id]));
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return this.tx((x) => x.run('DELETE FROM sessions WHERE user_id = ?', [userId]));
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.tx((x) => x.run('DELETE FROM sessions WHERE expires_at < ?', [now]));
  }

  // --- editors' corrections ---

  async correct(c: NewCorrection, effects: CorrectionEffect[]): Promise<number> {
    const j = this.jsonParam();
    const enc = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
    return this.tx(async (x) => {
      const films = new Set<string>();
      if (c.filmId) films.add(c.filmId);
      for (const e of effects) {
        if (e.kind === 'overrides') {
          await x.run(`UPDATE reviews SET overrides = ${j} WHERE id = ?`, [enc(e.overrides), e.reviewId]);
          for (const r of await x.all('SELECT film_id FROM reviews WHERE id = ?', [e.reviewId])) films.add(String(r.film_id));
        } else if (e.kind === 'move') {
          for (const id of e.reviewIds) {
            const rows = await x.all('SELECT film_id, critic_id FROM reviews WHERE id = ?', [id]);
            const from = rows[0] ? String(rows[0].film_id) : null;
            if (!from || from === e.filmId) continue;
            await x.run('UPDATE reviews SET film_id = ? WHERE id = ?', [e.filmId, id]);
            await x.run('UPDATE films SET review_count = review_count - 1 WHERE id = ?', [from]);
            await x.run('UPDATE films SET review_count = review_count + 1 WHERE id = ?', [e.filmId]);
            films.add(from);
            films.add(e.filmId);
          }
        } else if (e.kind === 'merge') {
          await x.run('UPDATE films SET merged_into = ? WHERE id = ?', [e.into, e.from]);
          films.add(e.from);
          if (e.into) films.add(e.into);
        } else if (e.kind === 'franchise') {
          const name = clip(e.franchise, 300);
          await x.run('UPDATE films SET franchise = ?, franchise_key = ?, position = ? WHERE id = ?', [name, name ? nameKey(name) : null, e.position, e.filmId]);
          films.add(e.filmId);
        } else if (e.kind === 'publish') {
          await x.run('UPDATE films SET published_at = ? WHERE id = ?', [e.at, e.filmId]);
          films.add(e.filmId);
        }
      }
      const rows = await x.all(
        `INSERT INTO corrections (review_id, film_id, field, before_value, after_value, reason, user_name, created_at, undo, undoes) VALUES (?, ?, ?, ${j}, ${j}, ?, ?, ?, ${j}, ?) RETURNING id`,
        [c.reviewId, c.filmId, c.field, enc(c.before), enc(c.after), clip(c.reason, 2000), c.user, c.createdAt, enc(c.undo), c.undoes],
      );
      if (c.undoes !== null) await x.run('UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL', [c.createdAt, c.user, c.undoes]);
      const ids = [...films].sort();
      for (const part of chunks(ids, IN_CHUNK)) {
        const marks = part.map(() => '?').join(', ');
        await x.run(`DELETE FROM consensus WHERE film_id IN (${marks})`, part);
        await x.run(`UPDATE films SET edits = edits + 1 WHERE id IN (${marks})`, part);
      }
      return Number(rows[0]?.id);
    });
  }

  async getCorrection(id: number): Promise<CorrectionRow | null> {
    const rows = await this.db.all(`SELECT ${CORRECTION_COLS} FROM corrections WHERE id = ?`, [id]);
    return rows[0] ? toCorrection(rows[0]) : null;
  }

  async listCorrections(q: { reviewId?: string; filmId?: string; limit?: number }): Promise<CorrectionRow[]> {
    const limit = Math.max(1, Math.min(q.limit ?? 200, 10_000));
    if (q.reviewId !== undefined) {
      return (await this.db.all(`SELECT ${CORRECTION_COLS} FROM corrections WHERE review_id = ? ORDER BY id DESC LIMIT ?`, [q.reviewId, limit])).map(toCorrection);
    }
    if (q.filmId !== undefined) {
      return (
        await this.db.all(
          `SELECT ${CORRECTION_COLS} FROM corrections WHERE film_id = ? OR review_id IN (SELECT id FROM reviews WHERE film_id = ?) ORDER BY id DESC LIMIT ?`,
          [q.filmId, q.filmId, limit],
        )
      ).map(toCorrection);
    }
    return (await this.db.all(`SELECT ${CORRECTION_COLS} FROM corrections ORDER BY id DESC LIMIT ?`, [limit])).map(toCorrection);
  }

  async checkedCount(filmId: string): Promise<number> {
    const rows = await this.db.all('SELECT COUNT(*) AS n FROM reviews WHERE film_id = ? AND overrides IS NOT NULL', [filmId]);
    return Number(rows[0]?.n ?? 0);
  }

  // --- job queue ---

  async enqueueJobs(kind: string, payloads: unknown[]): Promise<number[]> {
    if (payloads.length === 0) return [];
    const now = new Date().toISOString();
    return this.tx(async (x) => {
      const ids: number[] = [];
      for (const part of chunks(payloads, CHUNK)) {
        const marks = part.map(() => `(?, ${this.jsonParam()}, ?)`).join(', ');
        const rows = await x.all(`INSERT INTO jobs (kind, payload, created_at) VALUES ${marks} RETURNING id`, part.flatMap((p) => [kind, JSON.stringify(p ?? null), now]));
        for (const r of rows) ids.push(Number(r.id));
      }
      return ids.sort((a, b) => a - b);
    });
  }

  protected static toJob = toJob;

  async completeJobs(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.tx(async (x) => {
      for (const part of chunks(ids, IN_CHUNK)) await x.run(`DELETE FROM jobs WHERE id IN (${part.map(() => '?').join(', ')})`, part);
    });
  }

  async releaseJob(id: number, error?: string): Promise<void> {
    await this.tx((x) => x.run('UPDATE jobs SET locked_by = NULL, locked_at = NULL, last_error = ? WHERE id = ?', [error ?? null, id]));
  }

  async renewJobs(ids: number[], worker: string): Promise<number> {
    if (ids.length === 0) return 0;
    const now = new Date().toISOString();
    return this.tx(async (x) => {
      let n = 0;
      for (const part of chunks(ids, IN_CHUNK)) n += await x.run(`UPDATE jobs SET locked_at = ? WHERE locked_by = ? AND id IN (${part.map(() => '?').join(', ')})`, [now, worker, ...part]);
      return n;
    });
  }

  async requeueStaleJobs(kind: string, olderThanMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - Math.max(0, olderThanMs)).toISOString();
    return this.tx((x) => x.run('UPDATE jobs SET locked_by = NULL, locked_at = NULL WHERE kind = ? AND locked_by IS NOT NULL AND locked_at < ?', [kind, cutoff]));
  }

  async jobCounts(kind: string): Promise<{ pending: number; claimed: number }> {
    const rows = await this.db.all(
      'SELECT SUM(CASE WHEN locked_by IS NULL THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN locked_by IS NULL THEN 0 ELSE 1 END) AS claimed FROM jobs WHERE kind = ?',
      [kind],
    );
    return { pending: Number(rows[0]?.pending ?? 0), claimed: Number(rows[0]?.claimed ?? 0) };
  }
}
