import type { Subscription } from '../../subscriptions/subscription-store.ts';
import { DigestTopicFields } from './digest-topic-fields.tsx';
import { MessagePage } from './message-page.tsx';

export interface PreferencesPageProps {
  readonly subscription: Subscription;
  readonly token: string;
  readonly csrf: string;
  readonly saved: boolean;
  /** Whether a member is signed in (who may then choose "like my upvotes"). */
  readonly signedIn: boolean;
}

/** A subscriber's preferences, reached by the tokenised link in every digest (no sign-in). */
export function PreferencesPage({ subscription, token, csrf, saved, signedIn }: PreferencesPageProps) {
  const active = subscription.status === 'confirmed';
  return (
    <MessagePage title="Your digest">
      {saved ? (
        <p class="message-text" role="status">
          Saved.
        </p>
      ) : null}
      <p class="message-text">
        {active
          ? `The Paperpulse digest goes to ${subscription.email}.`
          : `${subscription.email} does not receive the digest.`}
      </p>
      <form method="post" action="/subscription">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="_csrf" value={csrf} />
        <DigestTopicFields
          frequency={subscription.frequency}
          topics={subscription.topics}
          likeUpvotes={signedIn || subscription.likeUpvotes ? { checked: subscription.likeUpvotes } : null}
        />
        <p>
          <button type="submit" name="action" value={active ? 'save' : 'resubscribe'}>
            {active ? 'Save' : 'Subscribe again'}
          </button>
        </p>
      </form>
      {active ? (
        <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
          <button type="submit">Unsubscribe</button>
        </form>
      ) : null}
    </MessagePage>
  );
}
