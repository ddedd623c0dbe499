/**
 * Writes a FeedDocument as RSS 2.0 or Atom 1.0 (with the `feed` package, which escapes and wraps text
 * in CDATA safely) or as JSON Feed 1.1 (written here: `feed` only speaks JSON Feed 1.0).
 * Titles stay plain text; descriptions are HTML built from escaped text.
 */
import { Feed } from 'feed';
import type { FeedDocument, FeedEntry } from './feed-document.ts';

export const FEED_FORMATS = {
  xml: { type: 'application/rss+xml; charset=utf-8', write: rss },
  atom: { type: 'application/atom+xml; charset=utf-8', write: atom },
  json: { type: 'application/feed+json; charset=utf-8', write: jsonFeed },
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

function rss(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  for (const entry of doc.entries) feed.addItem({ ...commonItem(entry), title: entry.title });
  return feed.rss2();
}

function atom(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  // Atom entries say their title is HTML, so the title's own text is escaped into it.
  for (const entry of doc.entries) feed.addItem({ ...commonItem(entry), title: escapeHtml(entry.title) });
  return feed.atom1();
}

function baseFeed(doc: FeedDocument): Feed {
  return new Feed({
    id: doc.feedUrls.atom,
    title: doc.title,
    description: doc.description,
    link: doc.pageUrl,
    updated: doc.updated,
    generator: 'Paperpulse',
    feedLinks: { rss: doc.feedUrls.xml, atom: doc.feedUrls.atom, json: doc.feedUrls.json },
  });
}

function commonItem(entry: FeedEntry) {
  return {
    id: entry.url,
    guid: entry.url,
    link: entry.url,
    date: entry.date,
    description: descriptionHtml(entry),
    author: entry.authors.map((name) => ({ name })),
    category: entry.categories.map((name) => ({ name, term: name })),
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function jsonFeed(doc: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    description: doc.description,
    home_page_url: doc.pageUrl,
    feed_url: doc.feedUrls.json,
    items: doc.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      external_url: entry.arxivUrl,
      title: entry.title,
      content_text: entry.abstract,
      content_html: descriptionHtml(entry),
      date_published: entry.date.toISOString(),
      authors: entry.authors.map((name) => ({ name })),
      tags: entry.categories,
    })),
  });
}

function descriptionHtml(entry: FeedEntry): string {
  const authors = entry.authors.length > 0 ? `<p>${escapeHtml(entry.authors.join(', '))}</p>` : '';
  return `${authors}<p>${escapeHtml(entry.abstract)}</p><p><a href="${escapeHtml(entry.arxivUrl)}">arXiv</a></p>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
