-- The community: members, sign-in links, sessions, upvotes, comments, claimed authorship, GitHub stars.
-- Times are ISO 8601 UTC text, as everywhere in the store. Ids are random text made by the app.

-- A member is an account; `email` is stored lower-cased; `username` never changes (listings name it).
CREATE TABLE members (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'editor', 'admin')),
  created_at TEXT NOT NULL
);

-- An emailed sign-in link: only the SHA-256 of its token is kept. `ip_hash` feeds the per-IP rate limit.
CREATE TABLE sign_in_links (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  ip_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_links_email ON sign_in_links (email, created_at);
CREATE INDEX sign_in_links_ip ON sign_in_links (ip_hash, created_at);

-- A server-side session: the cookie holds a random id, the store its SHA-256.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_member ON sessions (member_id);

-- One upvote per member and paper. papers.upvotes = papers.imported_upvotes + the rows here for it,
-- kept exact by changing both in one transaction.
CREATE TABLE upvotes (
  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (member_id, paper_id)
);
CREATE INDEX upvotes_paper ON upvotes (paper_id, created_at);

-- The share of papers.upvotes that came from imports (the Hugging Face feed), not from members here.
ALTER TABLE papers ADD COLUMN imported_upvotes INTEGER NOT NULL DEFAULT 0;
UPDATE papers SET imported_upvotes = upvotes;

-- Comments on a paper, with one level of replies (`parent_id` names a top-level comment).
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT,
  hidden_by TEXT REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX comments_paper ON comments (paper_id, created_at);
CREATE INDEX comments_member ON comments (member_id, created_at);

-- A member's claim to be one of a paper's authors; an editor approves or rejects it.
CREATE TABLE authorship_claims (
  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  author_name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at TEXT NOT NULL,
  decided_by TEXT REFERENCES members (id) ON DELETE SET NULL,
  decided_at TEXT,
  PRIMARY KEY (member_id, paper_id)
);

-- GitHub star counts of a paper's code repositories, one row per observation; trending uses the gain.
CREATE TABLE paper_stars (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  repo TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  stars INTEGER NOT NULL,
  PRIMARY KEY (paper_id, repo, observed_at)
);
