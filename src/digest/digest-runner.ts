/**
 * One digest run: opens the run of a period (idempotent), takes it, reports what a crashed runner left in
 * flight as uncertain, then sends every due delivery — claimed before sending, marked after — retrying
 * transient failures with backoff, suppressing addresses that fail permanently, and pausing after too
 * many failures in a row.
 */
import type { Logger } from 'pino';
import { AppError } from '../domain/errors.ts';
import { MailError } from '../mail/mail-transport.ts';
import type { KeyStore } from '../subscriptions/key-store.ts';
import type { SubscriptionStore } from '../subscriptions/subscription-store.ts';
import type { DigestBuilder } from './digest-builder.ts';
import { DigestComposer } from './digest-composer.ts';
import type { DigestPeriod } from './digest-period.ts';
import type { UpvotedPaper } from './like-upvoted.ts';
import type { DigestMailer } from './mailer.ts';
import type { DigestPaperSource, RankedCandidates } from './paper-source.ts';
import type { DeliveryCounts, DueDelivery, RunStore } from './run-store.ts';
import { isDeadLocalRunner, newRunnerId } from './runner-id.ts';
import type { UpvotedPaperSource } from './upvoted-papers.ts';

export interface DigestRunSettings {
  readonly host: string;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly pauseAfterFailures: number;
  /** A holder silent for this long is presumed dead. */
  readonly leaseMs: number;
}

export interface DigestRunSummary {
  readonly runId: string;
  readonly counts: DeliveryCounts;
  /** Deliveries a crashed runner left in flight, found by this run. */
  readonly newlyUncertain: number;
  /** Why the run paused, or null when it finished or nothing was left. */
  readonly paused: string | null;
  readonly done: boolean;
}

export class DigestRunBusyError extends AppError {
  constructor(runId: string, runner: string) {
    super('conflict', `digest run ${runId} is being sent by ${runner}; try again when it has finished`);
  }
}

/** The largest number of papers considered for one period (the selection takes the top few per subscriber). */
const CANDIDATES = 500;
const BATCH = 200;
/** How many of a member's upvoted papers "like my upvotes" compares with (the most recent). */
export const UPVOTED_PER_MEMBER = 100;

