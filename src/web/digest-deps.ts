import type { DigestService } from '../digest/digest-service.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';
import type { CurrentMember } from './session.ts';

/** What the subscribe, preferences, unsubscribe and digest pages need (src/subscriptions, src/digest). */
export interface DigestWebDeps {
  readonly subscriptions: SubscriptionService;
  readonly digests: DigestService;
  /** Subscription requests one IP may make per hour. */
  readonly requestsPerIpPerHour: number;
  /** The .eml outbox admins browse at /admin/outbox; null when SMTP sends mail. */
  readonly outboxDir: string | null;
}

/** What the pages also need from the rest of the site: its address, and who is signed in. */
export interface DigestPageDeps extends DigestWebDeps {
  readonly publicUrl: string;
  readonly current: CurrentMember;
}
