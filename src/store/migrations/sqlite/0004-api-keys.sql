-- API keys for writes: only a SHA-256 hash of each key is stored. IF NOT EXISTS: databases of earlier
-- versions may already hold this table (the server created it on open), with the same columns.
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
