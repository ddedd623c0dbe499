import { NO_TOPICS } from '../../subscriptions/topics.ts';
import { DigestTopicFields } from './digest-topic-fields.tsx';
import { MessagePage } from './message-page.tsx';

/** /subscribe: the full form, with frequency and topics; a signed-in member may add "like my upvotes". */
export function SubscribePage({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <MessagePage title="Get the papers in your inbox">
      <p class="message-text">
        A short email with the top papers of the day or the week, each with why it is there. We send a
        confirmation first; nothing else is sent until you confirm.
      </p>
      <form method="post" action="/subscribe">
        <input type="hidden" name="source" value="form" />
        <p>
          <label for="email">Email address</label>
          <br />
          <input id="email" type="email" name="email" autocomplete="email" maxLength={254} required />
        </p>
        <DigestTopicFields
          frequency="daily"
          topics={NO_TOPICS}
          likeUpvotes={signedIn ? { checked: false } : null}
        />
        <p>
          <button type="submit">Subscribe</button>
        </p>
      </form>
    </MessagePage>
  );
}

/** The one answer to every subscription request, known address or not. */
export function CheckInboxPage() {
  return (
    <MessagePage title="Check your inbox">
      <p class="message-text">
        If this address can receive the digest, an email with a confirmation link is on its way. Open it and
        press “Confirm” to start receiving papers.
      </p>
      <p class="message-text">Nothing arrived? Look in the spam folder, or try again in ten minutes.</p>
      <p>
        <a class="button" href="/">
          Back to the latest papers
        </a>
      </p>
    </MessagePage>
  );
}
