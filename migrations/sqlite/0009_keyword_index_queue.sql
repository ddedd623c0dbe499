-- The keyword index (papers_fts) is filled by a queued step after an import instead of a trigger per
-- inserted paper: tokenising every paper inside the import's transactions halved the import rate.
--
-- keyword_index_queue holds the rowids of papers whose text is not in papers_fts yet: new papers, and
-- papers whose indexed text changed (their old text is taken out of papers_fts at once, as FTS5's
-- external-content 'delete' needs the old values). src/search/keyword-index-queue.ts indexes them in
-- chunks; a keyword search first indexes whatever is still queued, so results never miss a paper.
CREATE TABLE keyword_index_queue (
  paper_rowid INTEGER PRIMARY KEY
) STRICT;

DROP TRIGGER papers_fts_after_insert;
DROP TRIGGER papers_fts_after_delete;
DROP TRIGGER papers_fts_after_update;

CREATE TRIGGER papers_fts_after_insert AFTER INSERT ON papers BEGIN
  INSERT OR IGNORE INTO keyword_index_queue (paper_rowid) VALUES (new.rowid);
END;

-- A queued paper is not in papers_fts: only an indexed one is taken out of it.
CREATE TRIGGER papers_fts_after_delete AFTER DELETE ON papers BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, authors, abstract, categories)
  SELECT 'delete', old.rowid, old.title, old.authors, old.abstract, old.categories
  WHERE NOT EXISTS (SELECT 1 FROM keyword_index_queue WHERE paper_rowid = old.rowid);
  DELETE FROM keyword_index_queue WHERE paper_rowid = old.rowid;
END;

CREATE TRIGGER papers_fts_after_update AFTER UPDATE OF title, authors, abstract, categories ON papers
WHEN old.title IS NOT new.title OR old.authors IS NOT new.authors
  OR old.abstract IS NOT new.abstract OR old.categories IS NOT new.categories
BEGIN
  INSERT INTO papers_fts (papers_fts, rowid, title, authors, abstract, categories)
  SELECT 'delete', old.rowid, old.title, old.authors, old.abstract, old.categories
  WHERE NOT EXISTS (SELECT 1 FROM keyword_index_queue WHERE paper_rowid = old.rowid);
  INSERT OR IGNORE INTO keyword_index_queue (paper_rowid) VALUES (new.rowid);
END;
