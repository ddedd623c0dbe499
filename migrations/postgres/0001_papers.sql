-- Papers (the latest version's metadata), their version history, listings and ingest cursors.
-- Times are ISO 8601 UTC text, as in SQLite, so both stores return identical values.
CREATE TABLE papers (
  id TEXT PRIMARY KEY,
  latest_version INTEGER NOT NULL DEFAULT 1,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '[]',
  primary_category TEXT,
  categories TEXT NOT NULL DEFAULT '[]',
  published_at TEXT,
  updated_at TEXT,
  comment TEXT,
  journal_ref TEXT,
  doi TEXT,
  license TEXT,
  code_urls TEXT NOT NULL DEFAULT '[]',
  upvotes INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);
CREATE INDEX papers_published_at ON papers (published_at);

CREATE TABLE paper_categories (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  PRIMARY KEY (category, paper_id)
);
CREATE INDEX paper_categories_paper ON paper_categories (paper_id);

CREATE TABLE paper_versions (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  submitted_at TEXT,
  size TEXT,
  title TEXT,
  abstract TEXT,
  PRIMARY KEY (paper_id, version)
);

CREATE TABLE listings (
  day TEXT NOT NULL,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  submitted_by TEXT,
  submitter_name TEXT,
  source TEXT NOT NULL,
  PRIMARY KEY (day, paper_id)
);
CREATE UNIQUE INDEX listings_paper ON listings (paper_id);
CREATE INDEX listings_day_position ON listings (day, position);

CREATE TABLE ingest_cursors (
  source TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
