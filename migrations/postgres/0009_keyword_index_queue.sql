-- SQLite fills its keyword index by a queued step after an import (keyword_index_queue). PostgreSQL
-- computes paper_search in the server, in the import's own statements (trigger paper_search_after_write
-- in 0002_search.sql), so nothing is queued here: this migration keeps the two dialects' numbering
-- in step.
SELECT 1;
