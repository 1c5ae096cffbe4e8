-- Verdict schema, SQLite dialect. Full-text search: FTS5 external-content tables kept in step by triggers.
CREATE TABLE films (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  key TEXT NOT NULL,
  year INTEGER,
  franchise TEXT,
  franchise_key TEXT,
  position INTEGER,
  review_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX films_key ON films (key);
CREATE INDEX films_franchise ON films (franchise_key);
CREATE INDEX films_reviews ON films (review_count DESC, title);

CREATE VIRTUAL TABLE films_fts USING fts5 (title, content = 'films', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER films_ai AFTER INSERT ON films BEGIN
  INSERT INTO films_fts (rowid, title) VALUES (new.rowid, new.title);
END;
CREATE TRIGGER films_ad AFTER DELETE ON films BEGIN
  INSERT INTO films_fts (films_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;

CREATE TABLE critics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  top_critic INTEGER NOT NULL DEFAULT 0,
  review_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  review_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  film_id TEXT NOT NULL REFERENCES films (id),
  critic_id TEXT REFERENCES critics (id),
  publication_id TEXT REFERENCES publications (id),
  date TEXT,
  url TEXT,
  text TEXT NOT NULL,
  raw_rating TEXT,
  rating REAL,
  label INTEGER,
  top_critic INTEGER NOT NULL DEFAULT 0,
  card TEXT,
  model_version TEXT,
  source TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX reviews_film ON reviews (film_id);
CREATE INDEX reviews_critic ON reviews (critic_id);
CREATE INDEX reviews_publication ON reviews (publication_id);
CREATE INDEX reviews_model ON reviews (model_version);

CREATE VIRTUAL TABLE reviews_fts USING fts5 (text, content = 'reviews', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER reviews_ai AFTER INSERT ON reviews BEGIN
  INSERT INTO reviews_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER reviews_ad AFTER DELETE ON reviews BEGIN
  INSERT INTO reviews_fts (reviews_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TABLE chronology (
  from_film_id TEXT NOT NULL REFERENCES films (id),
  to_film_id TEXT NOT NULL REFERENCES films (id),
  relation TEXT NOT NULL CHECK (relation IN ('before', 'after')),
  review_id TEXT,
  PRIMARY KEY (from_film_id, to_film_id, relation)
);

CREATE TABLE consensus (
  film_id TEXT PRIMARY KEY REFERENCES films (id),
  data TEXT NOT NULL,
  review_count INTEGER NOT NULL,
  computed_at TEXT NOT NULL
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_by TEXT,
  locked_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX jobs_pending ON jobs (kind, locked_by, id);
