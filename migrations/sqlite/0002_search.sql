-- Search: the keyword index over papers and the stored paper vectors.
--
-- papers_fts is an FTS5 index whose text lives in `papers` (external content, so nothing is stored
-- twice), keyed by papers.rowid and kept in step by the triggers below. Columns, in bm25() weight order:
-- title, authors, abstract, categories. Porter stemming over unicode61 words, accents folded.
-- papers has no INTEGER PRIMARY KEY, so a VACUUM may renumber its rowids: run `paperpulse reindex`
-- after one (it rebuilds this index from `papers`).
CREATE VIRTUAL TABLE papers_fts USING fts5(
  title, authors, abstract, categories,
  content = 'papers', content_rowid = 'rowid',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO papers_fts (papers_fts) VALUES ('rebuild');

CREATE TRIGGER papers_fts_after_insert AFTER INSERT ON papers BEGIN
  INSERT INTO papers_fts (rowid, title, authors, abstract, categories)
  VALUES (new.rowid, new.title, new.authors, new.abstract, new.categories);
END;
CREATE TRIGGER papers_fts_after_delete AFTER DELETE ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, authors, abstract, categories)
  VALUES ('delete', old.rowid, old.title, old.authors, old.abstract, old.categories);
END;
CREATE TRIGGER papers_fts_after_update AFTER UPDATE OF title, authors, abstract, categories ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, authors, abstract, categories)
  VALUES ('delete', old.rowid, old.title, old.authors, old.abstract, old.categories);
  INSERT INTO papers_fts (rowid, title, authors, abstract, categories)
  VALUES (new.rowid, new.title, new.authors, new.abstract, new.categories);
END;

-- An exact title typed into the search box jumps to the top: found through this index, not a scan.
CREATE INDEX papers_title_lower ON papers (lower(title));

-- One vector per paper and embedding model; a model switch re-embeds, never mixes (`model` is part of the key).
-- `vector` is little-endian float32, `dimension` values long.
CREATE TABLE paper_vectors (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dimension INTEGER NOT NULL,
  vector BLOB NOT NULL,
  embedded_at TEXT NOT NULL,
  PRIMARY KEY (model, paper_id)
) STRICT;                                      -- a rowid table: rows of a kilobyte and more pack badly WITHOUT ROWID

-- A model trained from the papers in the store (its vocabulary and term vectors), by model id.
CREATE TABLE embedding_models (
  model TEXT PRIMARY KEY,
  dimension INTEGER NOT NULL,
  trained_on INTEGER NOT NULL,                 -- how many papers it learnt from
  data BLOB NOT NULL,
  trained_at TEXT NOT NULL
) STRICT;

-- A paper whose text changed has no vector until it is embedded again (search re-embeds what lacks one).
CREATE TRIGGER paper_vectors_after_text_change AFTER UPDATE OF title, abstract ON papers
WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract
BEGIN
  DELETE FROM paper_vectors WHERE paper_id = new.id;
END;
