import { MessagePage } from './message-page.tsx';

/** What the List-Unsubscribe address shows to a GET: one button (mail clients POST to it directly). */
export function UnsubscribePage({ token, email }: { token: string; email: string }) {
  return (
    <MessagePage title="Unsubscribe">
      <p class="message-text">Stop sending the Paperpulse digest to {email}?</p>
      <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
        <button type="submit">Unsubscribe</button>
      </form>
    </MessagePage>
  );
}

export function UnsubscribedPage({ email, preferencesUrl }: { email: string; preferencesUrl: string }) {
  return (
    <MessagePage title="You are unsubscribed">
      <p class="message-text">{email} will get no more digests.</p>
      <p class="message-actions">
        <a class="button" href={preferencesUrl}>
          Changed your mind? Subscribe again
        </a>
      </p>
    </MessagePage>
  );
}
