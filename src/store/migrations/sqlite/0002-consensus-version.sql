-- The aggregator version a cached consensus was computed with (a new version makes it stale).
ALTER TABLE consensus ADD COLUMN version TEXT;
