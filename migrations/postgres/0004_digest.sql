-- Email digests: subscriptions (double opt-in, consent), the suppression list, digest runs and deliveries.
-- Times are ISO 8601 UTC text. Tokens are never stored: only SHA-256 hashes of confirmation tokens.

-- One row per email address. A subscriber is a subscription whose status is 'confirmed'.
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,                         -- random, used in Message-IDs and tokenised links
  email TEXT NOT NULL UNIQUE,                  -- trimmed, lower-cased
  frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  categories TEXT NOT NULL DEFAULT '[]',       -- JSON array of arXiv categories
  keywords TEXT NOT NULL DEFAULT '[]',         -- JSON array of keywords
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
  confirm_token_hash TEXT UNIQUE,              -- sha256 of the confirmation token, until confirmed
  confirm_sent_at TEXT,                        -- the last confirmation email (at most one per 10 minutes)
  confirm_expires_at TEXT,
  token_version INTEGER NOT NULL DEFAULT 1,    -- bumping it voids every preferences/unsubscribe link
  consent_at TEXT,                             -- when the address confirmed (or was imported as confirmed)
  consent_source TEXT,                         -- banner, form, import
  consent_ip_hash TEXT,                        -- keyed hash of the requesting IP, never the IP itself
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  unsubscribed_at TEXT
);
CREATE INDEX subscriptions_status_frequency ON subscriptions (status, frequency, id);

-- Addresses nothing is ever sent to: hard bounces, complaints, admin entries.
CREATE TABLE suppressions (
  email TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'admin')),
  detail TEXT,
  created_at TEXT NOT NULL
);

-- One digest run per list and period ('daily' '2025-03-14', 'weekly' '2025-W11').
CREATE TABLE digest_runs (
  id TEXT PRIMARY KEY,                         -- '<list>:<period>'
  list TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paused', 'done')),
  runner TEXT,                                 -- who holds the run: host:pid:random
  runner_seen_at TEXT,                         -- the runner's last heartbeat
  note TEXT,                                   -- why it paused
  created_at TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (list, period)
);

-- One delivery per run and subscription. pending → sending (claimed) → sent | skipped | suppressed |
-- failed | uncertain (a claim a crashed runner left behind: reported, never silently resent).
CREATE TABLE deliveries (
  run_id TEXT NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'suppressed', 'failed', 'uncertain')),
  message_id TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  claimed_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (run_id, subscription_id)
);
CREATE INDEX deliveries_run_status ON deliveries (run_id, status, next_attempt_at);

-- Store-wide secrets created on first use (the key of tokenised links and IP hashes), when not configured.
CREATE TABLE digest_keys (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);
