-- Search: the keyword index over papers and the stored paper vectors.
--
-- paper_search holds one weighted tsvector per paper, kept in step by a trigger on papers (a separate
-- table, so `SELECT * FROM papers` does not carry the vector around). Weights: A title, B authors,
-- C abstract, D categories; ts_rank() turns them into the field weights of the ranking query.
CREATE TABLE paper_search (
  paper_id TEXT PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
  document tsvector NOT NULL
);
CREATE INDEX paper_search_document ON paper_search USING GIN (document);

CREATE FUNCTION paper_search_document(title TEXT, authors TEXT, abstract TEXT, categories TEXT)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('english', coalesce(authors, '')), 'B')
      || setweight(to_tsvector('english', coalesce(abstract, '')), 'C')
      || setweight(to_tsvector('english', coalesce(categories, '')), 'D')
$$;

CREATE FUNCTION paper_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO paper_search (paper_id, document)
  VALUES (NEW.id, paper_search_document(NEW.title, NEW.authors, NEW.abstract, NEW.categories))
  ON CONFLICT (paper_id) DO UPDATE SET document = EXCLUDED.document;
  RETURN NULL;
END
$$;

CREATE TRIGGER paper_search_after_write
AFTER INSERT OR UPDATE OF title, authors, abstract, categories ON papers
FOR EACH ROW EXECUTE FUNCTION paper_search_refresh();

INSERT INTO paper_search (paper_id, document)
SELECT id, paper_search_document(title, authors, abstract, categories) FROM papers;

-- An exact title typed into the search box jumps to the top: found through this index, not a scan.
CREATE INDEX papers_title_lower ON papers (lower(title));

-- One vector per paper and embedding model; a model switch re-embeds, never mixes (`model` is part of the key).
-- `vector` is little-endian float32, `dimension` values long.
CREATE TABLE paper_vectors (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dimension INTEGER NOT NULL,
  vector BYTEA NOT NULL,
  embedded_at TEXT NOT NULL,
  PRIMARY KEY (model, paper_id)
);

-- A model trained from the papers in the store (its vocabulary and term vectors), by model id.
CREATE TABLE embedding_models (
  model TEXT PRIMARY KEY,
  dimension INTEGER NOT NULL,
  trained_on INTEGER NOT NULL,
  data BYTEA NOT NULL,
  trained_at TEXT NOT NULL
);

-- A paper whose text changed has no vector until it is embedded again (search re-embeds what lacks one).
CREATE FUNCTION paper_vectors_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM paper_vectors WHERE paper_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER paper_vectors_after_text_change
AFTER UPDATE OF title, abstract ON papers
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.abstract IS DISTINCT FROM NEW.abstract)
EXECUTE FUNCTION paper_vectors_forget();
