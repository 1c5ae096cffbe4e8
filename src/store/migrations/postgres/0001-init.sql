-- Verdict schema, PostgreSQL dialect. Full-text search: stored generated tsvector columns with GIN indexes.
CREATE TABLE films (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  key TEXT NOT NULL,
  year INTEGER,
  franchise TEXT,
  franchise_key TEXT,
  position INTEGER,
  review_count INTEGER NOT NULL DEFAULT 0,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED
);
CREATE INDEX films_key ON films (key);
CREATE INDEX films_franchise ON films (franchise_key);
CREATE INDEX films_reviews ON films (review_count DESC, title);
CREATE INDEX films_search ON films USING GIN (search);

CREATE TABLE critics (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  top_critic BOOLEAN NOT NULL DEFAULT FALSE,
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
  rating DOUBLE PRECISION,
  label BOOLEAN,
  top_critic BOOLEAN NOT NULL DEFAULT FALSE,
  card JSONB,
  model_version TEXT,
  source TEXT,
  created_at TEXT NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);
CREATE INDEX reviews_film ON reviews (film_id);
CREATE INDEX reviews_critic ON reviews (critic_id);
CREATE INDEX reviews_publication ON reviews (publication_id);
CREATE INDEX reviews_model ON reviews (model_version);
CREATE INDEX reviews_search ON reviews USING GIN (search);

CREATE TABLE chronology (
  from_film_id TEXT NOT NULL REFERENCES films (id),
  to_film_id TEXT NOT NULL REFERENCES films (id),
  relation TEXT NOT NULL CHECK (relation IN ('before', 'after')),
  review_id TEXT,
  PRIMARY KEY (from_film_id, to_film_id, relation)
);

CREATE TABLE consensus (
  film_id TEXT PRIMARY KEY REFERENCES films (id),
  data JSONB NOT NULL,
  review_count INTEGER NOT NULL,
  computed_at TEXT NOT NULL
);

-- Work queue for analysis workers: claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  payload JSONB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_by TEXT,
  locked_at TIMESTAMPTZ,
  last_error TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_pending ON jobs (kind, id) WHERE locked_by IS NULL;
