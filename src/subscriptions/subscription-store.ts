/** Subscriptions and the suppression list in the store (one Kysely implementation for both dialects). */
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/schema.ts';
import {
  type Frequency,
  type SubscriptionDb,
  type SubscriptionStatus,
  type SubscriptionsTable,
  type SuppressionReason,
  subscriptionDb,
} from './schema.ts';
import type { Topics } from './topics.ts';

export interface Subscription {
  readonly id: string;
  readonly email: string;
  readonly frequency: Frequency;
  readonly topics: Topics;
  readonly status: SubscriptionStatus;
  readonly tokenVersion: number;
  readonly confirmSentAt: string | null;
  readonly confirmExpiresAt: string | null;
  readonly consentAt: string | null;
  readonly consentSource: string | null;
  /** The member it remembers (who subscribed or saved preferences signed in), or null. */
  readonly memberId: string | null;
  /** "Like my upvotes": the digest also picks papers like the ones `memberId` upvoted. */
  readonly likeUpvotes: boolean;
}

/** "Like my upvotes" as a request sets it: the member asking (when signed in) and whether it is on. */
export interface UpvoteLikes {
  readonly memberId: string | null;
  readonly on: boolean;
}

export const NO_LIKES: UpvoteLikes = { memberId: null, on: false };

export interface NewSubscription {
  readonly email: string;
  readonly frequency: Frequency;
  readonly topics: Topics;
  readonly status: SubscriptionStatus;
  readonly consentSource: string;
  readonly consentIpHash: string | null;
  readonly consentAt: string | null;
  readonly likes?: UpvoteLikes;
}

export function newSubscriptionId(): string {
  return randomBytes(16).toString('base64url');
}

export class SubscriptionStore {
  readonly db: SubscriptionDb;

  constructor(db: Db) {
    this.db = subscriptionDb(db);
  }

  async byEmail(email: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async byId(id: string): Promise<Subscription | null> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async byConfirmHash(hash: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('confirm_token_hash', '=', hash)
      .executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Inserts unless the address is there already; true when inserted. */
  async insert(values: NewSubscription, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = await this.db
      .insertInto('subscriptions')
      .values({
        id: newSubscriptionId(),
        email: values.email,
        frequency: values.frequency,
        categories: JSON.stringify(values.topics.categories),
        keywords: JSON.stringify(values.topics.keywords),
        status: values.status,
        consent_source: values.consentSource,
        consent_ip_hash: values.consentIpHash,
        consent_at: values.consentAt,
        ...likeColumns(values.likes ?? NO_LIKES),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Records a confirmation request: new preferences, the hash of the token just mailed, when it was sent
   * and when it expires — unless one was sent after `resendAfter` (at most one per address per interval).
   * True when this call won the right to send.
   */
  async startConfirmation(
    id: string,
    request: {
      frequency: Frequency;
      topics: Topics;
      consentSource: string;
      consentIpHash: string | null;
      likes: UpvoteLikes;
    },
    tokenHash: string,
    now: Date,
    expiresAt: Date,
    resendAfter: Date,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('subscriptions')
      .set({
        frequency: request.frequency,
        categories: JSON.stringify(request.topics.categories),
        keywords: JSON.stringify(request.topics.keywords),
        status: 'pending',
        confirm_token_hash: tokenHash,
        confirm_sent_at: now.toISOString(),
        confirm_expires_at: expiresAt.toISOString(),
        consent_source: request.consentSource,
        consent_ip_hash: request.consentIpHash,
        ...likeColumns(request.likes),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .where('status', '!=', 'confirmed')
      .where((eb) =>
        eb.or([eb('confirm_sent_at', 'is', null), eb('confirm_sent_at', '<=', resendAfter.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Marks a notice sent to a confirmed address (same once-per-interval rule); true when this call may send. */
  async claimNotice(id: string, now: Date, resendAfter: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('subscriptions')
      .set({ confirm_sent_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('confirm_sent_at', 'is', null), eb('confirm_sent_at', '<=', resendAfter.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Confirms the pending subscription whose token hashes to `hash`, if not expired; returns it. */
  async confirm(hash: string, now: Date): Promise<Subscription | null> {
    const found = await this.byConfirmHash(hash);
    if (found?.status !== 'pending') return null;
    const result = await this.db
      .updateTable('subscriptions')
      .set({
        status: 'confirmed',
        confirm_token_hash: null,
        consent_at: now.toISOString(),
        updated_at: now.toISOString(),
        unsubscribed_at: null,
      })
      .where('id', '=', found.id)
      .where('confirm_token_hash', '=', hash)
      .where('status', '=', 'pending')
      .where('confirm_expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? this.byId(found.id) : null;
  }

  /** New frequency and topics; `likes` (when given) replaces the "like my upvotes" choice. */
  async updatePreferences(
    id: string,
    frequency: Frequency,
    topics: Topics,
    now: Date,
    likes?: UpvoteLikes,
  ): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({
        frequency,
        categories: JSON.stringify(topics.categories),
        keywords: JSON.stringify(topics.keywords),
        ...(likes ? likeColumns(likes) : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: string, status: 'confirmed' | 'unsubscribed', now: Date, source?: string) {
    await this.db
      .updateTable('subscriptions')
      .set({
        status,
        updated_at: now.toISOString(),
        unsubscribed_at: status === 'unsubscribed' ? now.toISOString() : null,
        ...(status === 'confirmed' ? { consent_at: now.toISOString(), consent_source: source ?? null } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Forgets confirmation requests nobody confirmed in time. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('subscriptions')
      .where('status', '=', 'pending')
      .where('confirm_expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Every subscription, by email, a page at a time (for `subscribers export`). */
  async page(afterEmail: string, limit: number): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('email', '>', afterEmail)
      .orderBy('email')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Confirmed subscribers of one list, by id, a page at a time. */
  async confirmedPage(frequency: Frequency, afterId: string, limit: number): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('frequency', '=', frequency)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  async isSuppressed(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('suppressions')
      .select('email')
      .where('email', '=', email)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Adds an address to the suppression list (the first reason stays). */
  async suppress(email: string, reason: SuppressionReason, detail: string | null, now: Date): Promise<void> {
    await this.db
      .insertInto('suppressions')
      .values({ email, reason, detail: detail?.slice(0, 500) ?? null, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  }
}

export function fromRow(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    email: row.email,
    frequency: row.frequency,
    topics: { categories: JSON.parse(row.categories), keywords: JSON.parse(row.keywords) },
    status: row.status,
    tokenVersion: Number(row.token_version),
    confirmSentAt: row.confirm_sent_at,
    confirmExpiresAt: row.confirm_expires_at,
    consentAt: row.consent_at,
    consentSource: row.consent_source,
    memberId: row.member_id,
    likeUpvotes: Number(row.like_upvotes) === 1 && row.member_id !== null,
  };
}

/** "Like my upvotes" needs a member: without one it is off, whatever was asked. */
function likeColumns(likes: UpvoteLikes): { member_id: string | null; like_upvotes: number } {
  return { member_id: likes.memberId, like_upvotes: likes.on && likes.memberId !== null ? 1 : 0 };
}
