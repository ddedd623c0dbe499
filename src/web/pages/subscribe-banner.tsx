/**
 * The seed page's banner: an email field and a Subscribe button, a plain form that works without
 * JavaScript. Listing pages are cached and shared, so the form carries no per-browser token: /subscribe
 * checks its Origin, and double opt-in does the rest.
 */
export function SubscribeBanner() {
  return (
    <aside class="banner" aria-labelledby="subscribe-title">
      <p id="subscribe-title" class="banner-title">
        Get trending papers in your email inbox!
      </p>
      <form class="subscribe" method="post" action="/subscribe">
        <input type="hidden" name="source" value="banner" />
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
      <p class="banner-more">
        <a href="/subscribe">Weekly, or only your topics?</a>
      </p>
    </aside>
  );
}
