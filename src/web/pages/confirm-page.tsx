import { MessagePage } from './message-page.tsx';

/** The page a confirmation link opens: a button, so a link scanner that follows the link confirms nothing. */
export function ConfirmPage({ token, csrf, email }: { token: string; csrf: string; email: string }) {
  return (
    <MessagePage title="Confirm your subscription">
      <p class="message-text">Start sending the Paperpulse digest to {email}?</p>
      <form method="post" action="/subscribe/confirm">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">Confirm</button>
      </form>
    </MessagePage>
  );
}

export function ConfirmedPage({ preferencesUrl }: { preferencesUrl: string }) {
  return (
    <MessagePage title="You are subscribed">
      <p class="message-text">
        The next digest will come after the next listing. Every digest has a link to change your topics or to
        unsubscribe with one click.
      </p>
      <p class="message-actions">
        <a class="button" href={preferencesUrl}>
          Change your topics
        </a>{' '}
        <a class="button" href="/">
          See the latest papers
        </a>
      </p>
    </MessagePage>
  );
}
