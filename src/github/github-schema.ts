/** Kysely's view of the GitHub table (migrations/<dialect>/0005_community_more.sql). */
import type { Kysely } from 'kysely';
import type { CommunitySchema } from '../community/community-schema.ts';
import type { Db, Schema } from '../db/schema.ts';

export interface GitHubReposTable {
  repo: string;
  etag: string | null;
  stars: number | null;
  status: 'ok' | 'not_found';
  checked_at: string;
}

export type GitHubDb = Kysely<Schema & CommunitySchema & { github_repos: GitHubReposTable }>;

export function githubDb(db: Db): GitHubDb {
  return db.withTables<CommunitySchema & { github_repos: GitHubReposTable }>();
}
