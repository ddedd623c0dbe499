-- API tokens: a member's bearer tokens for the write routes of the APIs (`Authorization: Bearer …`).
-- Only the SHA-256 of a token is kept; the member sees the token once, when it is made. Revoking deletes
-- the row. `last_used_at` is moved at most once a minute, so reads of the API do not turn into writes.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT
) STRICT;
CREATE INDEX api_tokens_member ON api_tokens (member_id, created_at);
