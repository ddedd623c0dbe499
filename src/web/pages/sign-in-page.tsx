import { MessagePage } from './message-page.tsx';

/** Asks for an email address to send a sign-in link to. */
export function SignInPage({ csrf, notice }: { csrf: string; notice?: string }) {
  return (
    <MessagePage title="Sign in">
      {notice ? <p class="message-text">{notice}</p> : null}
      <p>We email you a link that signs you in; no password needed. A new address becomes a new member.</p>
      <form class="sign-in" method="post" action="/sign-in">
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="sign-in-email">Email address</label>{' '}
        <input id="sign-in-email" type="email" name="email" autocomplete="email" maxLength={254} required />{' '}
        <button type="submit">Email me a sign-in link</button>
      </form>
    </MessagePage>
  );
}

/** The answer to a sign-in request: the same whether or not the address belongs to a member. */
export function LinkSentPage() {
  return (
    <MessagePage title="Check your inbox">
      <p class="message-text">
        If the address is right, a sign-in link is on its way. It works for a short while; you can close this
        page.
      </p>
    </MessagePage>
  );
}
