/**
 * `<link rel="alternate">` feed autodiscovery for a page. The pages (src/web) put these in `<head>`;
 * this file says which feeds a page has, so page and feed addresses cannot drift apart.
 */
export interface AlternateLink {
  readonly rel: 'alternate';
  readonly type: string;
  readonly title: string;
  readonly href: string;
}

const FORMATS = [
  { ext: 'xml', type: 'application/rss+xml', name: 'RSS' },
  { ext: 'atom', type: 'application/atom+xml', name: 'Atom' },
  { ext: 'json', type: 'application/feed+json', name: 'JSON Feed' },
] as const;

const TRENDING_WINDOWS = new Set(['day', 'week', 'month']);

/**
 * The feeds of the page at `pagePath` (`/`, `/papers`, `/papers/date/2025-03-14`, `/papers/week/2025-W11`,
 * `/papers/month/2025-03`, `/search?q=…`, `/papers/trending?window=…`, `/members/{username}`), with
 * absolute addresses; none for other pages.
 */
export function alternateLinks(
  pagePath: string,
  publicUrl: string,
  pageTitle = 'this page',
): AlternateLink[] {
  const url = new URL(pagePath, 'http://x');
  let base: string | null = null;
  let query = '';
  if (url.pathname === '/' || url.pathname === '/papers') base = '/papers/feed';
  else if (/^\/papers\/(?:date|week|month)\/[^/]+$/.test(url.pathname)) base = `${url.pathname}/feed`;
  else if (url.pathname === '/search' && url.searchParams.get('q')) {
    base = '/search/feed';
    query = `?q=${encodeURIComponent(url.searchParams.get('q') ?? '')}`;
  } else if (url.pathname === '/papers/trending') {
    base = '/papers/trending/feed';
    const window = url.searchParams.get('window');
    if (window && TRENDING_WINDOWS.has(window)) query = `?window=${window}`;
  } else if (/^\/members\/[^/]+$/.test(url.pathname)) base = `${url.pathname}/feed`;
  if (base === null) return [];
  return FORMATS.map(({ ext, type, name }) => ({
    rel: 'alternate',
    type,
    title: `${pageTitle} (${name})`,
    href: `${publicUrl}${base}.${ext}${query}`,
  }));
}
