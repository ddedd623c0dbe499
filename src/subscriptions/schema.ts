/** Kysely's view of the subscription tables (migrations/<dialect>/0004_digest.sql), added to the store's schema. */
import type { ColumnType, Kysely } from 'kysely';
import type { Db, Schema } from '../db/schema.ts';

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';
export type Frequency = 'daily' | 'weekly';
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'admin';

export interface SubscriptionsTable {
  id: string;
  email: string;
  frequency: Frequency;
  categories: string;
  keywords: string;
  status: SubscriptionStatus;
  confirm_token_hash: string | null;
  confirm_sent_at: string | null;
  confirm_expires_at: string | null;
  token_version: ColumnType<number, number | undefined, number>;
  consent_at: string | null;
  consent_source: string | null;
  consent_ip_hash: string | null;
  created_at: string;
  updated_at: string;
  unsubscribed_at: string | null;
  /** The member who subscribed or saved preferences while signed in (0007_digest_more.sql). */
  member_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: the digest also picks papers like the ones `member_id` upvoted. */
  like_upvotes: ColumnType<number, number | undefined, number>;
}

export interface SuppressionsTable {
  email: string;
  reason: SuppressionReason;
  detail: string | null;
  created_at: string;
}

export interface DigestKeysTable {
  name: string;
  value: string;
  created_at: string;
}

export type SubscriptionSchema = {
  subscriptions: SubscriptionsTable;
  suppressions: SuppressionsTable;
  digest_keys: DigestKeysTable;
};

export type SubscriptionDb = Kysely<Schema & SubscriptionSchema>;

export function subscriptionDb(db: Db): SubscriptionDb {
  return db.withTables<SubscriptionSchema>();
}
