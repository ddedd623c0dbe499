-- The chat model that wrote a paper's one-line summary (src/search/summarize-papers.ts), when an
-- OpenAI-compatible chat server is configured (SUMMARY_URL, SUMMARY_MODEL). NULL: the summary is the
-- extractive one of keyword-store.ts, as every paper is described (and described again: a changed text,
-- `paperpulse reindex`). Papers whose summary another model wrote, or none, are summarized again.
ALTER TABLE paper_keywords ADD COLUMN summary_model TEXT;
