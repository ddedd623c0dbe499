import type { ComponentChildren } from 'preact';
import type { Member } from '../../accounts/member.ts';
import type { AlternateLink } from '../../feeds/alternate-links.ts';

export interface LayoutProps {
  readonly title: string;
  readonly description?: string;
  readonly canonical?: string;
  /** Marks the site navigation link of the section the page belongs to. */
  readonly section?: 'listings';
  /** Asks search engines not to index the page (errors, notices). */
  readonly noindex?: boolean;
  /** Feeds of this page, for `<link rel="alternate">` autodiscovery. */
  readonly alternates?: readonly AlternateLink[];
  /**
   * Who is signed in, on pages rendered per request; left out on pages shared through the page cache,
   * which then show a neutral "Account" link (it leads to the profile or to sign-in).
   */
  readonly member?: Pick<Member, 'username'> | null;
  readonly children: ComponentChildren;
}

/** The document every page shares: head, skip link, site navigation, footer. */
export function Layout({
  title,
  description,
  canonical,
  section,
  noindex,
  alternates,
  member,
  children,
}: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {noindex ? <meta name="robots" content="noindex" /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        <link rel="stylesheet" href="/assets/style.css" />
        <script src="/assets/site.js" defer></script>
        <script src="/assets/upvote.js" defer></script>
        {(alternates ?? []).map((link) => (
          <link key={link.href} rel="alternate" type={link.type} title={link.title} href={link.href} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <nav class="site-nav" aria-label="Site">
            <a class="brand" href="/">
              Paperpulse
            </a>
            <a href="/papers" aria-current={section === 'listings' ? 'true' : undefined}>
              Daily papers
            </a>
            <a href="/papers/trending">Trending</a>
            <AccountLink member={member} />
          </nav>
          <search class="site-search">
            <form action="/search" method="get">
              <label for="site-search-q" class="vh">
                Search papers
              </label>
              <input
                id="site-search-q"
                type="search"
                name="q"
                placeholder="Search papers (press /)"
                maxLength={500}
                autocomplete="off"
              />{' '}
              <button type="submit">Search</button>
            </form>
          </search>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>
            Paperpulse: papers from <a href="https://arxiv.org">arXiv</a>, read and discussed by the research
            community. Titles and abstracts belong to their authors.
          </p>
        </footer>
      </body>
    </html>
  );
}

function AccountLink({ member }: { member: Pick<Member, 'username'> | null | undefined }) {
  if (member === undefined) return <a href="/account">Account</a>;
  if (member === null) return <a href="/sign-in">Sign in</a>;
  return <a href={`/members/${member.username}`}>@{member.username}</a>;
}