export class DigestRunner {
  constructor(
    private readonly runs: RunStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly papers: DigestPaperSource,
    private readonly builder: DigestBuilder,
    private readonly mailer: DigestMailer,
    private readonly keys: KeyStore,
    private readonly upvoted: UpvotedPaperSource,
    private readonly settings: DigestRunSettings,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(period: DigestPeriod, onProgress?: (counts: DeliveryCounts) => void): Promise<DigestRunSummary> {
    const run = await this.runs.open(period, this.settings.host, this.clock());
    const runner = newRunnerId();
    await this.acquire(run.id, runner);
    const heartbeat = setInterval(
      () => void this.runs.heartbeat(run.id, runner, this.clock()).catch(() => {}),
      Math.max(1000, this.settings.leaseMs / 3),
    );
    let paused: string | null = null;
    try {
      const newlyUncertain = await this.runs.markInFlightUncertain(run.id, this.clock());
      if (newlyUncertain > 0) {
        this.logger.warn(
          { runId: run.id, newlyUncertain },
          'deliveries left in flight by a stopped runner are uncertain',
        );
      }
      const candidates = await this.papers.rankedPapers(period.from, period.to, CANDIDATES);
      const key = await this.keys.get();
      paused = await this.sendAll(run.id, period, candidates, key, onProgress);
      const counts = await this.runs.counts(run.id);
      const done = paused === null && counts.pending === 0;
      await this.runs.release(run.id, runner, done ? 'done' : 'paused', paused, this.clock());
      return { runId: run.id, counts, newlyUncertain, paused, done };
    } catch (error) {
      await this.runs.release(run.id, runner, 'paused', 'stopped by an error', this.clock()).catch(() => {});
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async acquire(runId: string, runner: string): Promise<void> {
    if (await this.runs.acquire(runId, runner, this.clock(), null)) return;
    const current = await this.runs.get(runId);
    const holder = current?.runner ?? null;
    if (holder === null) {
      if (await this.runs.acquire(runId, runner, this.clock(), null)) return;
      throw new DigestRunBusyError(runId, 'another runner');
    }
    const seen = current?.runnerSeenAt ? Date.parse(current.runnerSeenAt) : 0;
    const stale = isDeadLocalRunner(holder) || this.clock().getTime() - seen > this.settings.leaseMs;
    if (stale && (await this.runs.acquire(runId, runner, this.clock(), holder))) return;
    throw new DigestRunBusyError(runId, holder);
  }

  /** Sends until nothing is pending; returns why it paused, or null. */
  private async sendAll(
    runId: string,
    period: DigestPeriod,
    candidates: RankedCandidates,
    key: Buffer,
    onProgress?: (counts: DeliveryCounts) => void,
  ): Promise<string | null> {
    const state = { consecutiveFailures: 0, paused: null as string | null, lastError: '' };
    const composer = new DigestComposer(this.builder, period, candidates, key);
    for (;;) {
      const due = await this.runs.due(runId, this.clock(), BATCH);
      if (due.length === 0) {
        const next = await this.runs.nextDue(runId);
        if (next === null) return null;
        await sleep(Math.max(0, next.getTime() - this.clock().getTime()));
        continue;
      }
      const likes = await this.upvoted.upvotedBy(
        due.flatMap((d) => (d.upvotesOf ? [d.upvotesOf] : [])),
        UPVOTED_PER_MEMBER,
      );
      let index = 0;
      const worker = async () => {
        while (state.paused === null) {
          const delivery = due[index++];
          if (!delivery) return;
          const upvoted = delivery.upvotesOf ? (likes.get(delivery.upvotesOf) ?? []) : [];
          await this.deliver(runId, composer, delivery, upvoted, state);
        }
      };
      await Promise.all(Array.from({ length: this.settings.concurrency }, worker));
      onProgress?.(await this.runs.counts(runId));
      if (state.paused !== null) return state.paused;
    }
  }

  private async deliver(
    runId: string,
    composer: DigestComposer,
    delivery: DueDelivery,
    upvoted: readonly UpvotedPaper[],
    state: { consecutiveFailures: number; paused: string | null; lastError: string },
  ): Promise<void> {
    const { subscriptionId } = delivery;
    const now = this.clock();
    if (!delivery.subscribed) {
      return this.runs.finish(runId, subscriptionId, 'skipped', 'unsubscribed', delivery.attempts, now);
    }
    if (delivery.suppressed) {
      return this.runs.finish(
        runId,
        subscriptionId,
        'suppressed',
        'on the suppression list',
        delivery.attempts,
        now,
      );
    }
    const message = composer.compose(delivery, upvoted, delivery.messageId, now);
    if (message === null) {
      return this.runs.finish(
        runId,
        subscriptionId,
        'skipped',
        'no papers for this subscriber',
        delivery.attempts,
        now,
      );
    }
    if (!(await this.runs.claim(runId, subscriptionId, now))) return;
    const attempts = delivery.attempts + 1;
    try {
      await this.mailer.send(message);
      await this.runs.finish(runId, subscriptionId, 'sent', null, attempts, this.clock());
      state.consecutiveFailures = 0;
    } catch (error) {
      const permanent = error instanceof MailError && error.permanent;
      const reason = describe(error).replaceAll(delivery.email, '<recipient>');
      state.consecutiveFailures++;
      state.lastError = reason;
      if (permanent) {
        await this.subscriptions.suppress(delivery.email, 'hard_bounce', reason, this.clock());
        await this.runs.finish(runId, subscriptionId, 'failed', reason, attempts, this.clock());
      } else if (attempts >= this.settings.maxAttempts) {
        await this.runs.finish(runId, subscriptionId, 'failed', reason, attempts, this.clock());
      } else {
        const wait = this.settings.retryBaseMs * 2 ** (attempts - 1);
        await this.runs.retryLater(
          runId,
          subscriptionId,
          attempts,
          new Date(this.clock().getTime() + wait),
          reason,
        );
      }
      this.logger.warn({ runId, subscriptionId, attempts, permanent, reason }, 'a digest delivery failed');
      if (state.consecutiveFailures >= this.settings.pauseAfterFailures && state.paused === null) {
        state.paused = `paused after ${state.consecutiveFailures} failures in a row (last: ${reason})`;
      }
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof MailError) {
    return `${error.responseCode ?? 'connection'}: ${error.message}`.replace(/\s+/g, ' ').slice(0, 300);
  }
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
