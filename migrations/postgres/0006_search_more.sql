-- Keywords and a one-line summary per paper (src/search/keyword-store.ts), and the document
-- frequencies their key phrases are weighed by.
--
-- paper_keywords: computed at ingest from the title and abstract (extractive: key phrases by TF-IDF,
-- the most central sentence of the abstract). A paper whose text changes loses its row (trigger below)
-- and is described again by the next ingest or `paperpulse reindex`.
CREATE TABLE paper_keywords (
  paper_id TEXT PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
  keywords TEXT NOT NULL,                      -- JSON array of key phrases, best first
  summary TEXT NOT NULL,                       -- one sentence of the abstract
  described_at TEXT NOT NULL
);

-- How many papers use each word in their title or abstract (lowercased words of keyphrases.ts).
-- Raised as papers are described; `paperpulse reindex` recounts it exactly.
CREATE TABLE term_papers (
  term TEXT PRIMARY KEY,
  papers INTEGER NOT NULL
);

CREATE FUNCTION paper_keywords_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM paper_keywords WHERE paper_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER paper_keywords_after_text_change
AFTER UPDATE OF title, abstract ON papers
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.abstract IS DISTINCT FROM NEW.abstract)
EXECUTE FUNCTION paper_keywords_forget();
