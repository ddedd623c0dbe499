/**
 * Digest runs and deliveries in the store. A run is unique per list and period; its deliveries are
 * unique per run and subscription and move pending → sending (claimed) → sent | skipped | suppressed |
 * failed | uncertain. One runner holds a run at a time (a lease renewed by heartbeats).
 */
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { Topics } from '../subscriptions/topics.ts';
import type { DigestPeriod } from './digest-period.ts';
import { messageIdParts } from './message-id.ts';
import { type DeliveryStatus, type DigestDb, digestDb, type RunStatus } from './schema.ts';

export interface DigestRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly runner: string | null;
  readonly runnerSeenAt: string | null;
  readonly note: string | null;
}

/** A pending delivery with what sending it needs to know now (not at snapshot time). */
export interface DueDelivery {
  readonly subscriptionId: string;
  readonly email: string;
  readonly subscribed: boolean;
  readonly suppressed: boolean;
  readonly topics: Topics;
  readonly tokenVersion: number;
  /** The member whose upvotes the digest follows ("like my upvotes"), or null. */
  readonly upvotesOf: string | null;
  readonly messageId: string;
  readonly attempts: number;
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

export class RunStore {
  private readonly db: DigestDb;

  constructor(db: Db) {
    this.db = digestDb(db);
  }

  /**
   * Opens the run of a period, once: the run and its snapshot of confirmed subscribers (one pending
   * delivery each) are written in one transaction. An existing run is returned as it is.
   */
  async open(period: DigestPeriod, host: string, now: Date): Promise<DigestRun> {
    const id = `${period.list}:${period.key}`;
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('digest_runs')
        .values({
          id,
          list: period.list,
          period: period.key,
          status: 'open',
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['list', 'period']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      const { prefix, suffix } = messageIdParts(period.list, period.key, host);
      await trx
        .insertInto('deliveries')
        .columns(['run_id', 'subscription_id', 'status', 'message_id', 'next_attempt_at'])
        .expression(
          trx
            .selectFrom('subscriptions')
            .select([
              sql.val(id).as('run_id'),
              'id',
              sql.val('pending').as('status'),
              sql<string>`${prefix} || id || ${suffix}`.as('message_id'),
              sql.val(now.toISOString()).as('next_attempt_at'),
            ])
            .where('status', '=', 'confirmed')
            .where('frequency', '=', period.list),
        )
        .onConflict((oc) => oc.columns(['run_id', 'subscription_id']).doNothing())
        .execute();
    });
    const run = await this.get(id);
    if (!run) throw new Error(`digest run ${id} vanished`);
    return run;
  }

