/** Kysely's view of the community tables (migrations/<dialect>/0003_community.sql). */
import type { Kysely } from 'kysely';
import type { AccountsSchema } from '../accounts/accounts-schema.ts';
import type { Db, Schema } from '../db/schema.ts';

export interface UpvotesTable {
  member_id: string;
  paper_id: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  paper_id: string;
  member_id: string;
  parent_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_by: string | null;
}

export interface AuthorshipClaimsTable {
  member_id: string;
  paper_id: string;
  author_name: string;
  status: 'pending' | 'approved' | 'rejected';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface PaperStarsTable {
  paper_id: string;
  repo: string;
  observed_at: string;
  stars: number;
}

export type CommunitySchema = AccountsSchema & {
  upvotes: UpvotesTable;
  comments: CommentsTable;
  authorship_claims: AuthorshipClaimsTable;
  paper_stars: PaperStarsTable;
  /** The column 0003 adds to papers: the share of `upvotes` imported from elsewhere. */
  papers: { imported_upvotes: number };
};

export type CommunityDb = Kysely<Schema & CommunitySchema>;

export function communityDb(db: Db): CommunityDb {
  return db.withTables<CommunitySchema>();
}
