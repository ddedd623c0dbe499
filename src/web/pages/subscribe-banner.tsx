/** The seed page's banner: an email field and a Subscribe button, a plain form that works without JavaScript. */
export function SubscribeBanner() {
  return (
    <aside class="banner" aria-labelledby="subscribe-title">
      <p id="subscribe-title" class="banner-title">
        Get trending papers in your email inbox!
      </p>
      <form class="subscribe" method="post" action="/subscribe">
        <label for="subscribe-email" class="vh">
          Email address
        </label>
        <input
          id="subscribe-email"
          type="email"
          name="email"
          placeholder="you@example.org"
          autocomplete="email"
          maxLength={254}
          required
        />
        <button type="submit">Subscribe</button>
      </form>
    </aside>
  );
}