  async get(id: string): Promise<DigestRun | null> {
    const row = await this.db.selectFrom('digest_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row
      ? {
          id: row.id,
          status: row.status,
          runner: row.runner,
          runnerSeenAt: row.runner_seen_at,
          note: row.note,
        }
      : null;
  }

  /** Takes the run for `runner` if nobody holds it, or its holder is `stale`; true when taken. */
  async acquire(id: string, runner: string, now: Date, stale: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('digest_runs')
      .set({ runner, runner_seen_at: now.toISOString() })
      .where('id', '=', id)
      .where((eb) => (stale === null ? eb('runner', 'is', null) : eb('runner', '=', stale)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async heartbeat(id: string, runner: string, now: Date): Promise<void> {
    await this.db
      .updateTable('digest_runs')
      .set({ runner_seen_at: now.toISOString() })
      .where('id', '=', id)
      .where('runner', '=', runner)
      .execute();
  }

  async release(id: string, runner: string, status: RunStatus, note: string | null, now: Date) {
    await this.db
      .updateTable('digest_runs')
      .set({
        runner: null,
        runner_seen_at: null,
        status,
        note,
        finished_at: status === 'done' ? now.toISOString() : null,
      })
      .where('id', '=', id)
      .where('runner', '=', runner)
      .execute();
  }

  /** Claims a crashed runner left unfinished: they may or may not have gone out, so they are not resent. */
  async markInFlightUncertain(id: string, now: Date): Promise<number> {
    const result = await this.db
      .updateTable('deliveries')
      .set({
        status: 'uncertain',
        finished_at: now.toISOString(),
        last_error: 'the runner stopped while sending; it may or may not have been delivered',
      })
      .where('run_id', '=', id)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Pending deliveries due by `now`, in a stable order. */
  async due(id: string, now: Date, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .innerJoin('subscriptions', 'subscriptions.id', 'deliveries.subscription_id')
      .leftJoin('suppressions', 'suppressions.email', 'subscriptions.email')
      .select([
        'deliveries.subscription_id',
        'deliveries.message_id',
        'deliveries.attempts',
        'subscriptions.email',
        'subscriptions.status',
        'subscriptions.categories',
        'subscriptions.keywords',
        'subscriptions.token_version',
        'subscriptions.member_id',
        'subscriptions.like_upvotes',
        'suppressions.reason',
      ])
      .where('deliveries.run_id', '=', id)
      .where('deliveries.status', '=', 'pending')
      .where('deliveries.next_attempt_at', '<=', now.toISOString())
      .orderBy('deliveries.subscription_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      subscriptionId: row.subscription_id,
      email: row.email,
      subscribed: row.status === 'confirmed',
      suppressed: row.reason !== null,
      topics: { categories: JSON.parse(row.categories), keywords: JSON.parse(row.keywords) },
      tokenVersion: Number(row.token_version),
      upvotesOf: Number(row.like_upvotes) === 1 ? row.member_id : null,
      messageId: row.message_id,
      attempts: Number(row.attempts),
    }));
  }

  /** pending → sending; false when someone else changed it first. */
  async claim(id: string, subscriptionId: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('deliveries')
      .set({ status: 'sending', claimed_at: now.toISOString() })
      .where('run_id', '=', id)
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Settles a delivery for good (from pending, or from sending after a claim). */
  async finish(
    id: string,
    subscriptionId: string,
    status: 'sent' | 'skipped' | 'suppressed' | 'failed',
    note: string | null,
    attempts: number,
    now: Date,
  ): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ status, last_error: note?.slice(0, 500) ?? null, attempts, finished_at: now.toISOString() })
      .where('run_id', '=', id)
      .where('subscription_id', '=', subscriptionId)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
  }

  /** sending → pending again, due at `next`, after a transient failure. */
  async retryLater(id: string, subscriptionId: string, attempts: number, next: Date, error: string) {
    await this.db
      .updateTable('deliveries')
      .set({
        status: 'pending',
        attempts,
        next_attempt_at: next.toISOString(),
        last_error: error.slice(0, 500),
      })
      .where('run_id', '=', id)
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'sending')
      .execute();
  }

  /** When the earliest pending delivery is due, or null when none is pending. */
  async nextDue(id: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('run_id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.next ? new Date(String(row.next)) : null;
  }

  async counts(id: string): Promise<DeliveryCounts> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('run_id', '=', id)
      .groupBy('status')
      .execute();
    const counts: DeliveryCounts = {
      pending: 0,
      sending: 0,
      sent: 0,
      skipped: 0,
      suppressed: 0,
      failed: 0,
      uncertain: 0,
    };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** Deliveries of a run in one state, with their address and last note (for the summary's report). */
  async listed(id: string, status: DeliveryStatus, limit: number) {
    return this.db
      .selectFrom('deliveries')
      .innerJoin('subscriptions', 'subscriptions.id', 'deliveries.subscription_id')
      .select(['subscriptions.email', 'deliveries.message_id', 'deliveries.last_error'])
      .where('deliveries.run_id', '=', id)
      .where('deliveries.status', '=', status)
      .orderBy('subscriptions.email')
      .limit(limit)
      .execute();
  }
}
