import type { DigestService } from '../digest/digest-service.ts';
import type { SubscriptionService } from '../subscriptions/subscription-service.ts';

/** What the subscribe, preferences, unsubscribe and digest pages need (src/subscriptions, src/digest). */
export interface DigestWebDeps {
  readonly subscriptions: SubscriptionService;
  readonly digests: DigestService;
  /** Subscription requests one IP may make per hour. */
  readonly requestsPerIpPerHour: number;
}
