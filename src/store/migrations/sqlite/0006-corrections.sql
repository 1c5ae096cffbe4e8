-- Editors' corrections: the fields an editor set on a review (JSON, applied over the model's card when read, so
-- they survive re-analysis and re-import), films merged into another, published film pages, and the audit log
-- (who, when, what, before, after, why; each row also holds the change that undoes it).
ALTER TABLE reviews ADD COLUMN overrides TEXT;
ALTER TABLE films ADD COLUMN merged_into TEXT;
ALTER TABLE films ADD COLUMN published_at TEXT;
ALTER TABLE films ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;

CREATE TABLE corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT,
  film_id TEXT,
  field TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT,
  reason TEXT,
  user_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undo TEXT,
  undoes INTEGER,
  undone_at TEXT,
  undone_by TEXT
);
CREATE INDEX corrections_review ON corrections (review_id, id);
CREATE INDEX corrections_film ON corrections (film_id, id);
