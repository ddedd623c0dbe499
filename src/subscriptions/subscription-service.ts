/**
 * Subscribing with double opt-in, confirming, preferences and unsubscribing. Every answer to a
 * subscription request is the same whether or not the address is known; at most one email per address
 * per resend interval; suppressed addresses get nothing.
 */
import type { Logger } from 'pino';
import { BadRequestError, NotFoundError } from '../domain/errors.ts';
import { alreadySubscribedMail, confirmationMail } from './confirmation-mail.ts';
import { normaliseEmail } from './email-address.ts';
import type { KeyStore } from './key-store.ts';
import { confirmUrl, preferencesUrl } from './links.ts';
import type { Mailer } from './mailer.ts';
import type { Frequency } from './schema.ts';
import {
  NO_LIKES,
  type Subscription,
  type SubscriptionStore,
  type UpvoteLikes,
} from './subscription-store.ts';
import {
  hashIp,
  hashToken,
  isTokenShaped,
  linkToken,
  linkTokenId,
  linkTokenValid,
  randomToken,
} from './tokens.ts';
import type { Topics } from './topics.ts';

export interface SubscriptionSettings {
  readonly publicUrl: string;
  readonly from: string;
  readonly confirmHours: number;
  readonly resendMinutes: number;
}

export interface SubscribeRequest {
  readonly email: string;
  readonly frequency: Frequency;
  readonly topics: Topics;
  /** Where the request came from: banner, form. */
  readonly source: string;
  readonly ip: string | null;
  /** "Like my upvotes", honoured only for a signed-in member. */
  readonly likes?: UpvoteLikes;
}

export class SubscriptionService {
  constructor(
    private readonly store: SubscriptionStore,
    private readonly mailer: Mailer,
    private readonly keys: KeyStore,
    private readonly settings: SubscriptionSettings,
    private readonly logger: Logger,
  ) {}

  /** Handles a request to subscribe; the caller answers "check your inbox" whatever happened here. */
  async request(request: SubscribeRequest, now: Date): Promise<void> {
    const email = normaliseEmail(request.email);
    if (email === null) throw new BadRequestError('That does not look like an email address.');
    if (await this.store.isSuppressed(email)) return;
    const key = await this.keys.get();
    const ipHash = request.ip ? hashIp(key, request.ip) : null;
    await this.store.insert(
      {
        email,
        frequency: request.frequency,
        topics: request.topics,
        status: 'pending',
        consentSource: request.source,
        consentIpHash: ipHash,
        consentAt: null,
        likes: request.likes ?? NO_LIKES,
      },
      now,
    );
    const subscription = await this.store.byEmail(email);
    if (!subscription) return;
    const resendAfter = new Date(now.getTime() - this.settings.resendMinutes * 60_000);
    if (subscription.status === 'confirmed') {
      if (!(await this.store.claimNotice(subscription.id, now, resendAfter))) return;
      await this.sendQuietly(
        alreadySubscribedMail({
          from: this.settings.from,
          to: email,
          preferencesUrl: preferencesUrl(this.settings.publicUrl, this.linkTokenFor(key, subscription)),
        }),
        subscription.id,
      );
      return;
    }
    await this.sendConfirmation(subscription, request, ipHash, now, resendAfter);
  }

  /** Starts (or restarts) double opt-in for a pending or unsubscribed address; also used by import. */
  async sendConfirmation(
    subscription: Subscription,
    request: Pick<SubscribeRequest, 'frequency' | 'topics' | 'source' | 'likes'>,
    ipHash: string | null,
    now: Date,
    resendAfter = new Date(now.getTime() - this.settings.resendMinutes * 60_000),
  ): Promise<void> {
    const token = randomToken();
    const expires = new Date(now.getTime() + this.settings.confirmHours * 3_600_000);
    const won = await this.store.startConfirmation(
      subscription.id,
      {
        frequency: request.frequency,
        topics: request.topics,
        consentSource: request.source,
        consentIpHash: ipHash,
        likes: request.likes ?? NO_LIKES,
      },
      hashToken(token),
      now,
      expires,
      resendAfter,
    );
    if (!won) return;
    await this.sendQuietly(
      confirmationMail({
        from: this.settings.from,
        to: subscription.email,
        confirmUrl: confirmUrl(this.settings.publicUrl, token),
        expiresInHours: this.settings.confirmHours,
      }),
      subscription.id,
    );
  }

  /** The pending subscription a confirmation link names, for the page with the Confirm button. */
  async pendingByToken(token: string, now: Date): Promise<Subscription> {
    const found = isTokenShaped(token) ? await this.store.byConfirmHash(hashToken(token)) : null;
    if (found?.status !== 'pending' || (found.confirmExpiresAt ?? '') <= now.toISOString()) {
      throw new NotFoundError(
        'This confirmation link has expired or was already used. Subscribe again to get a new one.',
      );
    }
    return found;
  }

  /** Confirms by the token from the email (a POST from the confirmation page); returns the link token. */
  async confirm(token: string, now: Date): Promise<{ subscription: Subscription; linkToken: string }> {
    const confirmed = isTokenShaped(token) ? await this.store.confirm(hashToken(token), now) : null;
    if (!confirmed) {
      throw new NotFoundError(
        'This confirmation link has expired or was already used. Subscribe again to get a new one.',
      );
    }
    return { subscription: confirmed, linkToken: this.linkTokenFor(await this.keys.get(), confirmed) };
  }

  /** The subscription a preferences or unsubscribe link names. */
  async byLinkToken(token: string): Promise<Subscription> {
    const id = linkTokenId(token);
    const found = id ? await this.store.byId(id) : null;
    if (!found || !linkTokenValid(await this.keys.get(), token, found.tokenVersion)) {
      throw new NotFoundError('This link is not valid (any more). The latest digest has a working one.');
    }
    return found;
  }

  async linkToken(subscription: Subscription): Promise<string> {
    return this.linkTokenFor(await this.keys.get(), subscription);
  }

  /**
   * Saves preferences from the tokenised page. "Like my upvotes" follows the member signed in now, or
   * the one the subscription remembers; with neither it stays off.
   */
  async updatePreferences(token: string, frequency: Frequency, topics: Topics, now: Date, likes = NO_LIKES) {
    const subscription = await this.byLinkToken(token);
    const memberId = likes.memberId ?? subscription.memberId;
    await this.store.updatePreferences(subscription.id, frequency, topics, now, { memberId, on: likes.on });
  }

  async unsubscribe(token: string, now: Date): Promise<Subscription> {
    const subscription = await this.byLinkToken(token);
    if (subscription.status !== 'unsubscribed')
      await this.store.setStatus(subscription.id, 'unsubscribed', now);
    return subscription;
  }

  /** Subscribes again from the preferences page (the link proves the address is theirs). */
  async resubscribe(token: string, now: Date): Promise<void> {
    const subscription = await this.byLinkToken(token);
    if (subscription.status !== 'confirmed')
      await this.store.setStatus(subscription.id, 'confirmed', now, 'preferences');
  }

  private linkTokenFor(key: Buffer, subscription: Subscription): string {
    return linkToken(key, subscription.id, subscription.tokenVersion);
  }

  /** A failed confirmation email must not tell the visitor whether the address was known; it is logged. */
  private async sendQuietly(message: Parameters<Mailer['send']>[0], subscriptionId: string) {
    try {
      await this.mailer.send(message);
    } catch (error) {
      this.logger.warn({ subscriptionId, err: error }, 'a subscription email could not be sent');
    }
  }
}
