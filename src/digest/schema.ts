/** Kysely's view of digest runs and deliveries (migrations/<dialect>/0004_digest.sql). */
import type { Kysely } from 'kysely';
import type { Db, Schema } from '../db/schema.ts';
import type { SubscriptionSchema } from '../subscriptions/schema.ts';

export type RunStatus = 'open' | 'paused' | 'done';
export type DeliveryStatus =
  | 'pending'
  | 'sending'
  | 'sent'
  | 'skipped'
  | 'suppressed'
  | 'failed'
  | 'uncertain';

export interface DigestRunsTable {
  id: string;
  list: string;
  period: string;
  status: RunStatus;
  runner: string | null;
  runner_seen_at: string | null;
  note: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DeliveriesTable {
  run_id: string;
  subscription_id: string;
  status: DeliveryStatus;
  message_id: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  claimed_at: string | null;
  finished_at: string | null;
}

export type DigestSchema = SubscriptionSchema & {
  digest_runs: DigestRunsTable;
  deliveries: DeliveriesTable;
};

export type DigestDb = Kysely<Schema & DigestSchema>;

export function digestDb(db: Db): DigestDb {
  return db.withTables<DigestSchema>();
}
