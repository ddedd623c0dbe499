-- More digests: "like my upvotes". A subscription remembers the member who subscribed (or saved its
-- preferences) while signed in; with like_upvotes = 1 its digest also picks papers like the ones that
-- member upvoted. Deleting the member forgets the link (and with it the papers to be like).
ALTER TABLE subscriptions ADD COLUMN member_id TEXT REFERENCES members (id) ON DELETE SET NULL;
ALTER TABLE subscriptions ADD COLUMN like_upvotes INTEGER NOT NULL DEFAULT 0 CHECK (like_upvotes IN (0, 1));
