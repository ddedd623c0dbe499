-- More community: what `paperpulse stars refresh` remembers about each GitHub repository between runs.

-- One row per repository (`owner/name`, lower-cased): the ETag and star count of GitHub's last full
-- answer, so the next request is conditional (If-None-Match); a 304 keeps `stars` and costs no rate limit.
CREATE TABLE github_repos (
  repo TEXT PRIMARY KEY,
  etag TEXT,
  stars INTEGER,
  status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'not_found')),
  checked_at TEXT NOT NULL
);

-- Trending reads the stars of a paper in a time window.
CREATE INDEX paper_stars_observed ON paper_stars (paper_id, observed_at);
