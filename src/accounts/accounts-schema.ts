/** Kysely's view of the account tables (migrations/<dialect>/0003_community.sql). */
import type { Kysely } from 'kysely';
import type { Db, Schema } from '../db/schema.ts';

export type Role = 'member' | 'editor' | 'admin';

export interface MembersTable {
  id: string;
  email: string;
  username: string;
  display_name: string;
  role: Role;
  created_at: string;
}

export interface SignInLinksTable {
  token_hash: string;
  email: string;
  ip_hash: string;
  created_at: string;
  expires_at: string;
  uses: number;
}

export interface SessionsTable {
  id_hash: string;
  member_id: string;
  created_at: string;
  expires_at: string;
}

export type AccountsSchema = {
  members: MembersTable;
  sign_in_links: SignInLinksTable;
  sessions: SessionsTable;
};

export type AccountsDb = Kysely<Schema & AccountsSchema>;

export function accountsDb(db: Db): AccountsDb {
  return db.withTables<AccountsSchema>();
}
