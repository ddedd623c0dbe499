/** Digests for the CLI, the scheduler and the web: run a period, preview it, show one subscriber's digest. */
import { NotFoundError } from '../domain/errors.ts';
import type { KeyStore } from '../subscriptions/key-store.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import type { Subscription, SubscriptionStore } from '../subscriptions/subscription-store.ts';
import type { DigestBuilder, DigestRecipient } from './digest-builder.ts';
import { type DigestPeriod, parseDigestPeriod } from './digest-period.ts';
import { type DigestRunner, type DigestRunSummary, UPVOTED_PER_MEMBER } from './digest-runner.ts';
import type { DigestPaperSource } from './paper-source.ts';
import { renderDigestHtml } from './render-html.tsx';
import type { DeliveryCounts, RunStore } from './run-store.ts';
import type { UpvotedPaperSource } from './upvoted-papers.ts';

export interface DryRunSummary {
  readonly subscribers: number;
  /** Subscribers who would get a digest (the others have no papers, or are suppressed). */
  readonly wouldSend: number;
  readonly noPapers: number;
  readonly suppressed: number;
  readonly papers: number;
}

const PAGE = 1000;

export class DigestService {
  constructor(
    private readonly runner: DigestRunner,
    private readonly builder: DigestBuilder,
    private readonly papers: DigestPaperSource,
    private readonly subscriptionStore: SubscriptionStore,
    private readonly subscriptions: SubscriptionService,
    private readonly keys: KeyStore,
    private readonly runs: RunStore,
    private readonly upvoted: UpvotedPaperSource,
  ) {}

  run(period: DigestPeriod, onProgress?: (counts: DeliveryCounts) => void): Promise<DigestRunSummary> {
    return this.runner.run(period, onProgress);
  }

  /** Deliveries of a run in one state (for the report of uncertain and failed ones). */
  listed(runId: string, status: 'uncertain' | 'failed', limit: number) {
    return this.runs.listed(runId, status, limit);
  }

  /** What a run would do, changing nothing. */
  async dryRun(period: DigestPeriod): Promise<DryRunSummary> {
    const candidates = await this.papers.rankedPapers(period.from, period.to, 500);
    const key = await this.keys.get();
    const summary = {
      subscribers: 0,
      wouldSend: 0,
      noPapers: 0,
      suppressed: 0,
      papers: candidates.papers.length,
    };
    let after = '';
    for (;;) {
      const page = await this.subscriptionStore.confirmedPage(period.list, after, PAGE);
      if (page.length === 0) return summary;
      const likes = await this.upvoted.upvotedBy(
        page.flatMap((s) => (s.likeUpvotes && s.memberId ? [s.memberId] : [])),
        UPVOTED_PER_MEMBER,
      );
      for (const s of page) {
        summary.subscribers++;
        const r = recipient(s);
        const upvoted = r.upvotesOf ? (likes.get(r.upvotesOf) ?? []) : [];
        if (await this.subscriptionStore.isSuppressed(s.email)) summary.suppressed++;
        else if (this.builder.content(r, period, candidates, key, upvoted) === null) summary.noPapers++;
        else summary.wouldSend++;
      }
      after = page[page.length - 1]?.id ?? after;
    }
  }

  /** One subscriber's digest of a period as a web page (the email's HTML part), by their link token. */
  async webDigest(token: string, periodKey: string): Promise<string> {
    const subscription = await this.subscriptions.byLinkToken(token);
    const period = parseDigestPeriod(periodKey);
    if (!period) throw new NotFoundError(`“${periodKey.slice(0, 20)}” is not a digest period.`);
    const candidates = await this.papers.rankedPapers(period.from, period.to, 500);
    const r = recipient(subscription);
    const upvoted = r.upvotesOf
      ? ((await this.upvoted.upvotedBy([r.upvotesOf], UPVOTED_PER_MEMBER)).get(r.upvotesOf) ?? [])
      : [];
    const content = this.builder.content(r, period, candidates, await this.keys.get(), upvoted);
    if (!content) throw new NotFoundError(`There are no papers for you in the digest of ${period.label}.`);
    return renderDigestHtml(content);
  }
}

function recipient(s: Subscription): DigestRecipient {
  return {
    subscriptionId: s.id,
    email: s.email,
    topics: s.topics,
    tokenVersion: s.tokenVersion,
    upvotesOf: s.likeUpvotes ? s.memberId : null,
  };
}
